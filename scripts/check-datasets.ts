/**
 * Imports every file under a datasets folder (../shared/datasets by default) into a fresh case and
 * checks what DESIGN.md asks of real samples: the expected vendor, no unexplained reject, at least
 * 99% of events with event_time, actor and action, and a second import that adds nothing.
 * Prints one line per check and a closing `N passed, N failed`; exits 1 on any failure.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { Case } from '../main/engine/case/case.ts';
import { importPaths } from '../main/engine/import/importer.ts';
import { num } from '../main/engine/db.ts';

interface Expected {
  vendors: Record<string, string>;
  explainedRejects: Record<string, { count: number; reason: string }>;
}

const root = resolve(process.argv[2] ?? '../shared/datasets');
const expected = JSON.parse(readFileSync(new URL('../test/datasets-expected.json', import.meta.url), 'utf8')) as Expected;
let passed = 0;
let failed = 0;
const check = (ok: boolean, what: string): void => {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
};

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return files(p);
      return /\.(md|txt)$/i.test(n) || n.startsWith('.') ? [] : [p];
    });
}

if (!existsSync(root)) {
  process.stdout.write(`no datasets at ${root}; nothing to check\n0 passed, 0 failed\n`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'auditlens-datasets-'));
try {
  const c = await Case.open(join(work, 'datasets.duckdb'), { create: true });
  for (const file of files(root)) {
    const rel = relative(root, file);
    const folder = rel.split(/[\\/]/)[0] ?? '';
    const s = await importPaths(c, { paths: [file] });
    const b = s.batches[0];
    if (!b || b.error) {
      check(false, `${rel}: import refused: ${b?.error?.message ?? 'no result'}`);
      continue;
    }
    const wantVendor = expected.vendors[folder];
    check(!wantVendor || b.vendor === wantVendor, `${rel}: vendor ${b.vendor}${wantVendor ? ` (expected ${wantVendor})` : ''}`);
    const explained = expected.explainedRejects[rel];
    check(b.rejects === (explained?.count ?? 0), `${rel}: ${b.rejects} rejects${explained ? ` (explained: ${explained.reason})` : ''}`);
    if (b.rejects && !explained) {
      const rows = await c.db.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects WHERE batch_id = $b LIMIT 5', { b: b.batchId ?? 0 });
      for (const r of rows) process.stdout.write(`       ${r.locator}: ${r.reason}\n`);
    }
    const cov = await c.db.one<Record<string, unknown>>(
      `SELECT count(*) AS n, count(event_time) AS t, count(actor) AS a, count(action) AS act FROM events WHERE batch_id = $b`,
      { b: b.batchId ?? 0 },
    );
    const n = num(cov?.n);
    const pct = (k: string): number => (n ? (100 * num(cov?.[k])) / n : 0);
    const ok = n > 0 && pct('t') >= 99 && pct('a') >= 99 && pct('act') >= 99;
    check(ok, `${rel}: ${n} events; event_time ${pct('t').toFixed(1)}%, actor ${pct('a').toFixed(1)}%, action ${pct('act').toFixed(1)}%`);
    const again = await importPaths(c, { paths: [file] });
    check(again.eventsTotal === 0, `${rel}: re-import adds ${again.eventsTotal} events`);
  }
  c.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`datasets (${basename(root)}): ${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
