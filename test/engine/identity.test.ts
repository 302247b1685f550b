import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli.ts';
import { Case } from '../../main/engine/case/case.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../main/engine/case/schema.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/** An Okta System Log event (its vendor id is `uuid`). */
function okta(uuid: string, published: string, eventType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid,
    published,
    eventType,
    displayMessage: 'event',
    actor: { id: '00u1', type: 'User', alternateId: 'dana@acme.example', displayName: 'Dana' },
    outcome: { result: 'SUCCESS' },
    client: { ipAddress: '203.0.113.77' },
    ...extra,
  };
}

const ndjson = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function count(c: Case, where = 'TRUE'): Promise<number> {
  return Number(await c.db.value(`SELECT count(*) FROM events WHERE ${where}`));
}

async function ids(c: Case): Promise<string[]> {
  return (await c.db.all<{ event_id: string }>('SELECT event_id FROM events ORDER BY event_id')).map((r) => r.event_id);
}

describe('event identity', () => {
  const t = useTempDir();

  it('drops a vendor id with the same time and action as a duplicate, even re-wrapped by a shipper', async () => {
    const c = await t.openCase();
    const a = okta('u-1', '2025-03-04T02:09:41.000Z', 'user.session.start');
    const b = okta('u-2', '2025-03-04T02:10:00.000Z', 'user.account.update_password');
    const first = await importPaths(c, { paths: [t.file('a.ndjson', ndjson([a, b, a]))], vendor: 'okta' });
    expect(first.batches[0]).toMatchObject({ events: 2, duplicates: 1, idConflicts: 0 });
    // The same events from a log shipper that added its own fields: same id, time and action.
    const shipped = [a, b].map((r) => ({ ...r, '@version': '1', host: 'shipper-1' }));
    const second = await importPaths(c, { paths: [t.file('b.ndjson', ndjson(shipped))], vendor: 'okta' });
    expect(second.batches[0]).toMatchObject({ events: 0, duplicates: 2, idConflicts: 0 });
    expect(await count(c)).toBe(2);
  });

  it('takes the time as the instant to the second: other spellings and precisions of it are the same event', async () => {
    const c = await t.openCase();
    const utc = okta('u-1', '2025-03-04T02:09:41.4418257Z', 'user.session.start');
    const berlin = okta('u-1', '2025-03-04T03:09:41.441+01:00', 'user.session.start');
    expect((await importPaths(c, { paths: [t.file('a.ndjson', ndjson([utc]))], vendor: 'okta' })).eventsTotal).toBe(1);
    const s = await importPaths(c, { paths: [t.file('b.ndjson', ndjson([berlin]))], vendor: 'okta' });
    expect(s.batches[0]).toMatchObject({ events: 0, duplicates: 1, idConflicts: 0 });
    // A second later is another time: both kept, both marked.
    const later = okta('u-1', '2025-03-04T02:09:42.000Z', 'user.session.start');
    const s2 = await importPaths(c, { paths: [t.file('c.ndjson', ndjson([later]))], vendor: 'okta' });
    expect(s2.batches[0]).toMatchObject({ events: 1, duplicates: 0, idConflicts: 1 });
    expect(await count(c, 'id_conflict')).toBe(2);
  });

  it('keeps every record sharing a vendor id with a different time or action, marked, and counts them apart', async () => {
    const c = await t.openCase();
    const one = okta('u-9', '2025-03-04T02:09:41.000Z', 'user.session.start');
    const later = okta('u-9', '2025-03-04T03:00:00.000Z', 'user.session.start');
    const other = okta('u-9', '2025-03-04T02:09:41.000Z', 'user.session.end');
    const s = await importPaths(c, { paths: [t.file('a.ndjson', ndjson([one, later, okta('u-10', '2025-03-04T04:00:00.000Z', 'x')]))], vendor: 'okta' });
    expect(s.batches[0]).toMatchObject({ events: 3, duplicates: 0, idConflicts: 2 });
    expect(await count(c, 'id_conflict')).toBe(2);
    expect(await count(c, "vendor_event_id = 'u-9'")).toBe(2);
    // A later file bringing a third spelling of the same id: it is kept and marked too; the earlier two stay marked.
    const s2 = await importPaths(c, { paths: [t.file('b.ndjson', ndjson([other, one]))], vendor: 'okta' });
    expect(s2.batches[0]).toMatchObject({ events: 1, duplicates: 1, idConflicts: 1 });
    expect(await count(c, 'id_conflict')).toBe(3);
    expect(await count(c, 'NOT id_conflict')).toBe(1);
    const batches = await c.db.all<{ id: number }>('SELECT id FROM batches ORDER BY id');
    expect(batches).toHaveLength(2);
    // Re-importing both files adds nothing.
    const again = await importPaths(c, { paths: [join(t.dir(), 'a.ndjson'), join(t.dir(), 'b.ndjson')], vendor: 'okta' });
    expect(again.eventsTotal).toBe(0);
    expect(await count(c)).toBe(4);
  });

  it('is the identical record after canonical JSON: a pretty-printed array and NDJSON of the same records dedupe', async () => {
    const rows = [
      { time: '2025-01-01T00:00:00Z', user: 'x', action: 'view', note: 'caf\u00e9', n: 1.5 },
      { time: '2025-01-01T00:00:01Z', user: 'y', action: 'edit', note: 'tab\there', n: 2 },
    ];
    const c = await t.openCase();
    const pretty = await importPaths(c, { paths: [t.file('a.json', JSON.stringify(rows, null, 4))] });
    expect(pretty.batches[0]).toMatchObject({ events: 2, vendor: 'generic' });
    // Same records: compact, with the é escaped and 1.5 spelled 1.50, one per line.
    const compact = ndjson(rows).replace('café', 'caf\\u00e9').replace('"n":1.5', '"n":1.50');
    const again = await importPaths(c, { paths: [t.file('b.ndjson', compact)] });
    expect(again.batches[0]).toMatchObject({ events: 0, duplicates: 2 });
    // And wrapped in an object, as many APIs answer.
    const wrapped = await importPaths(c, { paths: [t.file('c.json', JSON.stringify({ data: rows }))] });
    expect(wrapped.batches[0]).toMatchObject({ format: 'json-object', events: 0, duplicates: 2 });
    // A record differing in one value is another event.
    const changed = await importPaths(c, { paths: [t.file('d.ndjson', ndjson([{ ...rows[0], n: 1.25 }]))] });
    expect(changed.batches[0]).toMatchObject({ events: 1, duplicates: 0 });
  });

  it('dedupes two exports overlapping by half exactly to their union, repeated records included', async () => {
    // Records 0..399 and 200..599; every 50th record appears twice in a row (two runs in the same second).
    const rec = (i: number): Record<string, unknown> => ({ time: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(), user: `u${i % 7}`, action: 'run', target: `p${i % 5}` });
    const range = (from: number, to: number): Record<string, unknown>[] =>
      Array.from({ length: to - from }, (_, k) => from + k).flatMap((i) => (i % 50 === 0 ? [rec(i), rec(i)] : [rec(i)]));
    const c = await t.openCase();
    const a = await importPaths(c, { paths: [t.file('a.ndjson', ndjson(range(0, 400)))] });
    const b = await importPaths(c, { paths: [t.file('b.ndjson', ndjson(range(200, 600)))] });
    const union = range(0, 600).length;
    expect(a.batches[0]?.events).toBe(range(0, 400).length);
    expect(b.batches[0]).toMatchObject({ events: union - range(0, 400).length, duplicates: range(200, 400).length });
    expect(await count(c)).toBe(union);
  });

  it('gives the same input the same ids in any case, whichever file comes first', async () => {
    const rows = [okta('u-1', '2025-03-04T02:09:41.000Z', 'a'), okta('u-1', '2025-03-04T02:09:42.000Z', 'a')];
    const plain = [{ time: '2025-01-01T00:00:00Z', user: 'x', action: 'view' }, { time: '2025-01-01T00:00:00Z', user: 'x', action: 'view' }];
    const f1 = t.file('okta.ndjson', ndjson(rows));
    const f2 = t.file('plain.ndjson', ndjson(plain));
    const c1 = await t.openCase('one.duckdb');
    const c2 = await t.openCase('two.duckdb');
    await importPaths(c1, { paths: [f1, f2] });
    await importPaths(c2, { paths: [f2, f1] });
    expect(await ids(c1)).toHaveLength(4);
    expect(await ids(c2)).toEqual(await ids(c1));
  });

  it('does not take a guessed id of the generic pack as identity: records sharing it are all kept', async () => {
    // An export whose "id" is the object acted on (the YepCode trap), seen by generic detection.
    const rows = Array.from({ length: 60 }, (_, i) => ({ id: `obj-${i % 3}`, time: '2025-01-01T00:00:00Z', user: 'x', action: 'UPDATED', code: `v${i}` }));
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('objects.ndjson', ndjson(rows))] });
    expect(s.batches[0]).toMatchObject({ vendor: 'generic', events: 60, duplicates: 0, idConflicts: 0 });
  });

  it('prints shared ids apart in the CLI summary and its --json', async () => {
    const file = t.file('a.ndjson', ndjson([okta('u-9', '2025-03-04T02:09:41.000Z', 'x'), okta('u-9', '2025-03-04T03:09:41.000Z', 'x')]));
    let out = '';
    const io = { out: (s: string) => (out += s), err: () => undefined, isTTY: false };
    const casePath = join(t.dir(), 'c.duckdb');
    expect(await main(['import', casePath, file, '--vendor', 'okta'], io)).toBe(0);
    expect(out).toContain('a.ndjson: 2 events (okta, ndjson); 2 records share an id with a different record; both kept');
    out = '';
    expect(await main(['import', join(t.dir(), 'd.duckdb'), file, '--vendor', 'okta', '--json'], io)).toBe(0);
    expect(JSON.parse(out).batches[0]).toMatchObject({ events: 2, duplicates: 0, id_conflicts: 2 });
    out = '';
    expect(await main(['info', casePath], io)).toBe(0);
    expect(out).toContain('2 sharing an id with a different record');
  });

  it('migrates a v1 case: its events keep their ids and re-importing their file adds nothing', async () => {
    const path = join(t.dir(), 'v1.duckdb');
    const rec = okta('u-1', '2025-03-04T02:09:41.000Z', 'user.session.start');
    const file = t.file('okta.ndjson', ndjson([rec, okta('u-2', '2025-03-04T02:09:42.000Z', 'x')]));
    {
      // A case as schema v1 wrote it, holding u-1 under the v1 id md5(vendor, 'id:' + uuid).
      const inst = await DuckDBInstance.create(path);
      const conn = await inst.connect();
      await conn.run(MIGRATIONS[0] as string);
      await conn.run("INSERT INTO meta VALUES ('app', 'auditlens'), ('schema_version', '1')");
      await conn.run(`INSERT INTO events (event_id, batch_id, source_id, vendor, locator, raw)
        VALUES (md5('okta' || chr(31) || 'id:u-1'), 1, 1, 'okta', 'old.ndjson:1', $raw)`, { raw: JSON.stringify(rec) });
      conn.closeSync();
      inst.closeSync();
    }
    const c = await Case.open(path);
    try {
      expect(c.schemaVersion).toBe(SCHEMA_VERSION);
      expect(await c.db.value("SELECT count(*) FROM custody_log WHERE action = 'schema-migrated'")).toBe(1n);
      const s = await importPaths(c, { paths: [file], vendor: 'okta' });
      expect(s.batches[0]).toMatchObject({ events: 1, duplicates: 1 });
      expect(await count(c)).toBe(2);
      expect(await count(c, 'id_conflict')).toBe(0);
    } finally {
      c.close();
    }
  });
});
