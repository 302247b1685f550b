/**
 * `npm run bench`: import speed against the floor of plain DuckDB on the same file, in the same run.
 * Each measurement runs in a child process so peak RSS is that of the work alone.
 *   npm run bench            1M events (NDJSON and CSV)
 *   npm run bench -- --10m   also 10M events
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsv, writeNdjson } from './generate.ts';

const dir = join(process.cwd(), '.bench');
const sizes = [1_000_000, ...(process.argv.includes('--10m') ? [10_000_000] : [])];

interface Measure {
  ms: number;
  rssMb: number;
  events: number;
}

function child(mode: 'floor' | 'import', file: string, format: 'ndjson' | 'csv'): Measure {
  const casePath = join(dir, `${mode}-${format}.duckdb`);
  rmSync(casePath, { force: true });
  rmSync(`${casePath}.wal`, { force: true });
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'measure.ts'), mode, file, format, casePath], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  rmSync(casePath, { force: true });
  rmSync(`${casePath}.wal`, { force: true });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measure;
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
      const imp = child('import', file, format);
      const ratio = imp.ms / floor.ms;
      rows.push(
        `${(n / 1e6).toFixed(0)}M ${format.padEnd(6)} ${mb.toFixed(0).padStart(6)} MB  floor ${(floor.ms / 1000).toFixed(2)} s  ` +
          `import ${(imp.ms / 1000).toFixed(2)} s  ratio ${ratio.toFixed(2)}  ${Math.round(imp.events / (imp.ms / 1000)).toLocaleString('en-US')} events/s  ` +
          `peak RSS ${imp.rssMb.toFixed(0)} MB (floor ${floor.rssMb.toFixed(0)} MB)`,
      );
      process.stdout.write(rows[rows.length - 1] + '\n');
    }
  }
}

await main();
