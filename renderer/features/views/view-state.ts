import type { SavedView, ViewState } from '../../../preload/api.ts';
import type { ScopeState } from '../../app/scope.tsx';
import { parseLayout, type TableLayout } from '../table/column-layout.ts';

/** Between the viewer's state (scope + table layout) and a saved view, both ways, as pure data. */

export function viewOf(scope: ScopeState, layout: TableLayout): ViewState {
  return {
    filter: scope.filter,
    chips: scope.chips.map((c) => ({ column: c.column, value: c.value, exclude: c.exclude })),
    search: scope.search,
    timeRange: { ...(scope.timeRange.from ? { from: scope.timeRange.from } : {}), ...(scope.timeRange.to ? { to: scope.timeRange.to } : {}) },
    zone: scope.zone,
    columns: layout.columns,
    sort: layout.sort,
  };
}

export function scopeOf(v: SavedView | ViewState): ScopeState {
  return {
    filter: v.filter,
    chips: v.chips.map((c) => ({ column: c.column, value: c.value, exclude: c.exclude })),
    search: v.search,
    timeRange: { ...v.timeRange },
    zone: v.zone,
  };
}

/** The layout a view asks for; a view saved without columns keeps the current ones but takes its sort. */
export function layoutOf(v: SavedView | ViewState, current: TableLayout): TableLayout {
  const columns = Array.isArray(v.columns) ? parseLayout({ version: 1, columns: v.columns, sort: v.sort }).columns : current.columns;
  return parseLayout({ version: 1, columns, sort: v.sort });
}

/** One line saying what a view narrows to, for the list. */
export function describeView(v: SavedView): string {
  const parts = [
    v.filter,
    ...v.chips.map((c) => `${c.column} ${c.exclude ? '≠' : '='} ${c.value ?? 'NULL'}`),
    v.search && `“${v.search}”`,
    (v.timeRange.from || v.timeRange.to) && `${(v.timeRange.from ?? '…').slice(0, 16)} → ${(v.timeRange.to ?? '…').slice(0, 16)}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'all events';
}
