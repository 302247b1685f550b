import type { EntityRef } from '../../preload/api.ts';

/** The pure half of the investigation tabs (opening, focusing, closing), testable without React. */

/** One side of a comparison. */
export interface DiffSide {
  /** Shown above its column, e.g. `#3 · 2025-03-04 02:41 · dana@acme.example`. */
  label: string;
  /**
   * What is compared. A plain object compares field by field (each field a section); a string is
   * text (or JSON text, pretty-printed with sorted keys); anything else is compared as sorted JSON.
   */
  value: unknown;
  /** The event this side comes from, when it is one. */
  eventId?: string;
  /** A few characters for the tab title (`#2`, `okta 02:41:17`); the label is used, shortened, without it. */
  short?: string;
}

export interface HistoryTarget {
  /** Only for an object known by name alone (an id is the object whatever its events' type). */
  type?: string;
  id: string;
  /** For the tab title; not part of what the tab shows. */
  name?: string;
}

export type InvestigateTab = { id: string; title: string } & (
  | { kind: 'timeline'; entity: EntityRef }
  | { kind: 'history'; target: HistoryTarget }
  | { kind: 'context'; eventId: string }
  | { kind: 'diff'; a: DiffSide; b: DiffSide; caption?: string }
  | { kind: 'annotations' }
);

type Request<T> = T extends unknown ? Omit<T, 'id' | 'title'> : never;
/** What a caller asks to open; the id and title follow from it. */
export type NewTab = Request<InvestigateTab>;

export interface TabsState {
  tabs: InvestigateTab[];
  /** The tab on screen, or null when the area is hidden (the table is showing). */
  active: string | null;
  /** A second tab shown beside the active one, or null. */
  beside: string | null;
}

export const NO_TABS: TabsState = { tabs: [], active: null, beside: null };

/** Enough tabs for a working session; the oldest make room (they are cheap to open again). */
export const MAX_TABS = 12;

let diffSerial = 0;

/** What a tab shows: opening the same timeline, history or context again brings its tab forward. */
export function tabKey(t: NewTab): string {
  switch (t.kind) {
    case 'timeline':
      return `timeline:${t.entity.kind}:${t.entity.value}`;
    case 'history':
      return `history:${t.target.type ?? ''}:${t.target.id}`;
    case 'context':
      return `context:${t.eventId}`;
    case 'diff':
      // Diffs are built from values, not looked up; every comparison opened is its own tab.
      return `diff:${++diffSerial}`;
    case 'annotations':
      return 'annotations';
  }
}

/**
 * Tabs as a restored session left them: comparisons get fresh ids (ids of this page's later diffs
 * count from one again), and the shown tabs must still exist.
 */
export function restoreTabs(saved: TabsState): TabsState {
  const ids = new Map<string, string>();
  const tabs = saved.tabs.slice(-MAX_TABS).map((t) => {
    const id = t.kind === 'diff' ? tabKey(t) : t.id;
    ids.set(t.id, id);
    return { ...t, id } as InvestigateTab;
  });
  const active = saved.active !== null ? (ids.get(saved.active) ?? null) : null;
  const beside = saved.beside !== null ? (ids.get(saved.beside) ?? null) : null;
  return { tabs, active, beside: beside === active ? null : beside };
}

export function openTab(s: TabsState, t: NewTab): TabsState {
  const id = tabKey(t);
  if (s.tabs.some((x) => x.id === id)) return { ...s, active: id, beside: s.beside === id ? null : s.beside };
  let tabs: InvestigateTab[] = [...s.tabs, { ...t, id, title: titleFor(t) } as InvestigateTab];
  while (tabs.length > MAX_TABS) {
    const drop = tabs.find((x) => x.id !== id && x.id !== s.beside);
    if (!drop) break;
    tabs = tabs.filter((x) => x !== drop);
  }
  return { tabs, active: id, beside: s.beside };
}

/**
 * A history tab learnt which object it shows (asked by a name, the engine answered with the id):
 * it takes that object's key, or gives way to a tab already showing the same object.
 */
export function settleHistoryTab(s: TabsState, id: string, target: HistoryTarget): TabsState {
  const tab = s.tabs.find((t) => t.id === id);
  if (!tab || tab.kind !== 'history') return s;
  const next: NewTab = { kind: 'history', target };
  const key = tabKey(next);
  if (key === id) return s;
  if (s.tabs.some((t) => t.id === key)) {
    const without = closeTab(s, id);
    return s.active === id ? showTab(without, key) : without;
  }
  const renamed = { ...tab, id: key, target, title: titleFor(next) };
  return {
    tabs: s.tabs.map((t) => (t.id === id ? renamed : t)),
    active: s.active === id ? key : s.active,
    beside: s.beside === id ? key : s.beside,
  };
}

export function closeTab(s: TabsState, id: string): TabsState {
  const i = s.tabs.findIndex((t) => t.id === id);
  if (i < 0) return s;
  const tabs = s.tabs.filter((t) => t.id !== id);
  const beside = s.beside === id ? null : s.beside;
  let active = s.active;
  if (active === id) active = beside ?? tabs[Math.min(i, tabs.length - 1)]?.id ?? null;
  return { tabs, active, beside: beside === active ? null : beside };
}

export function showTab(s: TabsState, id: string | null): TabsState {
  return { ...s, active: id, beside: s.beside === id ? null : s.beside };
}

export function showBeside(s: TabsState, id: string | null): TabsState {
  return { ...s, beside: id === s.active ? null : id };
}

export function shorten(v: string, n = 28): string {
  return v.length > n ? `${v.slice(0, n - 1)}…` : v;
}

export function titleFor(t: NewTab): string {
  switch (t.kind) {
    case 'annotations':
      return 'annotations';
    case 'timeline':
      return `${t.entity.kind}: ${shorten(t.entity.value)}`;
    case 'history':
      return `history: ${shorten(t.target.name ?? t.target.id)}`;
    case 'context':
      return 'around event';
    case 'diff': {
      const pair = `${t.a.short ?? shorten(t.a.label, 16)} ↔ ${t.b.short ?? shorten(t.b.label, 16)}`;
      return t.caption ? `${shorten(t.caption, 20)} ${pair}` : pair;
    }
  }
}
