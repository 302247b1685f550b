import { describe, expect, it } from 'vitest';
import type { ObjectHistory, ObjectVersion } from '../../preload/api.ts';
import { changeSummary, stateAt, versionItems, versionLabel } from '../../renderer/features/history/history-model.ts';

function version(index: number, at: string | null, p: Partial<ObjectVersion> = {}): ObjectVersion {
  return {
    index,
    at,
    event_id: `e${index}`,
    vendor: 'yepcode',
    actor: 'dana@acme.example',
    action: 'UPDATED',
    action_class: 'update',
    deleted: false,
    changes: [],
    state: {},
    ...p,
  };
}

function history(versions: ObjectVersion[]): ObjectHistory {
  return { target: { type: 'PROCESS', id: 'prc_1', name: null }, events: versions.length, versions, elapsedMs: 1 };
}

// The invoice-sync story: two code edits, each published; publishing changes no field.
const updates = history([
  version(0, '2025-03-04T02:09:41.000Z', { changes: [{ field: 'code', old: 'v0', new: 'v1' }], state: { code: 'v1' } }),
  version(1, '2025-03-04T02:10:05.000Z', { action: 'PUBLISHED', action_class: null, state: { code: 'v1' } }),
  version(2, '2025-03-04T02:41:17.000Z', { changes: [{ field: 'code', old: 'v1', new: 'v2' }], state: { code: 'v2' } }),
  version(3, '2025-03-04T03:00:00.000Z', {
    changes: [{ field: 'name', old: 'invoice-sync', new: 'invoice-sync-2' }],
    state: { code: 'v2', name: 'invoice-sync-2' },
  }),
]);

describe('object history in the renderer', () => {
  it('adds the state before the first change, read from old values', () => {
    const items = versionItems(updates);
    expect(items.map((i) => i.key)).toEqual(['initial', '0', '1', '2', '3']);
    expect(items[0]?.state).toEqual({ code: 'v0', name: 'invoice-sync' });
    expect(items[0]?.backfilled.sort()).toEqual(['code', 'name']);
  });

  it('backfills a field into the versions before its first change', () => {
    const items = versionItems(updates);
    expect(items.map((i) => i.state.name)).toEqual(['invoice-sync', 'invoice-sync', 'invoice-sync', 'invoice-sync', 'invoice-sync-2']);
    expect(items[2]?.backfilled).toEqual(['name']);
    // The engine's own states are not modified.
    expect(updates.versions[1]?.state).toEqual({ code: 'v1' });
  });

  it('does not invent a state before a creation, nor backfill across it', () => {
    const created = history([
      version(0, '2025-01-01T00:00:00.000Z', {
        action: 'CREATED',
        action_class: 'create',
        changes: [{ field: 'name', old: null, new: 'a' }],
        state: { name: 'a' },
      }),
      version(1, '2025-01-02T00:00:00.000Z', { changes: [{ field: 'cron', old: '0 * * * *', new: '*/10 * * * *' }], state: { name: 'a', cron: '*/10 * * * *' } }),
    ]);
    const items = versionItems(created);
    expect(items.map((i) => i.key)).toEqual(['0', '1']);
    // The cron had its old value since the creation (which did not log it).
    expect(items[0]?.state).toEqual({ name: 'a', cron: '0 * * * *' });
  });

  it('keeps inferred old values out of the backfill (they came from the previous version already)', () => {
    const h = history([
      version(0, '2025-01-01T00:00:00.000Z', { changes: [{ field: 'iban', old: null, new: 'DE1' }], state: { iban: 'DE1' } }),
      version(1, '2025-01-02T00:00:00.000Z', { changes: [{ field: 'iban', old: 'DE1', new: 'GB9', oldInferred: true }], state: { iban: 'GB9' } }),
    ]);
    expect(versionItems(h).map((i) => i.key)).toEqual(['0', '1']);
  });

  it('finds the state at a time: the last version at or before it', () => {
    const items = versionItems(updates);
    expect(stateAt(items, '2025-03-04T02:09:41.000Z')?.key).toBe('0');
    expect(stateAt(items, '2025-03-04T02:30:00.000Z')?.key).toBe('1');
    expect(stateAt(items, '2025-03-04T02:41:16.999Z')?.key).toBe('1');
    expect(stateAt(items, '2025-03-04T02:41:17.000Z')?.state.code).toBe('v2');
    expect(stateAt(items, '2030-01-01T00:00:00.000Z')?.key).toBe('3');
  });

  it('before the first version, gives the initial state when known and nothing otherwise', () => {
    expect(stateAt(versionItems(updates), '2025-03-01T00:00:00.000Z')?.key).toBe('initial');
    const created = history([version(0, '2025-01-01T00:00:00.000Z', { action_class: 'create', state: { a: 1 } })]);
    expect(stateAt(versionItems(created), '2024-12-31T00:00:00.000Z')).toBeNull();
    expect(stateAt(versionItems(updates), 'not a time')).toBeNull();
  });

  it('a deleted object keeps its history; its last state is what was deleted', () => {
    const h = history([
      version(0, '2025-01-01T00:00:00.000Z', { action_class: 'create', changes: [{ field: 'name', old: null, new: 'x' }], state: { name: 'x' } }),
      version(1, '2025-01-02T00:00:00.000Z', { action: 'DELETED', action_class: 'delete', deleted: true, state: { name: 'x' } }),
    ]);
    const found = stateAt(versionItems(h), '2025-02-01T00:00:00.000Z');
    expect(found?.deleted).toBe(true);
    expect(found?.state).toEqual({ name: 'x' });
    expect(changeSummary(found!)).toBe('deleted');
  });

  it('labels versions by number, time and actor', () => {
    const items = versionItems(updates);
    expect(versionLabel(items[3]!, 'UTC')).toBe('#3 · 2025-03-04 02:41:17.000 · dana@acme.example');
    expect(versionLabel(items[0]!, 'UTC')).toBe('Initial (before #1)');
  });
});
