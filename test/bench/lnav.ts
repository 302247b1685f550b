/**
 * AuditLens against lnav (issue 11) on the same NDJSON file: from a fresh export to the first
 * answer (lnav open + one SQL count; `auditlens import` + `auditlens query --count`, both cold
 * processes), then later filters (lnav in one open session, AuditLens on the open case).
 * lnav is Debian's package; the benchmark installs nothing and says so where it is absent.
 * lnav runs with its own format for the generated events and a temporary HOME, so the user's lnav
 * configuration is neither read nor changed and every run starts cold.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchStepFailed, deadline, runChild, runTs } from './child.ts';

/** The same question in both tools' words (lnav reads nested objects as JSON text). */
const FILTERS = [
  { al: "action IN ('delete', 'permission.grant') AND outcome = 'failure'", lnav: "action IN ('delete', 'permission.grant') AND outcome = 'failure'" },
  { al: "actor = 'user42@corp.example'", lnav: "json_extract(user, '$.email') = 'user42@corp.example'" },
  { al: "src_ip LIKE '10.1.%'", lnav: "ip LIKE '10.1.%'" },
  { al: "target_type = 'credential' AND action = 'delete'", lnav: "json_extract(target, '$.type') = 'credential' AND action = 'delete'" },
] as const;
/** Later filters run this many times in one lnav session, so its start is measured once and subtracted. */
const REPEAT = 3;

const FORMAT = {
  $schema: 'https://lnav.org/schemas/format-v1.schema.json',
  bench_events: {
    title: 'AuditLens benchmark events',
    description: 'The events test/bench/generate.ts writes',
    json: true,
    'file-pattern': 'events-.*\\.ndjson$',
    'timestamp-field': 'timestamp',
    'body-field': 'message',
    value: {
      id: { kind: 'string', identifier: true },
      action: { kind: 'string', identifier: true },
      outcome: { kind: 'string', identifier: true },
      ip: { kind: 'string', identifier: true },
      user_agent: { kind: 'string' },
      user: { kind: 'json' },
      target: { kind: 'json' },
    },
  },
};

/** Why the lnav comparison cannot run here, or null. */
export function lnavMissing(): string | null {
  const r = spawnSync('lnav', ['-V'], { encoding: 'utf8', timeout: 30_000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return 'lnav is not installed (Debian: apt-get install lnav); the benchmark installs nothing, so the lnav comparison is skipped';
  }
  if (r.error || r.status !== 0) return `lnav -V failed (${r.error?.message ?? `exit ${r.status}`}); the lnav comparison is skipped`;
  return null;
}

const lastNumber = (out: string, label: string): number => {
  const m = out.trim().match(/(\d+)\s*$/);
  if (!m) throw new BenchStepFailed(`${label}: no count in its output: ${out.slice(-200)}`);
  return Number(m[1]);
};
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Runs the comparison; returns the lines to print. `floorMs` scales the deadlines. */
export function compareWithLnav(file: string, work: string, floorMs: number): string[] {
  const missing = lnavMissing();
  if (missing) return [missing];
  const version = spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout.trim();
  const home = mkdtempSync(join(tmpdir(), 'al-bench-lnav-'));
  const casePath = join(work, 'lnav-compare.duckdb');
  const removeCase = (): void => {
    for (const p of [casePath, `${casePath}.wal`]) rmSync(p, { force: true });
  };
  const lines: string[] = [];
  try {
    const cfg = join(home, 'cfg');
    mkdirSync(join(cfg, 'formats', 'bench'), { recursive: true });
    writeFileSync(join(cfg, 'formats', 'bench', 'bench.json'), JSON.stringify(FORMAT, null, 2));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    const limit = deadline(300_000, 40, floorMs);
    const lnav = (label: string, filters: string[]) =>
      runChild(label, 'lnav', ['-I', cfg, '-n', ...filters.flatMap((f) => ['-c', `;SELECT count(*) AS n FROM bench_events WHERE ${f}`]), file], {
        deadlineMs: limit,
        env,
      });
    const [first, ...later] = FILTERS;
    if (!first) return lines;

    const cold = lnav('lnav open + count', [first.lnav]);
    const lnavCount = lastNumber(cold.stdout, 'lnav');

    removeCase();
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'auditlens.js');
    const imp = runChild('auditlens import', process.execPath, [bin, 'import', casePath, file, '--json'], { deadlineMs: limit });
    const q = runChild('auditlens query --count', process.execPath, [bin, 'query', casePath, first.al, '--count'], { deadlineMs: limit });
    const alCount = lastNumber(q.stdout, 'auditlens query');
    const alMs = imp.ms + q.ms;
    lines.push(
      `${version}; first answer on a fresh export (${first.al}):`,
      `  lnav open + count ${s(cold.ms)} (${lnavCount.toLocaleString('en-US')}); AuditLens import ${s(imp.ms)} + query ${s(q.ms)} = ${s(alMs)} ` +
        `(${alCount.toLocaleString('en-US')}); ratio ${(alMs / cold.ms).toFixed(2)} (target <= 1.0)`,
    );
    if (alCount !== lnavCount) throw new BenchStepFailed(`lnav counted ${lnavCount} and AuditLens ${alCount} for the same filter`);

    const ours = JSON.parse(
      runTs('later filters on the open case', join(import.meta.dirname, 'later-filters.ts'), [casePath, first.al, ...later.map((f) => f.al)], {
        deadlineMs: limit,
      }).stdout.trim().split('\n').pop() as string,
    ) as { ms: number; n: number }[];
    lines.push(`  later filters (lnav: in its open session, start subtracted; AuditLens: on the open case):`);
    later.forEach((f, i) => {
      const run = lnav(`lnav ${f.lnav}`, [first.lnav, ...Array.from({ length: REPEAT }, () => f.lnav)]);
      const n = lastNumber(run.stdout, 'lnav');
      const theirs = Math.max(1, (run.ms - cold.ms) / REPEAT);
      const mine = ours[i] as { ms: number; n: number };
      lines.push(
        `    ${f.al}: lnav ${theirs.toFixed(0)} ms, AuditLens ${mine.ms.toFixed(1)} ms, ${(theirs / mine.ms).toFixed(0)}x faster (target >= 50x)` +
          (n === mine.n ? ` (${n.toLocaleString('en-US')})` : ` COUNTS DIFFER: lnav ${n}, AuditLens ${mine.n}`),
      );
      if (n !== mine.n) throw new BenchStepFailed(`lnav counted ${n} and AuditLens ${mine.n} for ${f.al}`);
    });
    return lines;
  } catch (e) {
    if (lines.length) process.stdout.write(lines.join('\n') + '\n');
    throw e;
  } finally {
    removeCase();
    rmSync(home, { recursive: true, force: true });
  }
}
