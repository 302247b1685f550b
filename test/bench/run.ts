/**
 * `npm run bench`: import speed against the floor of plain DuckDB on the same file, in the same run.
 * Each measurement runs in a child process with a deadline (child.ts), so peak RSS is that of the
 * work alone and a stuck child fails the step loudly instead of hanging the benchmark. After the
 * NDJSON import, the browsing latencies are measured on the case it built (explore.ts); on the 1M
 * case the browser scrolling benchmark runs in Chromium (scroll-browser.ts) and the 1M NDJSON file
 * is compared with lnav (lnav.ts), then exports, bulk tagging, the report and session restore are
 * measured on it (sessions.ts). Any failed step makes the run exit 1, after the others ran.
 *   npm run bench            1M events (NDJSON and CSV)
 *   npm run bench -- --10m   also 10M events (NDJSON)
 *   npm run bench -- --10m-only   the 10M part alone; --keep leaves the imported NDJSON cases in .bench
 *   npm run bench -- --pull   only the collector benchmark (pull.ts: 100k events from a fake Okta), which otherwise runs last
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromiumMissing } from '../e2e/chromium.ts';
import { BenchStepFailed, deadline, runTs } from './child.ts';
import { writeCsv, writeNdjson } from './generate.ts';
import { compareWithLnav } from './lnav.ts';
import { pullBench } from './pull.ts';

const dir = join(process.cwd(), '.bench');
const args = process.argv.slice(2);
const sizes = args.includes('--10m-only') ? [10_000_000] : [1_000_000, ...(args.includes('--10m') ? [10_000_000] : [])];
/** Keep the imported NDJSON cases in .bench (to profile queries on them). */
const keepCases = args.includes('--keep');
const MIN = 60_000;

interface Measure {
  ms: number;
  rssMb: number;
  events: number;
}

const failures: string[] = [];
const say = (line: string): void => {
  process.stdout.write(line + '\n');
};
const indent = (out: string): string => out.trimEnd().replace(/^/gm, '    ');

/** Runs a step; a failure is reported at once and again at the end, and the other steps still run. */
function step(label: string, f: () => void): void {
  try {
    f();
  } catch (e) {
    const msg = e instanceof BenchStepFailed ? e.message : `${label}: ${(e as Error).stack ?? String(e)}`;
    failures.push(msg);
    process.stderr.write(`FAILED ${msg}\n`);
  }
}

function removeCase(casePath: string): void {
  for (const p of [casePath, `${casePath}.wal`, `${casePath}.tmp`]) rmSync(p, { force: true, recursive: true });
}

/** One measurement in a child process; with `keep`, the case it built stays for the browsing benchmark. */
function measure(mode: 'floor' | 'import', file: string, format: 'ndjson' | 'csv', deadlineMs: number, keep = false): Measure & { casePath: string } {
  const casePath = join(dir, `${mode}-${format}.duckdb`);
  removeCase(casePath);
  const out = runTs(`${mode} ${format}`, join(import.meta.dirname, 'measure.ts'), [mode, file, format, casePath], { deadlineMs });
  if (!keep) removeCase(casePath);
  return { ...(JSON.parse(out.stdout.trim().split('\n').pop() as string) as Measure), casePath };
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  say(`machine load (1, 5, 15 min) at start: ${load()}`);
  for (const n of args.includes('--pull') ? [] : sizes) {
    const millions = n / 1e6;
    // 10M: NDJSON only (the CSV target is at 1M; the 10M CSV file would add 1.6 GB and half an hour).
    for (const format of n > 1_000_000 ? (['ndjson'] as const) : (['ndjson', 'csv'] as const)) {
      const file = join(dir, `events-${n}.${format}`);
      if (!existsSync(file)) {
        process.stderr.write(`generating ${file}…\n`);
        await (format === 'ndjson' ? writeNdjson(file, n) : writeCsv(file, n));
      }
      const mb = statSync(file).size / 1048576;
      let floor: Measure | undefined;
      let imp: (Measure & { casePath: string }) | undefined;
      step(`floor ${format}`, () => {
        floor = measure('floor', file, format, deadline(5 * MIN, 5 * MIN, millions));
      });
      if (!floor) continue;
      const floorMs = floor.ms;
      step(`import ${format}`, () => {
        imp = measure('import', file, format, deadline(10 * MIN, 40, floorMs), format === 'ndjson');
      });
      if (!imp) continue;
      say(
        `${millions.toFixed(0)}M ${format.padEnd(6)} ${mb.toFixed(0).padStart(6)} MB  floor ${(floor.ms / 1000).toFixed(2)} s  ` +
          `import ${(imp.ms / 1000).toFixed(2)} s  ratio ${(imp.ms / floor.ms).toFixed(2)}  ${Math.round(imp.events / (imp.ms / 1000)).toLocaleString('en-US')} events/s  ` +
          `peak RSS ${imp.rssMb.toFixed(0)} MB (floor ${floor.rssMb.toFixed(0)} MB)  load ${load()}`,
      );
      if (format !== 'ndjson') continue;
      const casePath = imp.casePath;
      say(`  browsing the ${millions.toFixed(0)}M case:`);
      step(`browsing the ${millions}M case`, () => {
        say(indent(runTs('explore.ts', join(import.meta.dirname, 'explore.ts'), [casePath], { deadlineMs: deadline(10 * MIN, 10 * MIN, millions / 10) }).stdout));
      });
      if (n === 1_000_000) {
        if (chromiumMissing) say(`    browser scroll benchmark skipped: ${chromiumMissing}`);
        else
          step('browser scroll', () => {
            say(indent(runTs('scroll-browser.ts', join(import.meta.dirname, 'scroll-browser.ts'), ['--case', casePath], { deadlineMs: 20 * MIN }).stdout));
          });
      }
      if (n === 1_000_000) {
        // Last on the case: it adds annotations.
        say('  analysis sessions on the 1M case:');
        step('sessions', () => {
          say(indent(runTs('sessions.ts', join(import.meta.dirname, 'sessions.ts'), [casePath], { deadlineMs: 20 * MIN }).stdout));
        });
      }
      if (!keepCases) removeCase(casePath);
      if (n === 1_000_000) {
        say('  against lnav on the same file:');
        step('lnav comparison', () => say(indent(compareWithLnav(file, dir, floorMs).join('\n'))));
      }
    }
  }
  try {
    for (const line of await pullBench(dir)) say(line);
  } catch (e) {
    failures.push(`collector pull: ${e instanceof Error ? e.message : String(e)}`);
  }
  say(`machine load at the end: ${load()}`);
  if (failures.length) {
    process.stderr.write(`\n${failures.length} benchmark step(s) FAILED:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
