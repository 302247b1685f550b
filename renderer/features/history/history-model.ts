import type { ObjectHistory, ObjectVersion } from '../../../preload/api.ts';
import { formatTime, type DisplayZone } from '../../app/format.ts';
import type { DiffSide } from '../../app/investigate-tabs.ts';

/**
 * The object history as the history view lists it: the engine's versions, plus what the renderer
 * can add without guessing. The first change of a field logs its old value; that value held from
 * the object's creation (or the start of the evidence) until then, so earlier versions get it
 * ("backfilled"), and an "initial" entry holds the state before the first recorded change.
 */

export interface VersionItem {
  /** Unique in the list: `initial`, or the version index. */
  key: string;
  /** The engine's version index; null for the initial state. */
  index: number | null;
  at: string | null;
  event_id: string | null;
  vendor: string | null;
  actor: string | null;
  action: string | null;
  deleted: boolean;
  changes: ObjectVersion['changes'];
  state: Record<string, unknown>;
  /** Fields whose value here comes from the old value of a later change. */
  backfilled: string[];
}

const known = (v: unknown): boolean => v !== null && v !== undefined;

export function versionItems(h: ObjectHistory): VersionItem[] {
  const items: VersionItem[] = h.versions.map((v) => ({
    key: String(v.index),
    index: v.index,
    at: v.at,
    event_id: v.event_id,
    vendor: v.vendor,
    actor: v.actor,
    action: v.action,
    deleted: v.deleted,
    changes: v.changes,
    state: { ...v.state },
    backfilled: [],
  }));
  const first = h.versions[0];
  // Before a creation there was no object; otherwise the evidence starts mid-life and the state before it can be read off old values.
  const initial: VersionItem | null =
    first && first.action_class !== 'create'
      ? { key: 'initial', index: null, at: null, event_id: null, vendor: null, actor: null, action: null, deleted: false, changes: [], state: {}, backfilled: [] }
      : null;
  const list = initial ? [initial, ...items] : items;
  const offset = initial ? 1 : 0;
  const done = new Set<string>();
  h.versions.forEach((v, k) => {
    for (const c of v.changes) {
      if (done.has(c.field)) continue;
      done.add(c.field);
      if (c.oldInferred || !known(c.old)) continue;
      for (let j = k + offset - 1; j >= 0; j--) {
        const item = list[j] as VersionItem;
        if (c.field in item.state) break;
        item.state[c.field] = c.old;
        item.backfilled.push(c.field);
        if (item.index !== null && h.versions[item.index]?.action_class === 'create') break;
      }
    }
  });
  return initial && Object.keys(initial.state).length === 0 ? items : list;
}

/**
 * The state at time T: the last version at or before T. Before the first version, the initial
 * state when it is known; null when nothing is known yet (or T is not a time).
 */
export function stateAt(items: readonly VersionItem[], iso: string): VersionItem | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  let found = items.find((i) => i.index === null) ?? null;
  // Versions come in time order, so the last one at or before T wins.
  for (const item of items) if (item.index !== null && item.at !== null && Date.parse(item.at) <= t) found = item;
  return found;
}

export function versionName(item: VersionItem): string {
  return item.index === null ? 'Initial' : `#${item.index + 1}`;
}

/** `#2 · 2025-03-04 02:41:17.000 · dana@acme.example`, or `Initial (before #1)`. */
export function versionLabel(item: VersionItem, zone: DisplayZone): string {
  if (item.index === null) return 'Initial (before #1)';
  return [versionName(item), item.at ? formatTime(item.at, zone) : 'no time', item.actor].filter(Boolean).join(' · ');
}

export function versionSide(item: VersionItem, zone: DisplayZone): DiffSide {
  return {
    label: versionLabel(item, zone),
    short: versionName(item),
    value: item.state,
    ...(item.event_id ? { eventId: item.event_id } : {}),
  };
}

/** `code, name` (the fields a version changed), or what kind of version it is when it changed none. */
export function changeSummary(item: VersionItem): string {
  if (item.index === null) return Object.keys(item.state).sort().join(', ');
  if (item.changes.length > 0) return [...new Set(item.changes.map((c) => c.field))].join(', ');
  return item.deleted ? 'deleted' : 'no field changes';
}
