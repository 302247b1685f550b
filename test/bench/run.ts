/**
 * `npm run bench`: import speed against the floor of plain DuckDB on the same file, in the same run.
 * Each measurement runs in a child process so peak RSS is that of the work alone. After the NDJSON
 * import, the browsing latencies of issue 3 are measured on the case it built (explore.ts), and on
 * the 1M case the browser scrolling benchmark runs in Chromium (scroll-browser.ts).
 *   npm run bench            1M events (NDJSON and CSV)
 *   npm run bench -- --10m   also 10M events
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissing } from '../e2e/chromium.ts';
import { writeCsv, writeNdjson } from './generate.ts';

const dir = join(process.cwd(), '.bench');
const sizes = [1_000_000, ...(process.argv.includes('--10m') ? [10_000_000] : [])];

interface Measure {
  ms: number;
  rssMb: number;
  events: number;
}

function removeCase(casePath: string): void {
  for (const p of [casePath, `${casePath}.wal`, `${casePath}.tmp`]) rmSync(p, { force: true, recursive: true });
}

/** Runs one measurement in a child process; with `keep`, the case it built stays for the browsing benchmark. */
function child(mode: 'floor' | 'import', file: string, format: 'ndjson' | 'csv', keep = false): Measure & { casePath: string } {
  const casePath = join(dir, `${mode}-${format}.duckdb`);
  removeCase(casePath);
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'measure.ts'), mode, file, format, casePath], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (!keep) removeCase(casePath);
  return { ...(JSON.parse(out.trim().split('\n').pop() as string) as Measure), casePath };
}

function browse(casePath: string): void {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'explore.ts'), casePath], { encoding: 'utf8' });
  process.stdout.write(out.trimEnd().replace(/^/gm, '    ') + '\n');
}

/** How long table rows stay placeholders after scrolling, in Chromium against the serve host. */
function scrollInBrowser(casePath: string): void {
  if (chromiumMissing) {
    process.stdout.write(`    browser scroll benchmark skipped: ${chromiumMissing}\n`);
    return;
  }
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'scroll-browser.ts'), '--case', casePath],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.stdout.write(out.trimEnd().replace(/^/gm, '    ') + '\n');
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const rows: string[] = [];
  for (const n of sizes) {
    for (const format of ['ndjson', 'csv'] as const) {
      const file = join(dir, `events-${n}.${format}`);
      if (!existsSync(file)) {
        process.stderr.write(`generating ${file}…\n`);
        await (format === 'ndjson' ? writeNdjson(file, n) : writeCsv(file, n));
      }
      const mb = statSync(file).size / 1048576;
      const floor = child('floor', file, format);
      const imp = child('import', file, format, format === 'ndjson');
      const ratio = imp.ms / floor.ms;
      rows.push(
        `${(n / 1e6).toFixed(0)}M ${format.padEnd(6)} ${mb.toFixed(0).padStart(6)} MB  floor ${(floor.ms / 1000).toFixed(2)} s  ` +
          `import ${(imp.ms / 1000).toFixed(2)} s  ratio ${ratio.toFixed(2)}  ${Math.round(imp.events / (imp.ms / 1000)).toLocaleString('en-US')} events/s  ` +
          `peak RSS ${imp.rssMb.toFixed(0)} MB (floor ${floor.rssMb.toFixed(0)} MB)`,
      );
      process.stdout.write(rows[rows.length - 1] + '\n');
      if (format === 'ndjson') {
        process.stdout.write(`  browsing the ${(n / 1e6).toFixed(0)}M case:\n`);
        browse(imp.casePath);
        if (n === 1_000_000) scrollInBrowser(imp.casePath);
        removeCase(imp.casePath);
      }
    }
  }
}

await main();
