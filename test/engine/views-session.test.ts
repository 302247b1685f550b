import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result, ViewState } from '../../preload/api.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const rows = Array.from({ length: 30 }, (_, i) => ({
  id: `e${i}`,
  // Three events share a time so the tie-break (event_id) counts too; two have none.
  time: i >= 28 ? null : new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 60_000).toISOString(),
  user: ['ann', 'ben', null][i % 3],
  action: i % 2 ? 'read' : 'write',
}));

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const VIEW: ViewState = {
  filter: "action = 'write'",
  chips: [{ column: 'actor', value: 'ann', exclude: false }, { column: 'actor', value: null, exclude: true }],
  search: 'e1',
  timeRange: { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00.000Z' },
  zone: 'local',
  columns: { version: 1, columns: [{ id: 'actor', visible: true, width: 120 }] },
  sort: { column: 'actor', dir: 'desc' },
};

describe('saved views and session state', () => {
  const t = useTempDir();

  async function engine(): Promise<{ e: EngineHost; path: string }> {
    const path = join(t.dir(), 'case.duckdb');
    const e = await createEngine({ casePath: path, create: true, dataDir: join(t.dir(), 'home') });
    ok(await e.importFiles({ paths: [t.file('e.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))] }));
    return { e, path };
  }

  it('saves, lists, renames and deletes views; they come back exactly as saved after reopening', async () => {
    const { e, path } = await engine();
    const saved = ok(await e.saveView({ name: 'Ann writes', view: VIEW }));
    expect(saved).toMatchObject({ name: 'Ann writes', ...VIEW, timeRange: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' } });
    const dup = await e.saveView({ name: 'ann WRITES', view: VIEW });
    expect(!dup.ok && dup.error.message).toMatch(/exists already/);
    ok(await e.saveView({ name: 'Ann writes', view: { ...VIEW, search: '' }, replace: true }));
    ok(await e.saveView({ name: 'all', view: { ...VIEW, filter: '', chips: [], search: '', timeRange: {}, sort: null, columns: null, zone: 'UTC' } }));
    ok(await e.closeCase());
    ok(await e.openCase(path));
    const list = ok(await e.listViews());
    expect(list.map((v) => v.name)).toEqual(['all', 'Ann writes']);
    const ann = list[1];
    expect(ann).toMatchObject({ ...VIEW, search: '', timeRange: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' } });
    expect(ann?.updatedAt).not.toBeNull();
    const renamed = ok(await e.renameView({ id: ann?.id as number, name: 'Night writes' }));
    expect(renamed.name).toBe('Night writes');
    const clash = await e.renameView({ id: ann?.id as number, name: 'ALL' });
    expect(!clash.ok && clash.error.message).toMatch(/exists already/);
    ok(await e.deleteView({ id: list[0]?.id as number }));
    expect(ok(await e.listViews()).map((v) => v.name)).toEqual(['Night writes']);
    const log = ok(await e.listCustody({ actions: ['view-saved', 'view-renamed', 'view-deleted'] })).rows.map((r) => r.action);
    expect(log).toEqual(['view-saved', 'view-saved', 'view-saved', 'view-renamed', 'view-deleted']);
    await e.dispose();
  });

  it('refuses views it could not restore', async () => {
    const { e } = await engine();
    const bad = async (q: unknown): Promise<string> => {
      const r = await e.saveView(q as Parameters<EngineHost['saveView']>[0]);
      return r.ok ? 'saved' : r.error.message;
    };
    expect(await bad({ name: '', view: VIEW })).toMatch(/1 to 100 characters/);
    expect(await bad({ name: 'x\u202E', view: VIEW })).toMatch(/bidirectional/);
    expect(await bad({ name: 'x', view: { ...VIEW, chips: [{ column: 'raw; DROP', value: 'a' }] } })).toMatch(/event column/);
    expect(await bad({ name: 'x', view: { ...VIEW, timeRange: { from: 'soon' } } })).toMatch(/not a time/);
    expect(await bad({ name: 'x', view: { ...VIEW, sort: { column: 'nope', dir: 'asc' } } })).toMatch(/sorts by an event column/);
    expect(ok(await e.listViews())).toEqual([]);
    await e.dispose();
  });

  it('keeps session state across close and reopen, and refuses state past its bound', async () => {
    const { e, path } = await engine();
    const state = { scope: { filter: 'bookmarked', chips: [] }, tabs: [{ kind: 'timeline', entity: { kind: 'actor', value: 'ann' } }], selected: { index: 3, eventId: 'x' } };
    ok(await e.setSession({ key: 'workspace', value: state }));
    ok(await e.closeCase());
    ok(await e.openCase(path));
    expect(ok(await e.getSession('workspace'))).toEqual(state);
    const huge = await e.setSession({ key: 'workspace', value: 'x'.repeat(5 * 1024 * 1024) });
    expect(!huge.ok && huge.error.message).toMatch(/not kept/);
    expect(ok(await e.getSession('workspace'))).toEqual(state);
    await e.dispose();
  });

  it('finds the row of an event in any sort of any filter, as the pager numbers them', async () => {
    const { e } = await engine();
    const sorts = [undefined, { column: 'event_time', dir: 'desc' }, { column: 'actor', dir: 'asc' }, { column: 'actor', dir: 'desc' }, { column: 'target', dir: 'asc' }] as const;
    for (const filter of ['', "action = 'write'", 'actor IS NULL OR event_time IS NULL']) {
      for (const sort of sorts) {
        const page = ok(await e.getEvents({ filter, ...(sort ? { sort } : {}), limit: 100 }));
        for (const [i, row] of page.rows.entries()) {
          expect(ok(await e.locateEvent({ filter, ...(sort ? { sort } : {}), eventId: row.event_id })), `${filter} ${JSON.stringify(sort)} row ${i}`).toBe(i);
        }
      }
    }
    const other = ok(await e.getEvents({ filter: "action = 'read'", limit: 1 })).rows[0]?.event_id as string;
    expect(ok(await e.locateEvent({ filter: "action = 'write'", eventId: other }))).toBeNull();
    await e.dispose();
  });

  it('saves the case as a new file with everything in it and opens the copy; the original is untouched', async () => {
    const { e, path } = await engine();
    const first = ok(await e.getEvents({ limit: 1 })).rows[0]?.event_id as string;
    ok(await e.setBookmark({ eventId: first, on: true }));
    ok(await e.saveView({ name: 'v', view: VIEW }));
    ok(await e.setSession({ key: 'workspace', value: { a: 1 } }));
    const copy = join(t.dir(), 'handover.duckdb');
    const info = ok(await e.saveCaseAs(copy));
    expect(info.path).toBe(copy);
    expect(info.events).toBe(30);
    expect(e.current?.path).toBe(copy);
    expect(ok(await e.countEvents({ filter: 'bookmarked' }))).toBe(1);
    expect(ok(await e.listViews()).map((v) => v.name)).toEqual(['v']);
    expect(ok(await e.getSession('workspace'))).toEqual({ a: 1 });
    ok(await e.setBookmark({ eventId: first, on: false }));
    const copied = ok(await e.listCustody({})).rows.map((r) => r.action);
    expect(copied).toEqual(expect.arrayContaining(['case-created', 'import', 'annotation', 'case-saved-as', 'case-copied']));
    // Identifiers keep counting in the copy: sequences came along.
    expect(ok(await e.saveView({ name: 'w', view: VIEW })).id).toBe(2);
    ok(await e.openCase(path));
    expect(ok(await e.countEvents({ filter: 'bookmarked' }))).toBe(1);
    const again = await e.saveCaseAs(copy);
    expect(!again.ok && again.error.message).toMatch(/exists already/);
    const nowhere = await e.saveCaseAs(join(t.dir(), 'missing', 'x.duckdb'));
    expect(!nowhere.ok && nowhere.error.message).toMatch(/folder .*missing does not exist/);
    await e.dispose();
  });
});
