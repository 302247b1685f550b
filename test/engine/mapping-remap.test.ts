import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { applyToSource, editedMapping } from '../../main/engine/mapping/api.ts';
import { asSourceMapping, currentMapping } from '../../main/engine/mapping/current.ts';
import { sourceSamples } from '../../main/engine/mapping/derive-detect.ts';
import { MAPPED_COLUMNS } from '../../main/engine/mapping/mapped-sql.ts';
import { parseMapSpec } from '../../main/engine/mapping/map-spec.ts';
import { packFileText, readPackFile } from '../../main/engine/mapping/pack-file.ts';
import { previewMapping } from '../../main/engine/mapping/preview.ts';
import type { MappingEdit } from '../../preload/api.ts';
import { useSharedTempDir, useTempDir } from '../helpers/temp-case.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

const records = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, k) => {
    const i = k + from;
    return JSON.stringify({
      ts: `2025-03-0${1 + (i % 9)}T10:00:0${i % 10}Z`,
      who: { email: `u${i % 3}@acme.example`, display: `User ${i % 3}` },
      op: i % 2 ? 'file.delete' : 'file.create',
      item: `doc-${i}`,
      ip: '203.0.113.9',
    });
  }).join('\n');

type Ev = Record<string, unknown>;
const allEvents = (c: Case): Promise<Ev[]> => c.db.all<Ev>('SELECT * FROM events ORDER BY event_id');

