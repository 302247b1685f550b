import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { hashFile } from '../../main/engine/output-file.ts';
import type { ExportFormat, ExportProgress, ExportSummary, Result } from '../../preload/api.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/**
 * Every export format reads back through DuckDB with the same events and provenance; secrets are
 * masked unless kept; the export is logged with its SHA-256; bad targets fail cleanly.
 */

export const SECRETS = ['eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2ln', 'hunter2-pa55', 'sk_live_51HxYzABCDEF', 'Zm9vOmJhcjEyMzQ1Ng=='];

const records = [
  { id: 'a1', time: '2025-03-04T01:00:00Z', user: 'dana', action: 'login', ip: '203.0.113.7', http: { headers: { authorization: `Bearer ${SECRETS[0]}`, 'user-agent': 'curl' } } },
  { id: 'a2', time: '2025-03-04T02:00:00.123456Z', user: 'dana', action: 'update', target: 'payout', password: SECRETS[1], old_iban: 'DE01', iban: 'DE02' },
  { id: 'a3', time: '2025-03-05T03:00:00Z', user: 'eve', action: 'call', message: `used header Authorization: Basic ${SECRETS[3]}`, api_key: SECRETS[2] },
  { id: 'a4', time: null, user: 'eve', action: 'unknown time', target: 'x' },
  { id: 'a5', time: '2025-03-05T04:00:00Z', user: 'ann, "quoted"\nsecond line', action: 'read', target: 'r' },
];

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('exports', () => {
  const t = useTempDir();

  async function engine(): Promise<{ e: EngineHost; dir: string }> {
    const dir = t.dir();
    const e = await createEngine({ casePath: join(dir, 'case.duckdb'), create: true, dataDir: join(dir, 'home') });
    ok(await e.setAuthor('dana'));
    ok(await e.importFiles({ paths: [t.file('in.ndjson', records.map((r) => JSON.stringify(r)).join('\n'))] }));
    const rows = ok(await e.getEvents({ limit: 10 })).rows;
    const id = (actor: string, action: string): string => rows.find((r) => r.actor === actor && r.action === action)?.event_id as string;
    ok(await e.setBookmark({ eventId: id('dana', 'update'), on: true }));
    ok(await e.addTag({ eventId: id('dana', 'update'), tag: 'exfil' }));
    ok(await e.addTag({ eventId: id('eve', 'call'), tag: 'exfil' }));
    ok(await e.setNote({ eventId: id('dana', 'update'), text: `changed payout\nwith token ${SECRETS[2]}` }));
    return { e, dir };
  }

  /** Reads an export back through DuckDB: (event_id, locator, batch_id, origin, origin_sha256) per row, and every cell as text. */
  async function readBack(e: EngineHost, format: ExportFormat, path: string): Promise<{ rows: Record<string, unknown>[]; text: string }> {
    const db = e.current?.reader;
    if (!db) throw new Error('no case');
    const q = path.replace(/'/g, "''");
    const source = {
      csv: `read_csv('${q}', header = true, all_varchar = true)`,
      json: `read_json('${q}', format = 'array')`,
      ndjson: `read_json('${q}', format = 'newline_delimited')`,
      timesketch: `read_json('${q}', format = 'newline_delimited')`,
      parquet: `read_parquet('${q}')`,
      dataset: `read_parquet('${q}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)`,
    }[format];
    const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${source}`);
    const text = (await db.all<{ t: string }>(`SELECT CAST(to_json(x) AS VARCHAR) AS t FROM ${source} x`)).map((r) => r.t).join('\n');
    return { rows, text };
  }

  async function expected(e: EngineHost, where = 'TRUE'): Promise<Record<string, unknown>[]> {
    const db = e.current?.reader;
    if (!db) throw new Error('no case');
    return db.all(
      `SELECT e.event_id, e.locator, e.batch_id, b.origin, b.sha256 AS origin_sha256 FROM events e JOIN batches b ON b.id = e.batch_id
       WHERE ${where} ORDER BY e.event_time NULLS LAST, e.event_id`,
    );
  }

  const FORMATS: [ExportFormat, string][] = [
    ['csv', 'out.csv'],
    ['json', 'out.json'],
    ['ndjson', 'out.ndjson'],
    ['parquet', 'out.parquet'],
    ['timesketch', 'out.jsonl'],
    ['dataset', 'dataset'],
  ];

  it.each(FORMATS)('writes %s that reads back with the same events, provenance and annotations, secrets masked', async (format, name) => {
    const { e, dir } = await engine();
    const path = join(dir, name);
    const progress: ExportProgress[] = [];
    const off = e.on('export-progress', (p) => progress.push(p));
    const s = ok(await e.exportEvents({ scope: {}, format, path }));
    off();
    const back = await readBack(e, format, path);
    const want = await expected(e, format === 'timesketch' ? 'e.event_time IS NOT NULL' : 'TRUE');
    const got = back.rows.map((r) => ({
      event_id: r.event_id,
      locator: r.locator,
      batch_id: Number(r.batch_id),
      origin: r.origin,
      origin_sha256: r.origin_sha256,
    }));
    const sortById = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.event_id).localeCompare(String(b.event_id));
    if (format === 'dataset') expect([...got].sort(sortById)).toEqual([...want].sort(sortById));
    else expect(got).toEqual(want);
    expect(s.rows).toBe(want.length);
    expect(s.masked).toBe(true);
    for (const secret of SECRETS) expect(back.text, `${format} holds ${secret}`).not.toContain(secret);
    expect(back.text).toContain('[MASKED]');
    expect(back.text).toContain('ann, \\"quoted\\"\\nsecond line');
    // Annotations travel with the rows.
    const update = back.rows.find((r) => r.action === 'update') as Record<string, unknown>;
    expect(String(update.bookmarked)).toBe('true');
    expect(JSON.stringify(update.tags ?? update.tag)).toContain('exfil');
    expect(String(update.note)).toContain('changed payout');
    if (format === 'timesketch') {
      expect(s.skipped).toEqual({ count: 1, reason: expect.stringMatching(/Timesketch needs a time/) });
      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.action === 'update')).toMatchObject({
        message: 'dana update payout',
        timestamp_desc: 'Event time',
        datetime: '2025-03-04T02:00:00.123456+00:00',
        timestamp: 1741053600123456,
        tag: ['exfil'],
      });
    }
    if (format === 'csv') expect(update.event_time).toBe('2025-03-04T02:00:00.123456Z');
    if (format === 'json' || format === 'ndjson') expect(readFileSync(path, 'utf8')).toContain('"event_time":"2025-03-04T02:00:00.123456Z"');
    if (format === 'dataset') {
      const parts = back.rows.map((r) => `${String(r.vendor)}/${String(r.day)}`).sort();
      // Hive's name for a NULL partition value, read back as NULL.
      expect(parts).toEqual(['generic/2025-03-04', 'generic/2025-03-04', 'generic/2025-03-05', 'generic/2025-03-05', 'generic/null'].sort());
      expect(readdirSync(join(path, 'vendor=generic')).sort()).toEqual(['day=2025-03-04', 'day=2025-03-05', 'day=__HIVE_DEFAULT_PARTITION__']);
      const manifest = JSON.parse(readFileSync(join(path, '_manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[]; rows: number };
      expect(manifest.rows).toBe(5);
      for (const f of manifest.files) expect((await hashFile(join(path, f.path))).sha256).toBe(f.sha256);
      expect((await hashFile(join(path, '_manifest.json'))).sha256).toBe(s.sha256);
      expect(readdirSync(path).sort()).toEqual(['_README.md', '_manifest.json', 'vendor=generic']);
    } else {
      expect((await hashFile(path)).sha256).toBe(s.sha256);
    }
    const log = ok(await e.listCustody({ actions: ['export'] })).rows;
    expect(log).toHaveLength(1);
    expect(log[0]?.details).toMatchObject({ format, path, rows: s.rows, sha256: s.sha256, secrets: 'masked' });
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['writing', 'done']));
    await e.dispose();
  });

  it('keeps secrets only when asked, and says so in the custody log', async () => {
    const { e, dir } = await engine();
    for (const [format, name] of FORMATS) {
      const path = join(dir, `kept-${name}`);
      ok(await e.exportEvents({ scope: {}, format, path, keepSecrets: true }));
      const back = await readBack(e, format, path);
      for (const secret of SECRETS) expect(back.text, `${format} keeps ${secret}`).toContain(secret);
    }
    const log = ok(await e.listCustody({ actions: ['export'] })).rows;
    expect(log.map((r) => (r.details as { secrets: string }).secrets)).toEqual(FORMATS.map(() => 'kept'));
    await e.dispose();
  });

  it('exports only the filtered, bookmarked or tagged events, in the requested order', async () => {
    const { e, dir } = await engine();
    const read = async (s: ExportSummary): Promise<string[]> => (await readBack(e, 'ndjson', s.path)).rows.map((r) => String(r.action));
    expect(await read(ok(await e.exportEvents({ scope: { filter: "actor = 'eve'" }, format: 'ndjson', path: join(dir, 'a.ndjson') })))).toEqual(['call', 'unknown time']);
    expect(await read(ok(await e.exportEvents({ scope: {}, bookmarked: true, format: 'ndjson', path: join(dir, 'b.ndjson') })))).toEqual(['update']);
    expect(await read(ok(await e.exportEvents({ scope: {}, tag: 'EXFIL', format: 'ndjson', path: join(dir, 'c.ndjson') })))).toEqual(['update', 'call']);
    const sorted = ok(await e.exportEvents({ scope: { search: 'dana' }, sort: { column: 'action', dir: 'desc' }, format: 'ndjson', path: join(dir, 'd.ndjson') }));
    expect(await read(sorted)).toEqual(['update', 'login']);
    await e.dispose();
  });

  it('fails with a clear message and leaves no partial file for a missing, read-only or taken target', async () => {
    const { e, dir } = await engine();
    const fail = async (path: string, format: ExportFormat = 'csv'): Promise<string> => {
      const r = await e.exportEvents({ scope: {}, format, path });
      if (r.ok) throw new Error(`exported to ${path}`);
      return r.error.message;
    };
    expect(await fail(join(dir, 'missing', 'out.csv'))).toMatch(/the folder .*missing does not exist/);
    // Root writes through permission bits; sysfs refuses even root, so it stands in for a read-only folder there.
    const { chmodSync, mkdirSync } = await import('node:fs');
    let readOnly = join(dir, 'ro');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    if (process.getuid?.() === 0) readOnly = '/sys/kernel';
    expect(await fail(join(readOnly, 'out.csv'))).toMatch(/cannot write in .* \(permission denied|read-only/);
    expect(await fail(join(dir, 'in.ndjson'))).toMatch(/exists already/);
    // A relative path would land in whatever folder the host was started from.
    expect(await fail("'); DELETE FROM custody_log; --.csv")).toMatch(/give an absolute path/);
    const r = await e.exportEvents({ scope: {}, format: 'xlsx' as ExportFormat, path: join(dir, 'x.xlsx') });
    expect(!r.ok && r.error.message).toMatch(/format is one of csv, json, ndjson, parquet, timesketch, dataset/);
    const bad = await e.exportEvents({ scope: { filter: 'nonsense ===' }, format: 'csv', path: join(dir, 'y.csv') });
    expect(bad.ok).toBe(false);
    expect(readdirSync(dir).filter((f) => !['case.duckdb', 'case.duckdb.wal', 'home', 'in.ndjson', 'ro'].includes(f))).toEqual([]);
    expect(ok(await e.listCustody({ actions: ['export'] })).total).toBe(0);
    await e.dispose();
  });

  it('cancels a running export: nothing is written and nothing logged', async () => {
    const { e, dir } = await engine();
    const c = e.current;
    if (!c) throw new Error('no case');
    // Enough rows that the COPY is still running when the cancel arrives.
    await c.db.run(`INSERT INTO events (event_id, batch_id, source_id, vendor, locator, event_time, time_raw, time_assumed_tz,
      actor, actor_id, actor_type, src_ip, user_agent, action, action_class, service, target_type, target_id, target_name,
      outcome, outcome_raw, description, tenant, changes, raw)
      SELECT 'gen-' || i, 1, 1, 'generic', 'gen:' || i, TIMESTAMPTZ '2025-01-01' + to_seconds(i), NULL, NULL,
      'user' || (i % 50), NULL, NULL, NULL, NULL, 'act', 'other', NULL, NULL, NULL, NULL, 'success', NULL, repeat('x', 200), NULL, NULL, '{}'
      FROM range(600000) r(i)`);
    const path = join(dir, 'big.parquet');
    // The second 'writing' report comes from polling DuckDB while the COPY runs: cancel interrupts it.
    let writing = 0;
    const off = e.on('export-progress', (p) => {
      if (p.phase === 'writing' && ++writing === 2) void e.cancelExport('big');
    });
    const r = await e.exportEvents({ scope: {}, format: 'parquet', path, exportId: 'big' });
    off();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('cancelled');
    expect(writing).toBeGreaterThanOrEqual(2);
    expect(readdirSync(dir).filter((f) => f.includes('big'))).toEqual([]);
    expect(ok(await e.listCustody({ actions: ['export'] })).total).toBe(0);
    await e.dispose();
  });
});
