import type { EntityKind } from '../../../preload/api.ts';
import type { DiffSide, InvestigateTab, TabsState } from '../../app/investigate-tabs.ts';
import type { Chip, ScopeState } from '../../app/scope.tsx';

/**
 * The working state of a case as the viewer keeps it in the case's `session` table (key
 * `workspace`): what narrows the table, the time zone, the selected event and where the table was
 * scrolled, whether the detail pane was open, and the investigation tabs. Pure data, read back
 * through parseWorkspace, which accepts anything (an older viewer, another tool) and keeps only
 * what it can restore.
 */

export const WORKSPACE_KEY = 'workspace';
/** The serve host takes API bodies up to 1 MiB; the state stays under it. */
export const MAX_WORKSPACE_BYTES = 900_000;

export interface Workspace {
  version: 1;
  scope: ScopeState;
  /** The selected event: its row in the result and its id (the row is checked against the id). */
  selection: { index: number; eventId: string } | null;
  /** The first row visible in the table. */
  topRow: number;
  detailOpen: boolean;
  tabs: TabsState;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const nat = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
const ENTITY_KINDS: readonly EntityKind[] = ['actor', 'target', 'ip', 'session'];

function parseScope(v: unknown): ScopeState {
  const s = isRecord(v) ? v : {};
  const chips: Chip[] = Array.isArray(s.chips)
    ? s.chips.filter(isRecord).flatMap((c) =>
        typeof c.column === 'string' && (typeof c.value === 'string' || c.value === null)
          ? [{ column: c.column as Chip['column'], value: c.value, exclude: c.exclude === true }]
          : [],
      )
    : [];
  const range = isRecord(s.timeRange) ? s.timeRange : {};
  return {
    filter: str(s.filter),
    chips,
    search: str(s.search),
    timeRange: { ...(str(range.from) ? { from: str(range.from) } : {}), ...(str(range.to) ? { to: str(range.to) } : {}) },
    zone: s.zone === 'local' ? 'local' : 'UTC',
  };
}

function diffSide(v: unknown): DiffSide | null {
  if (!isRecord(v) || typeof v.label !== 'string' || !('value' in v)) return null;
  return {
    label: v.label,
    value: v.value,
    ...(typeof v.eventId === 'string' ? { eventId: v.eventId } : {}),
    ...(typeof v.short === 'string' ? { short: v.short } : {}),
  };
}

function parseTab(t: unknown): InvestigateTab | null {
  if (!isRecord(t) || typeof t.id !== 'string' || typeof t.title !== 'string') return null;
  const base = { id: t.id, title: t.title };
  switch (t.kind) {
    case 'timeline':
      return isRecord(t.entity) && ENTITY_KINDS.includes(t.entity.kind as EntityKind) && typeof t.entity.value === 'string'
        ? { ...base, kind: 'timeline', entity: { kind: t.entity.kind as EntityKind, value: t.entity.value } }
        : null;
    case 'history': {
      const target = isRecord(t.target) ? t.target : null;
      if (!target || typeof target.id !== 'string') return null;
      return {
        ...base,
        kind: 'history',
        target: {
          id: target.id,
          ...(typeof target.type === 'string' ? { type: target.type } : {}),
          ...(typeof target.name === 'string' ? { name: target.name } : {}),
        },
      };
    }
    case 'context':
      return typeof t.eventId === 'string' ? { ...base, kind: 'context', eventId: t.eventId } : null;
    case 'diff': {
      const a = diffSide(t.a);
      const b = diffSide(t.b);
      return a && b ? { ...base, kind: 'diff', a, b, ...(typeof t.caption === 'string' ? { caption: t.caption } : {}) } : null;
    }
    case 'annotations':
      return { ...base, kind: 'annotations' };
    default:
      return null;
  }
}

export function parseWorkspace(v: unknown): Workspace | null {
  if (!isRecord(v) || v.version !== 1) return null;
  const sel = isRecord(v.selection) && typeof v.selection.eventId === 'string' ? { index: nat(v.selection.index), eventId: v.selection.eventId } : null;
  const t = isRecord(v.tabs) ? v.tabs : {};
  const tabs = (Array.isArray(t.tabs) ? t.tabs : []).map(parseTab).filter((x): x is InvestigateTab => x !== null);
  const has = (id: unknown): string | null => (typeof id === 'string' && tabs.some((x) => x.id === id) ? id : null);
  return {
    version: 1,
    scope: parseScope(v.scope),
    selection: sel,
    topRow: nat(v.topRow),
    detailOpen: v.detailOpen === true && sel !== null,
    tabs: { tabs, active: has(t.active), beside: has(t.beside) },
  };
}

/**
 * The workspace as JSON within the size bound: comparisons of large values are the only big part,
 * so the largest are left out first (they are opened again from their history or timeline).
 */
export function serializeWorkspace(w: Workspace, maxBytes = MAX_WORKSPACE_BYTES): { json: unknown; dropped: number } {
  let tabs = w.tabs.tabs;
  let dropped = 0;
  const size = (ts: InvestigateTab[]): number => JSON.stringify({ ...w, tabs: { ...w.tabs, tabs: ts } }).length;
  while (size(tabs) > maxBytes) {
    const diffs = tabs.filter((t) => t.kind === 'diff');
    if (diffs.length === 0) break;
    const largest = diffs.reduce((a, b) => (JSON.stringify(a).length >= JSON.stringify(b).length ? a : b));
    tabs = tabs.filter((t) => t !== largest);
    dropped += 1;
  }
  const ids = new Set(tabs.map((t) => t.id));
  const keep = (id: string | null): string | null => (id !== null && ids.has(id) ? id : null);
  return { json: { ...w, tabs: { tabs, active: keep(w.tabs.active), beside: keep(w.tabs.beside) } }, dropped };
}