async function remap(c: Case, sourceId: number, edit: (m: MappingEdit) => MappingEdit, signal?: AbortSignal, onProgress?: () => void) {
  const cur = await currentMapping(c.db, sourceId);
  const pack = await editedMapping(c.db, cur, edit({ fields: cur.pack.fields as MappingEdit['fields'], changes: (cur.pack.changes ?? []) as MappingEdit['changes'] }));
  return applyToSource(c, cur, pack, { author: 'dana', ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
}

describe('remapping one source step by step (a case the tests share, in order)', () => {
  const t = useSharedTempDir();
  let c: Case;
  let before: Ev[];
  beforeAll(async () => {
    c = await t.openCase();
    await importPaths(c, { paths: [t.file('a.ndjson', records(30))] });
    before = await allEvents(c);
  });

  it('previews before → after on the source’s own records without changing them', async () => {
    const cur = await currentMapping(c.reader, 1);
    const p = await previewMapping(c.reader, 1, { ...cur.pack, fields: { ...cur.pack.fields, actor: 'who.display' } }, 5);
    expect(p.problems).toEqual([]);
    expect(p.records).toHaveLength(5);
    for (const r of p.records) {
      const actor = r.values.find((v) => v.column === 'actor');
      expect(actor?.before).toMatch(/^u\d@acme\.example$/);
      expect(actor?.after).toBe(`User ${actor?.before?.slice(1, 2)}`);
      expect(r.values.map((v) => v.column)).toEqual([...MAPPED_COLUMNS]);
      expect(r.values.find((v) => v.column === 'action')?.after).toBe(r.values.find((v) => v.column === 'action')?.before);
      expect(JSON.parse(r.raw)).toHaveProperty('who');
    }
    const again = await previewMapping(c.reader, 1, cur.pack, 5);
    expect(again.records.map((r) => r.eventId)).toEqual(p.records.map((r) => r.eventId));
    const bad = await previewMapping(c.reader, 1, { ...cur.pack, fields: { actor: { path: 'who.display', regex: '(' } } }, 5);
    expect(bad.problems[0]?.field).toBe('fields.actor.regex');
    expect(await allEvents(c)).toEqual(before);
  });

  it('offers the fields the records hold, most common first, with a value as recorded', async () => {
    const cur = await currentMapping(c.reader, 1);
    const m = asSourceMapping(cur, await sourceSamples(c.reader, 1));
    expect(m.samples).toBe(30);
    expect(m.fields.map((f) => f.path).sort()).toEqual(['ip', 'item', 'op', 'ts', 'who.display', 'who.email']);
    expect(m.fields.find((f) => f.path === 'who.email')).toMatchObject({ records: 30, example: expect.stringMatching(/^u\d@acme\.example$/) });
    expect(m.origin).toBe('detected');
    expect(m.vocabulary.columns).toContain('target_name');
  });

  it('a cancelled remap changes nothing and is logged as cancelled', async () => {
    const ac = new AbortController();
    const s = await remap(c, 1, (m) => ({ ...m, fields: { ...m.fields, actor: 'who.display' } }), ac.signal, () => ac.abort());
    expect(s.cancelled).toBe(true);
    expect(await allEvents(c)).toEqual(before);
    expect(await c.db.value('SELECT count(*) FROM mappings')).toBe(0n);
    expect(await c.db.all("SELECT action FROM custody_log WHERE action LIKE 'mapping%'")).toEqual([{ action: 'mapping-cancelled' }]);
  });

  it('reports nothing changed when the mapping gives the same values, and writes nothing', async () => {
    const s = await remap(c, 1, (m) => m);
    expect(s).toMatchObject({ events: 30, changed: 0, columns: {} });
    expect(await allEvents(c)).toEqual(before);
  });

  it('changes only the mapped columns, keeps event_id, raw and locators, and logs old and new mapping', async () => {
    expect(before.map((e) => e.actor)).toContain('u0@acme.example');
    const s = await remap(c, 1, (m) => ({ ...m, fields: { ...m.fields, actor: 'who.display' } }));
    expect(s).toMatchObject({ events: 30, changed: 30, columns: { actor: 30 }, cancelled: false });

    const after = await allEvents(c);
    expect(after.map((e) => e.event_id)).toEqual(before.map((e) => e.event_id));
    for (const [i, e] of after.entries()) {
      const b = before[i] as Ev;
      expect(e.actor).toBe(`User ${String(b.actor).slice(1, 2)}`);
      for (const col of Object.keys(e)) if (col !== 'actor') expect(e[col], col).toEqual(b[col]);
    }

    const log = await c.db.one<{ actor: string; details: string }>(
      "SELECT actor, details::VARCHAR AS details FROM custody_log WHERE action = 'mapping-applied' ORDER BY id DESC LIMIT 1",
    );
    const d = JSON.parse(String(log?.details));
    expect(log?.actor).toBe('dana');
    expect(d).toMatchObject({ source_id: 1, vendor: 'generic', events: 30, changed: 30, columns: { actor: 30 } });
    expect(d.old.fields.actor).toBe('who.email');
    expect(d.new.fields.actor).toBe('who.display');
    expect(await c.db.all('SELECT vendor, label, source_id, author FROM mappings')).toEqual([
      { vendor: 'generic', label: 'Generic (detected by field names and value shapes)', source_id: 1, author: 'dana' },
    ]);
  });

  it('saves the applied mapping as a pack file that loads with --pack and maps the same way', async () => {
    const cur = await currentMapping(c.db, 1);
    expect(cur.origin).toBe('stored');
    const file = join(t.dir(), 'mine.json');
    writeFileSync(file, packFileText(cur.pack));
    const loaded = await readPackFile(c.db, file);
    expect(loaded).toEqual(cur.pack);
    const other = await t.openCase('other.duckdb');
    await importPaths(other, { paths: [t.file('b.ndjson', records(10))], mapping: await readPackFile(other.db, file) });
    expect(await other.db.all('SELECT actor, count(*)::INTEGER AS n FROM events GROUP BY 1 ORDER BY 1')).toEqual([
      { actor: 'User 0', n: 4 }, { actor: 'User 1', n: 3 }, { actor: 'User 2', n: 3 },
    ]);
  });
});

describe('remapping a source from its stored raw records', () => {
  const t = useTempDir();

  it('reuses a stored mapping for later imports of the same source, and not for files it does not fit', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('a.ndjson', records(10))] });
    await remap(c, 1, (m) => ({ ...m, fields: { ...m.fields, actor: 'who.display', target_name: { path: 'item', transform: 'upper' } } }));
    const r = await importPaths(c, { paths: [t.file('b.ndjson', records(10, 100))] });
    expect(r.batches[0]?.events).toBe(10);
    expect(await c.db.all('SELECT DISTINCT actor FROM events WHERE batch_id = 2 ORDER BY 1')).toEqual([{ actor: 'User 0' }, { actor: 'User 1' }, { actor: 'User 2' }]);
    expect(await c.db.value("SELECT count(*) FROM events WHERE batch_id = 2 AND target_name LIKE 'DOC-%'")).toBe(10n);
    // Another shape of records is not this source's: detected afresh.
    const other = t.file('c.ndjson', [1, 2].map((i) => JSON.stringify({ timestamp: `2025-01-0${i}T00:00:00Z`, user: 'zed', action: 'x' })).join('\n'));
    await importPaths(c, { paths: [other] });
    expect(await c.db.all('SELECT DISTINCT actor FROM events WHERE batch_id = 3')).toEqual([{ actor: 'zed' }]);
  });

  it('keys stored mappings by pack: an Entra audit mapping never applies to Entra sign-in files', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: [join(FIXTURES, 'entra/graph-directory-audits.json')] });
    const audit = await c.db.one<{ id: number; label: string }>("SELECT id, label FROM sources WHERE vendor = 'entra'");
    await remap(c, Number(audit?.id), (m) => ({ ...m, fields: { ...m.fields, description: { const: 'audited' } } }));
    await importPaths(c, { paths: [join(FIXTURES, 'entra/graph-sign-ins.json')] });
    const rows = await c.db.all<{ label: string; d: string | null }>(
      'SELECT s.label, min(e.description) AS d FROM events e JOIN sources s ON s.id = e.source_id GROUP BY 1 ORDER BY 1',
    );
    expect(rows.find((r) => r.label === audit?.label)?.d).toBe('audited');
    const signIns = rows.find((r) => r.label !== audit?.label);
    expect(signIns?.label).toMatch(/sign-in/i);
    expect(signIns?.d).not.toBe('audited');
  });

  it('re-maps every event of exploded records (one record, several events) in place', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: [join(FIXTURES, 'gworkspace/reports-activities.json')] });
    const before = await c.db.all<Ev>('SELECT event_id, locator, action FROM events ORDER BY event_id');
    const s = await remap(c, 1, (m) => ({ ...m, fields: { ...m.fields, action: { template: '{@.type}/{@.name}' } } }));
    const after = await c.db.all<Ev>('SELECT event_id, locator, action FROM events ORDER BY event_id');
    expect(after.map((e) => [e.event_id, e.locator])).toEqual(before.map((e) => [e.event_id, e.locator]));
    expect(s.changed).toBe(before.length);
    for (const [i, e] of after.entries()) expect(e.action).toMatch(new RegExp(`^[^/]+/${String(before[i]?.action)}$`));
  });

  it('reads offset-less times again in the zone each file was imported with', async () => {
    const c = await t.openCase();
    const line = (ts: string): string => JSON.stringify({ when: ts, t2: ts.replace('10:', '11:'), user: 'a', action: 'x' });
    await importPaths(c, { paths: [t.file('utc.ndjson', line('2025-01-01 10:00:00'))], tz: 'UTC' });
    await importPaths(c, { paths: [t.file('ber.ndjson', line('2025-01-02 10:00:00'))], tz: 'Europe/Berlin' });
    const s = await remap(c, 1, (m) => ({ ...m, fields: { ...m.fields, time: 't2' } }));
    expect(s.columns).toMatchObject({ event_time: 2, time_raw: 2 });
    const rows = await c.db.all<{ t: Date; tz: string }>('SELECT event_time AS t, time_assumed_tz AS tz FROM events ORDER BY batch_id');
    expect(rows.map((r) => [r.t.toISOString(), r.tz])).toEqual([
      ['2025-01-01T11:00:00.000Z', 'UTC'],
      ['2025-01-02T10:00:00.000Z', 'Europe/Berlin'],
    ]);
  });

  it('import --map corrects the detected mapping and keeps it for the source', async () => {
    const c = await t.openCase();
    const r = await importPaths(c, {
      paths: [t.file('a.ndjson', records(6))],
      mapEdits: [parseMapSpec('actor=who.display|lower'), parseMapSpec('service=const:files')],
      author: 'dana',
    });
    expect(r.batches[0]?.events).toBe(6);
    expect(await c.db.all('SELECT DISTINCT actor, service FROM events ORDER BY 1')).toEqual([
      { actor: 'user 0', service: 'files' }, { actor: 'user 1', service: 'files' }, { actor: 'user 2', service: 'files' },
    ]);
    expect(await c.db.value("SELECT count(*) FROM custody_log WHERE action = 'mapping-stored' AND actor = 'dana'")).toBe(1n);
    await importPaths(c, { paths: [t.file('b.ndjson', records(3, 50))] });
    expect(await c.db.value("SELECT count(*) FROM events WHERE batch_id = 2 AND service = 'files'")).toBe(3n);
    await expect(importPaths(c, { paths: [t.file('c.ndjson', records(3, 90))], mapEdits: [parseMapSpec('actor=who.display|regex:(')] }))
      .resolves.toMatchObject({ batches: [{ events: 0, error: { message: expect.stringMatching(/--map: fields\.actor\.regex: not a valid RE2 pattern/) } }] });
  });
});
