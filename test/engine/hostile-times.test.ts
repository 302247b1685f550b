import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli.ts';
import { caseInfo } from '../../main/engine/case/api.ts';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { eventPage, getEvent } from '../../main/engine/query/events.ts';
import { facets, suggestValues } from '../../main/engine/query/facets.ts';
import { histogram } from '../../main/engine/query/histogram.ts';
import { timeline } from '../../main/engine/timeline/entity.ts';
import { objectHistory } from '../../main/engine/timeline/history.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const good = (i: number): string =>
  JSON.stringify({ id: `g${i}`, timestamp: `2025-03-01T10:00:${String(i % 60).padStart(2, '0')}Z`, user: 'ann', action: 'update', target: 'proc-1', old_v: 'a', new_v: 'b' });
const WILD = ['infinity', '-infinity', '290000-01-01T00:00:00Z', '1800-01-01T00:00:00Z', '2250-06-01T00:00:00Z'];
const wild = WILD.map((t, i) => JSON.stringify({ id: `w${i}`, timestamp: t, user: 'ann', action: 'update', target: 'proc-1' }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

/** Every way the app reads a case; each must answer, not throw. */
async function readEverything(c: Case): Promise<void> {
  const info = await caseInfo(c);
  expect(info.timeMin).toBe('2025-03-01T10:00:00.000Z');
  expect(info.timeMax).toBe('2025-03-01T10:00:59.000Z');
  const page = await eventPage(c.reader, { limit: 500 });
  expect(page.total).toBe(65);
  const desc = await eventPage(c.reader, { sort: { column: 'event_time', dir: 'desc' }, limit: 5 });
  expect(desc.rows).toHaveLength(5);
  const h = await histogram(c.reader, {});
  expect(h.total).toBe(65);
  expect(h.series.reduce((a, s) => a + s.counts.reduce((x, y) => x + y, 0), 0)).toBe(60);
  await facets(c.reader, {});
  await suggestValues(c.reader, { column: 'event_time' });
  const tl = await timeline(c.reader, { entity: { kind: 'actor', value: 'ann' } });
  expect(tl.total).toBe(65);
  await objectHistory(c.reader, { target: { id: 'proc-1' } });
  const one = page.rows.find((r) => r.event_id && r.time_raw === 'infinity');
  expect(one?.event_time).toBeNull();
  expect(await getEvent(c.reader, one?.event_id ?? '')).toMatchObject({ time_raw: 'infinity', event_time: null });
}

describe('times outside the plausible range', () => {
  const t = useTempDir();

  it('import keeps the event with no event_time, keeps time_raw and lists the reason', async () => {
    const c = await t.openCase();
    const file = t.file('wild.ndjson', [...Array.from({ length: 60 }, (_, i) => good(i)), ...wild].join('\n'));
    const s = await importPaths(c, { paths: [file] });
    expect(s.batches[0]).toMatchObject({ events: 65, rejects: 5 });
    const rows = await c.db.all<{ time_raw: string; t: string | null }>(
      "SELECT time_raw, CAST(event_time AS VARCHAR) AS t FROM events WHERE event_id IN (SELECT event_id FROM events WHERE time_raw NOT LIKE '2025%') ORDER BY locator",
    );
    expect(rows).toEqual(WILD.map((w) => ({ time_raw: w, t: null })));
    const rejects = await c.db.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects ORDER BY id');
    expect(rejects.map((r) => r.locator)).toEqual(['wild.ndjson:61', 'wild.ndjson:62', 'wild.ndjson:63', 'wild.ndjson:64', 'wild.ndjson:65']);
    expect(rejects[2]?.reason).toBe(
      'time 290000-01-01T00:00:00Z is outside the plausible range 1970-01-01 to 2200-01-01; the event is kept with no event_time',
    );
    await readEverything(c);
  });

  it('every read path survives such times written into the case by another tool', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('ok.ndjson', [...Array.from({ length: 60 }, (_, i) => good(i)), ...wild].join('\n'))] });
    // Another tool (DuckDB CLI, a script) writes what AuditLens itself would not.
    await c.db.run(`UPDATE events SET event_time = CASE time_raw
        WHEN 'infinity' THEN 'infinity'::TIMESTAMPTZ WHEN '-infinity' THEN '-infinity'::TIMESTAMPTZ
        WHEN '290000-01-01T00:00:00Z' THEN '290000-01-01 00:00:00+00'::TIMESTAMPTZ
        ELSE event_time END`);
    expect(await c.db.value("SELECT count(*) FROM events WHERE NOT isfinite(event_time) OR year(event_time) > 9999")).toBe(3n);
    await readEverything(c);
    const path = c.path;
    c.close();
    const info = await cli(['info', path, '--json']);
    expect(info.code, info.err).toBe(0);
    expect(JSON.parse(info.out)).toMatchObject({ events: 65, timeMin: '2025-03-01T10:00:00.000Z' });
    const q = await cli(['query', path, '--sort', 'event_time', '--desc', '--format', 'json', '--limit', '3']);
    expect(q.code, q.err).toBe(0);
    expect(JSON.parse(q.out)[0]).toMatchObject({ time_raw: 'infinity', event_time: null });
    expect((await cli(['timeline', path, '--entity', 'actor=ann'])).code).toBe(0);
    expect((await cli(['history', path, '--target', 'proc-1'])).code).toBe(0);
  });
});
