/**
 * Collector benchmark (issue 10): a local fake Okta serves N events and the collector pulls them
 * into a new case, against the floor of a bare fetch loop over the same pages, in the same run.
 * Each side runs in a child process (the fake server stays here, so it is not counted in either).
 * Memory should stay flat with the number of pages: the same measurement at N/5 events is shown.
 *   npx tsx test/bench/pull.ts [--events 100000]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { oktaEvent, startFakeOkta } from '../collect/fake/okta.ts';

const run = promisify(execFile);
const TOKEN = 'bench-okta-token';
const FROM = '2025-03-01';
const TO = '2025-03-03';

interface PullMeasure {
  ms: number;
  rssMb: number;
  heapMb: number;
  events: number;
  pages: number;
}

async function measure(mode: 'floor' | 'pull', baseUrl: string, casePath: string): Promise<PullMeasure> {
  for (const p of [casePath, `${casePath}.wal`]) rmSync(p, { force: true });
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'pull-measure.ts'), mode, baseUrl, TOKEN, FROM, TO, casePath],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  for (const p of [casePath, `${casePath}.wal`]) rmSync(p, { force: true });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as PullMeasure;
}

async function bench(n: number, dir: string): Promise<{ floor: PullMeasure; pull: PullMeasure }> {
  const span = Date.parse(TO) - Date.parse(FROM);
  const fake = await startFakeOkta({ events: Array.from({ length: n }, (_, i) => oktaEvent(i + 1, Date.parse(FROM) + Math.floor((i * span) / n))), token: TOKEN });
  try {
    const floor = await measure('floor', fake.server.url, join(dir, 'pull-floor.duckdb'));
    const pull = await measure('pull', fake.server.url, join(dir, 'pull.duckdb'));
    if (pull.events !== n || floor.events !== n) throw new Error(`expected ${n} events, floor ${floor.events}, pull ${pull.events}`);
    if (fake.server.problems.length) throw new Error(fake.server.problems.join('\n'));
    return { floor, pull };
  } finally {
    await fake.close();
  }
}

export async function pullBench(dir: string, n = 100_000): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  const results: { n: number; floor: PullMeasure; pull: PullMeasure }[] = [];
  for (const size of [Math.round(n / 5), n]) {
    const r = await bench(size, dir);
    results.push({ n: size, ...r });
    const rate = (m: PullMeasure): string => `${Math.round(m.events / (m.ms / 1000)).toLocaleString('en-US')} events/s`;
    lines.push(
      `pull ${size.toLocaleString('en-US').padStart(7)} events, ${r.pull.pages} pages: collector ${(r.pull.ms / 1000).toFixed(2)} s (${rate(r.pull)}), ` +
        `bare fetch floor ${(r.floor.ms / 1000).toFixed(2)} s (${rate(r.floor)}), ratio ${(r.pull.ms / r.floor.ms).toFixed(2)}; ` +
        `peak RSS ${r.pull.rssMb.toFixed(0)} MB, peak heap ${r.pull.heapMb.toFixed(0)} MB`,
    );
  }
  const [small, big] = results as [(typeof results)[0], (typeof results)[0]];
  lines.push(
    `pull memory with ${big.pull.pages / small.pull.pages}x the pages: peak RSS x${(big.pull.rssMb / small.pull.rssMb).toFixed(2)}, peak heap x${(big.pull.heapMb / small.pull.heapMb).toFixed(2)}`,
  );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--events');
  const n = i > 0 ? Number(process.argv[i + 1]) : 100_000;
  for (const line of await pullBench(join(process.cwd(), '.bench'), n)) process.stdout.write(`${line}\n`);
}
