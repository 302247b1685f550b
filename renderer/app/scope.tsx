import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { EventColumn, EventScope } from '../../preload/api.ts';

/**
 * What narrows the events on screen, shared by the filter bar, chips, search box, time range,
 * histogram, facets and table: one state, one EventScope sent to the engine.
 */

export interface Chip {
  column: EventColumn;
  value: string | null;
  /** true: exclude events with this value (alt-click, "filter out"). */
  exclude: boolean;
}

export type DisplayZone = 'UTC' | 'local';

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

const EMPTY: ScopeState = { filter: '', chips: [], search: '', timeRange: {}, zone: 'UTC' };

const ScopeContext = createContext<ScopeApi | null>(null);

export function ScopeProvider({ children, initial }: { children: ReactNode; initial?: Partial<ScopeState> }): React.JSX.Element {
  const [state, setState] = useState<ScopeState>({ ...EMPTY, ...initial });
  const patch = useCallback((p: Partial<ScopeState>) => setState((s) => ({ ...s, ...p })), []);
  const value = useMemo<ScopeApi>(() => {
    const filter = composeFilter(state.filter, state.chips);
    const scope: EventScope = {
      ...(filter ? { filter } : {}),
      ...(state.search.trim() ? { search: state.search.trim() } : {}),
      ...(state.timeRange.from || state.timeRange.to ? { timeRange: state.timeRange } : {}),
    };
    return {
      ...state,
      scope,
      setFilter: (f) => patch({ filter: f }),
      addChip: (chip) =>
        setState((s) =>
          s.chips.some((c) => c.column === chip.column && c.value === chip.value && c.exclude === chip.exclude)
            ? s
            : { ...s, chips: [...s.chips, chip] },
        ),
      removeChip: (i) => setState((s) => ({ ...s, chips: s.chips.filter((_, j) => j !== i) })),
      replaceChip: (i, chip) => setState((s) => ({ ...s, chips: s.chips.map((c, j) => (j === i ? chip : c)) })),
      setSearch: (search) => patch({ search }),
      setTimeRange: (timeRange) => patch({ timeRange }),
      setZone: (zone) => patch({ zone }),
      clearAll: () => setState((s) => ({ ...EMPTY, zone: s.zone })),
    };
  }, [state, patch]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): ScopeApi {
  const v = useContext(ScopeContext);
  if (!v) throw new Error('useScope outside ScopeProvider');
  return v;
}
