import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { main } from '../../main/cli.ts';
import { filterColumnNames } from '../../main/engine/query/filter.ts';
import { useTempDir } from '../helpers/temp-case.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

const ndjson = [
  { uuid: 'a', ts: '2025-02-01T00:00:00Z', user: 'ann', action: 'DELETED', target: 'x' },
  { uuid: 'b', ts: '2025-02-02T00:00:00Z', user: 'ben', action: 'UPDATED', target: 'y' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

describe('auditlens CLI', () => {
  const t = useTempDir();

  it('import --json prints the documented summary and creates the case', async () => {
    const file = t.file('a.ndjson', ndjson);
    const casePath = join(t.dir(), 'c.duckdb');
    const r = await run(['import', casePath, file, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ events_total: 2, batches: [{ file: 'a.ndjson', vendor: 'generic', format: 'ndjson', events: 2, rejects: 0 }] });
    expect(j.batches[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 1 naming the file and reason for a refused file, 2 for usage errors', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    const bad = await run(['import', casePath, t.file('empty.json', '')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('empty.json: the file is empty');
    expect((await run(['import'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['import', casePath, 'x', '--vendor', 'nope'])).code).toBe(2);
  });

  it('query filters, sorts and prints JSON, NDJSON, CSV and a table', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    const json = await run(['query', casePath, "actor = 'ann' AND action IN ('DELETED')", '--format', 'json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'ann', action: 'DELETED', target_name: 'x', event_time: '2025-02-01T00:00:00.000Z' });
    const nd = await run(['query', casePath, '--sort', 'event_time', '--desc', '--format', 'ndjson']);
    expect(nd.out.trim().split('\n').map((l) => JSON.parse(l).actor)).toEqual(['ben', 'ann']);
    const csv = await run(['query', casePath, '--format', 'csv', '--limit', '1']);
    expect(csv.out.split('\r\n')[0]).toMatch(/^event_id,event_time,vendor,actor/);
    expect(csv.out.trim().split('\r\n')).toHaveLength(2);
    const table = await run(['query', casePath]);
    expect(table.out).toMatch(/ann\s+DELETED/);
  });

  it('query refuses a forbidden filter with exit 1 and runs nothing', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    const r = await run(['query', casePath, "actor IN (SELECT 1); DROP TABLE events"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/";" is not allowed/);
    const still = await run(['query', casePath, '--format', 'json']);
    expect(JSON.parse(still.out)).toHaveLength(2);
  });

  it('info reports sources, batches, vendors and the time range', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    const r = await run(['info', casePath, '--json']);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ events: 2, sources: [{ vendor: 'generic', events: 2 }], batches: [{ format: 'ndjson', events: 2, rejects: 0 }], timeMin: '2025-02-01T00:00:00.000Z', timeMax: '2025-02-02T00:00:00.000Z', byVendor: [{ vendor: 'generic', events: 2 }] });
    const text = await run(['info', casePath]);
    expect(text.out).toContain('2 events, 1 sources, 1 batches, 0 rejects');
  });

  it('info on a missing case exits 1 with the reason, naming the path once', async () => {
    const path = join(t.dir(), 'none.duckdb');
    const r = await run(['info', path]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`auditlens: No case file at ${path}\n`);
  });

  it('info --rejects says so when there are none', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    const r = await run(['info', casePath, '--rejects']);
    expect(r.out).toContain('Rejects: no rejects');
  });

  it('--version prints the version; query --help lists every filter column', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const v = await run(['--version']);
    expect([v.code, v.out]).toEqual([0, `${pkg.version}\n`]);
    const help = await run(['query', '--help']);
    expect(help.code).toBe(0);
    for (const c of filterColumnNames()) expect(help.out).toMatch(new RegExp(`\\b${c}\\b`));
    expect(help.out).toContain('target (= coalesce(target_name, target_id, target_type))');
  });
});

describe('auditlens timeline and history', () => {
  const t = useTempDir();
  const changes = [
    { id: '1', time: '2025-01-01T00:00:00Z', user: 'ann', action: 'created', target: 'proc-1', ip: '192.0.2.1', old_name: 'a', name: 'b' },
    { id: '2', time: '2025-01-02T00:00:00Z', user: 'ben', action: 'updated', target: 'proc-1', ip: '192.0.2.1', old_name: 'b', name: 'c' },
  ];

  it('timeline --entity ip=… --format json lists the entity events with lanes', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', changes.map((c) => JSON.stringify(c)).join('\n'))]);
    const r = await run(['timeline', casePath, '--entity', 'ip=192.0.2.1', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ entity: { kind: 'ip', value: '192.0.2.1' }, total: 2 });
    expect(j.events.map((e: { actor: string }) => e.actor)).toEqual(['ann', 'ben']);
    expect((await run(['timeline', casePath, '--entity', 'planet=mars'])).code).toBe(1);
    expect((await run(['timeline', casePath, '--entity', 'nonsense'])).code).toBe(2);
  });

  it('history --target … prints versions, and --at the state at a time', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    const github = join(import.meta.dirname, '..', 'fixtures', 'github', 'audit-log-export.json');
    await run(['import', casePath, github]);
    const top = JSON.parse((await run(['query', casePath, 'changes IS NOT NULL', '--format', 'json', '--limit', '1'])).out)[0];
    const r = await run(['history', casePath, '--target', top.target_id ?? top.target_name, '--format', 'json', '--at', '2100-01-01']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.versions.length).toBeGreaterThan(0);
    expect(j.stateAt.version).toBe(j.versions.length - 1);
    const text = await run(['history', casePath, '--target', top.target_id ?? top.target_name]);
    expect(text.out).toMatch(/versions from \d+ events/);
    // Numbered from #1, as the viewer does.
    expect(text.out).toMatch(/^#1 /m);
    expect(text.out).not.toMatch(/^#0 /m);
  });

  it('history prints whole changed lines of long values', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    const long = `const url = 'https://paste.example.net/u/8f3k';${' // padding'.repeat(20)}`;
    const code = (extra: string): string => ['function sync() {', '  const a = 1;', extra, '}'].join('\n');
    const records = [
      { User: 'dana@acme.example', ID: 'prc_1', Type: 'PROCESS', Event: 'UPDATED', Time: '2025-03-04 02:09:41', content: { before: code(`  return 1; ${long}`), after: code(`  return 2; ${long}`) } },
    ];
    await run(['import', casePath, t.file('yepcode.json', JSON.stringify(records)), '--vendor', 'yepcode']);
    const r = await run(['history', casePath, '--target', 'prc_1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('    code: −1 +1 lines');
    // The whole line, however long, and only the lines that changed.
    expect(r.out).toContain(`      -   return 1; ${long}\n`);
    expect(r.out).toContain(`      +   return 2; ${long}\n`);
    expect(r.out).not.toContain('const a = 1');
  });

  it('an unknown entity or target says so and exits 1', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', changes.map((c) => JSON.stringify(c)).join('\n'))]);
    const tl = await run(['timeline', casePath, '--entity', 'actor=nobody@example.com']);
    expect([tl.code, tl.err]).toEqual([1, `auditlens: no events of actor nobody@example.com in ${casePath}\n`]);
    const h = await run(['history', casePath, '--target', 'no-such-object']);
    expect([h.code, h.err]).toEqual([1, `auditlens: no events touch target no-such-object in ${casePath}\n`]);
  });
});
