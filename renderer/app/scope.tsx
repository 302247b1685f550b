import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EventScope, ViewColumn } from '../../preload/api.ts';
import type { DisplayZone } from './format.ts';

export type { DisplayZone } from './format.ts';

/**
 * What narrows the events on screen, shared by the filter bar, chips, search box, time range,
 * histogram, facets and table: one state, one EventScope sent to the engine.
 */

export interface Chip {
  column: ViewColumn;
  value: string | null;
  /** true: exclude events with this value (alt-click, "filter out"). */
  exclude: boolean;
}

export interface ScopeState {
  /** The SQL expression typed in the filter bar. */
  filter: string;
  chips: Chip[];
  search: string;
  timeRange: { from?: string; to?: string };
  zone: DisplayZone;
}

export interface ScopeApi extends ScopeState {
  /** The EventScope for the engine: chips are AND-ed onto the typed expression. */
  scope: EventScope;
  setFilter(filter: string): void;
  addChip(chip: Chip): void;
  removeChip(index: number): void;
  replaceChip(index: number, chip: Chip): void;
  setSearch(search: string): void;
  setTimeRange(range: { from?: string; to?: string }): void;
  setZone(zone: DisplayZone): void;
  clearAll(): void;
  /** Replaces everything at once (a saved view, a restored session): one new scope, one query. */
  restore(state: Partial<ScopeState>): void;
}

/** A chip as filter-language text; the engine parses it and binds the value as a parameter. */
export function chipExpression(c: Chip): string {
  if (c.value === null) return `${c.column} IS ${c.exclude ? 'NOT ' : ''}NULL`;
  const literal = `'${c.value.replace(/'/g, "''")}'`;
  return c.exclude ? `(${c.column} IS NULL OR ${c.column} <> ${literal})` : `${c.column} = ${literal}`;
}

export function composeFilter(filter: string, chips: Chip[]): string {
  const parts = [filter.trim() ? `(${filter.trim()})` : '', ...chips.map(chipExpression)].filter(Boolean);
  return parts.join(' AND ');
}

export function sameChip(a: Chip, b: Chip): boolean {
  return a.column === b.column && a.value === b.value && a.exclude === b.exclude;
}

/** The EventScope for a state; empty parts are left out so equal scopes serialize equally. */
export function toEventScope(s: Pick<ScopeState, 'filter' | 'chips' | 'search' | 'timeRange'>): EventScope {
  const filter = composeFilter(s.filter, s.chips);
  const from = s.timeRange.from || undefined;
  const to = s.timeRange.to || undefined;
  return {
    ...(filter ? { filter } : {}),
    ...(s.search.trim() ? { search: s.search.trim() } : {}),
    ...(from || to ? { timeRange: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
  };
}

/** Replaces chip i; when the new chip already exists elsewhere the list keeps just that one. */
export function replaceAt(chips: Chip[], i: number, chip: Chip): Chip[] {
  if (chips.some((c, j) => j !== i && sameChip(c, chip))) return chips.filter((_, j) => j !== i);
  return chips.map((c, j) => (j === i ? chip : c));
}

const EMPTY: ScopeState = { filter: '', chips: [], search: '', timeRange: {}, zone: 'UTC' };

const ScopeContext = createContext<ScopeApi | null>(null);

export function ScopeProvider({ children, initial }: { children: ReactNode; initial?: Partial<ScopeState> }): React.JSX.Element {
  const [state, setState] = useState<ScopeState>({ ...EMPTY, ...initial });
  const patch = useCallback((p: Partial<ScopeState>) => setState((s) => ({ ...s, ...p })), []);
  // Kept apart from the zone (and anything else display-only) so that switching UTC/local does not
  // hand the table, histogram and facets a new scope object and make them query again.
  const { filter, chips, search, timeRange } = state;
  const scope = useMemo(() => toEventScope({ filter, chips, search, timeRange }), [filter, chips, search, timeRange]);
  // Setters only use functional updates, so they are made once: effects and chart hooks can hold them.
  const actions = useMemo(
    () => ({
      setFilter: (f: string) => patch({ filter: f }),
      addChip: (chip: Chip) =>
        setState((s) => (s.chips.some((c) => sameChip(c, chip)) ? s : { ...s, chips: [...s.chips, chip] })),
      removeChip: (i: number) => setState((s) => ({ ...s, chips: s.chips.filter((_, j) => j !== i) })),
      replaceChip: (i: number, chip: Chip) => setState((s) => ({ ...s, chips: replaceAt(s.chips, i, chip) })),
      setSearch: (search: string) => patch({ search }),
      setTimeRange: (range: { from?: string; to?: string }) => patch({ timeRange: range }),
      setZone: (zone: DisplayZone) => patch({ zone }),
      clearAll: () => setState((s) => ({ ...EMPTY, zone: s.zone })),
      restore: (p: Partial<ScopeState>) => setState((s) => ({ ...EMPTY, zone: s.zone, ...p })),
    }),
    [patch],
  );
  const value = useMemo<ScopeApi>(() => ({ ...state, scope, ...actions }), [state, scope, actions]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): ScopeApi {
  const v = useContext(ScopeContext);
  if (!v) throw new Error('useScope outside ScopeProvider');
  return v;
}

/**
 * Clears filter, chips, search and time range when `caseKey` (the open case's path) changes: a
 * filter written for one case means nothing in the next. The display zone is a preference and stays.
 */
export function useScopeReset(caseKey: string | null | undefined): void {
  const { clearAll } = useScope();
  const last = useRef(caseKey);
  useEffect(() => {
    if (last.current === caseKey) return;
    last.current = caseKey;
    clearAll();
  }, [caseKey, clearAll]);
}
