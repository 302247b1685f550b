import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../preload/api.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { writeDemoFiles, DEMO_TZ } from '../../main/demo/files.ts';
import { eventContext, timeline } from '../../main/engine/timeline/entity.ts';
import { foldVersions, objectHistory, stateAt } from '../../main/engine/timeline/history.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const at = (s: string): Date => new Date(s);

describe('object history', () => {
  const t = useTempDir();

  it('folds changes into versions, inferring old values a vendor did not log, keeping deletes', () => {
    const row = (id: string, time: string, cls: string, changes: Change[] | null) => ({
      event_id: id, event_time: at(time), vendor: 'epilot', actor: 'a', action: cls, action_class: cls,
      changes: changes ? JSON.stringify(changes) : null,
    });
    const versions = foldVersions([
      row('1', '2025-01-01T00:00:00Z', 'create', [{ field: 'name', old: null, new: 'Acme' }]),
      row('2', '2025-01-02T00:00:00Z', 'read', null),
      row('3', '2025-01-03T00:00:00Z', 'update', [{ field: 'name', old: null, new: 'Acme GmbH' }, { field: 'vat', old: null, new: 'DE1' }]),
      row('4', '2025-01-04T00:00:00Z', 'delete', null),
    ]);
    expect(versions.map((v) => [v.event_id, v.deleted])).toEqual([['1', false], ['3', false], ['4', true]]);
    expect(versions[1]?.changes).toEqual([
      { field: 'name', old: 'Acme', new: 'Acme GmbH', oldInferred: true },
      { field: 'vat', old: null, new: 'DE1' },
    ]);
    expect(versions[2]?.state).toEqual({ name: 'Acme GmbH', vat: 'DE1' });
    expect(versions[0]?.state).toEqual({ name: 'Acme' });
    expect(stateAt(versions, '2025-01-02T12:00:00Z')?.state).toEqual({ name: 'Acme' });
    expect(stateAt(versions, '2024-12-31T00:00:00Z')).toBeNull();
  });

  // One fixture per source that carries changes: the target with the most changes folds into
  // one version per change-bearing event, and every version's state holds its new values.
  const sources: [string, string][] = [
    ['yepcode', 'yepcode/audit-events.json'],
    ['ubiops (text "changed from")', 'ubiops/project-audit.json'],
    ['m365 ModifiedProperties', 'm365/purview-audit-search.csv'],
    ['okta changeDetails', 'okta/system-log-page.json'],
    ['github old_/previous_ keys', 'github/audit-log-export.json'],
    ['epilot new-only values', 'epilot/audit-logs.json'],
  ];
  for (const [name, file] of sources) {
    it(`folds ${name}`, async () => {
      const c = await t.openCase();
      const s = await importPaths(c, { paths: [join(fixtures, file)], tz: 'UTC' });
      expect(s.batches[0]?.error).toBeUndefined();
      const top = await c.db.one<{ id: string; n: bigint }>(
        `SELECT coalesce(target_id, target_name) AS id, count(*) AS n FROM events WHERE changes IS NOT NULL
         GROUP BY 1 ORDER BY n DESC, id LIMIT 1`,
      );
      expect(top, 'the fixture has change-bearing events').toBeDefined();
      const h = await objectHistory(c.reader, { target: { id: top?.id ?? '' } });
      const withChanges = h.versions.filter((v) => v.changes.length > 0);
      expect(withChanges.length).toBe(Number(top?.n));
      for (const v of withChanges) {
        for (const ch of v.changes) expect(v.state[ch.field]).toEqual(ch.new);
      }
      const times = h.versions.map((v) => v.at ?? '');
      expect([...times].sort()).toEqual(times);
    });
  }

  it('epilot: the previous version supplies the old value', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: writeDemoFiles(join(t.dir(), 'demo')), tz: DEMO_TZ });
    const h = await objectHistory(c.reader, { target: { id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' } });
    const phones = h.versions.filter((v) => v.changes.some((ch) => ch.field === 'phone'));
    expect(phones.length).toBeGreaterThanOrEqual(2);
    const second = phones[1]?.changes.find((ch) => ch.field === 'phone');
    expect(second?.oldInferred).toBe(true);
    expect(second?.old).toEqual(phones[0]?.changes.find((ch) => ch.field === 'phone')?.new);
  });

  it('the demo YepCode process has two code versions, each diffable against the one before', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: writeDemoFiles(join(t.dir(), 'demo')), tz: DEMO_TZ });
    const h = await objectHistory(c.reader, { target: { id: 'prc_7Hq2LmN4' } });
    const code = h.versions.filter((v) => v.changes.some((ch) => ch.field === 'code'));
    expect(code).toHaveLength(2);
    const [first, second] = code.map((v) => v.changes.find((ch) => ch.field === 'code'));
    expect(typeof first?.new).toBe('string');
    expect(second?.old).toEqual(first?.new);
    expect(second?.new).not.toEqual(second?.old);
  });

  it('is the same object whichever event, type or name it is asked by', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: writeDemoFiles(join(t.dir(), 'demo')), tz: DEMO_TZ });
    // An execution of the process is logged with type EXECUTION, its edits with type PROCESS.
    const fromUpdate = await objectHistory(c.reader, { target: { type: 'PROCESS', id: 'prc_7Hq2LmN4' } });
    const fromExecution = await objectHistory(c.reader, { target: { type: 'EXECUTION', id: 'prc_7Hq2LmN4' } });
    // YepCode exports the entity's ID only, so the ID alone finds it too.
    const byId = await objectHistory(c.reader, { target: { id: 'prc_7Hq2LmN4' } });
    expect(fromUpdate.versions.length).toBeGreaterThanOrEqual(2);
    for (const h of [fromExecution, byId]) {
      expect(h.versions.map((v) => v.event_id)).toEqual(fromUpdate.versions.map((v) => v.event_id));
      expect(h.events).toBe(fromUpdate.events);
      expect(h.target).toEqual({ type: 'PROCESS', id: 'prc_7Hq2LmN4', name: null });
    }
  });

  it('tells objects that only have a name apart by their type', async () => {
    const c = await t.openCase();
    const rows = [
      { date: '2025-01-01T00:00:00Z', action: 'update', object_type: 'deployment', object_name: 'default', event: "Description changed from 'a' to 'b'" },
      { date: '2025-01-02T00:00:00Z', action: 'update', object_type: 'environment', object_name: 'default', event: "Description changed from 'x' to 'y'" },
    ].map((r, i) => ({ id: `e${i}`, user: 'u@example.com', ...r }));
    await importPaths(c, { paths: [t.file('ubiops.json', JSON.stringify(rows))], vendor: 'ubiops' });
    const deployment = await objectHistory(c.reader, { target: { type: 'deployment', id: 'default' } });
    expect(deployment.events).toBe(1);
    expect(deployment.target.type).toBe('deployment');
  });
});

describe('entity timelines', () => {
  const t = useTempDir();

  it("follows an actor across vendors in time order, with lanes by vendor", async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: writeDemoFiles(join(t.dir(), 'demo')), tz: DEMO_TZ });
    const tl = await timeline(c.reader, { entity: { kind: 'ip', value: '203.0.113.77' }, lanesBy: 'vendor' });
    expect(tl.total).toBeGreaterThan(10);
    expect(tl.lanes.series.map((s) => s.key).length).toBeGreaterThanOrEqual(3);
    const times = tl.events.map((e) => e.event_time ?? '');
    expect([...times].sort()).toEqual(times);
    expect(tl.events.every((e) => e.src_ip === '203.0.113.77')).toBe(true);
    const byActor = await timeline(c.reader, { entity: { kind: 'actor', value: 'dana@acme.example' } });
    expect(new Set(byActor.events.map((e) => e.vendor)).size).toBeGreaterThanOrEqual(3);
    expect(byActor.filter).toBe("(actor = 'dana@acme.example' OR actor_id = 'dana@acme.example')");
  });

  it('shows what the same actor, IP and target did around one event', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: writeDemoFiles(join(t.dir(), 'demo')), tz: DEMO_TZ });
    const id = await c.db.value<string>("SELECT event_id FROM events WHERE src_ip = '203.0.113.77' ORDER BY event_time LIMIT 1 OFFSET 3");
    const ctx = await eventContext(c.reader, { eventId: id ?? '', windowMinutes: 30 });
    expect(ctx.sameIp.some((e) => e.event_id === id)).toBe(true);
    const lo = Date.parse(ctx.from);
    const hi = Date.parse(ctx.to);
    for (const e of [...ctx.sameActor, ...ctx.sameIp, ...ctx.sameTarget]) {
      const tt = Date.parse(e.event_time ?? '');
      expect(tt >= lo && tt <= hi).toBe(true);
    }
    await expect(eventContext(c.reader, { eventId: 'missing' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('treats entity values as data, never as filter syntax', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('x.ndjson', JSON.stringify({ time: '2025-01-01T00:00:00Z', user: "o'hara') OR (1=1", action: 'x' }))] });
    const tl = await timeline(c.reader, { entity: { kind: 'actor', value: "o'hara') OR (1=1" } });
    expect(tl.total).toBe(1);
    const none = await timeline(c.reader, { entity: { kind: 'actor', value: "nobody') OR (1=1" } });
    expect(none.total).toBe(0);
  });
});
