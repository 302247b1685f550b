import type { SortDir, ViewColumn } from '../../../preload/api.ts';
import { COLUMN_DEFS, columnDef } from './columns.ts';

/**
 * The table's layout as the investigator arranged it: column order, which are shown, their widths
 * and the sort. Pure functions over plain data, stored per case with setSession('columns') and read
 * back through parseLayout, which accepts anything (an older app, a hand-edited case) and repairs it.
 */

export interface ColumnState {
  id: ViewColumn;
  visible: boolean;
  width: number;
}

export interface SortSpec {
  column: ViewColumn;
  dir: SortDir;
}

export interface TableLayout {
  version: 1;
  /** Every known column, in display order, hidden ones included (they keep their place). */
  columns: ColumnState[];
  /** null: the engine's default, time ascending. */
  sort: SortSpec | null;
}

export const MIN_WIDTH = 48;
export const MAX_WIDTH = 2000;
export const SESSION_KEY = 'columns';
/** The engine sorts by time, oldest first, when the query names no sort. */
export const DEFAULT_SORT: SortSpec = { column: 'event_time', dir: 'asc' };

const clampWidth = (w: number): number => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

export function defaultLayout(): TableLayout {
  return {
    version: 1,
    columns: COLUMN_DEFS.map((c) => ({ id: c.id, visible: c.visible, width: c.width })),
    sort: null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseLayout(stored: unknown): TableLayout {
  const fallback = defaultLayout();
  if (!isRecord(stored) || !Array.isArray(stored.columns)) return fallback;
  const seen = new Set<string>();
  const columns: ColumnState[] = [];
  for (const item of stored.columns as unknown[]) {
    if (!isRecord(item) || typeof item.id !== 'string') continue;
    const def = columnDef(item.id);
    if (!def || seen.has(def.id)) continue; // unknown (a removed column) or repeated
    seen.add(def.id);
    columns.push({
      id: def.id,
      visible: typeof item.visible === 'boolean' ? item.visible : def.visible,
      width: typeof item.width === 'number' && Number.isFinite(item.width) ? clampWidth(item.width) : def.width,
    });
  }
  // Target used to be the name column; a layout from then gets the derived Target in its place.
  const oldTarget = columns.findIndex((c) => c.id === 'target_name');
  const legacy = columns[oldTarget];
  if (!seen.has('target') && legacy) {
    columns.splice(oldTarget, 0, { id: 'target', visible: legacy.visible, width: legacy.width });
    legacy.visible = false;
    seen.add('target');
  }
  // Columns added by a newer app appear where their defaults say, at the end.
  for (const c of fallback.columns) if (!seen.has(c.id)) columns.push(c);
  if (!columns.some((c) => c.visible)) return fallback;
  let sort: SortSpec | null = null;
  if (isRecord(stored.sort) && typeof stored.sort.column === 'string' && columnDef(stored.sort.column)) {
    sort = { column: stored.sort.column as ViewColumn, dir: stored.sort.dir === 'desc' ? 'desc' : 'asc' };
  }
  return { version: 1, columns, sort };
}

export function visibleColumns(layout: TableLayout): ColumnState[] {
  return layout.columns.filter((c) => c.visible);
}

export function setVisible(layout: TableLayout, id: ViewColumn, visible: boolean): TableLayout {
  // The last visible column stays: a table without columns is a blank screen, not a choice.
  if (!visible && visibleColumns(layout).every((c) => c.id === id)) return layout;
  return { ...layout, columns: layout.columns.map((c) => (c.id === id ? { ...c, visible } : c)) };
}

/** Moves a column to `toIndex` in the full order (hidden columns count). */
export function moveColumn(layout: TableLayout, id: ViewColumn, toIndex: number): TableLayout {
  const from = layout.columns.findIndex((c) => c.id === id);
  if (from < 0) return layout;
  const to = Math.max(0, Math.min(layout.columns.length - 1, toIndex));
  if (from === to) return layout;
  const columns = [...layout.columns];
  const [moved] = columns.splice(from, 1);
  columns.splice(to, 0, moved as ColumnState);
  return { ...layout, columns };
}

/**
 * Moves a column one step among the *visible* ones (the header's and the chooser's up/down), so
 * a step never disappears behind a hidden column.
 */
export function moveVisibleBy(layout: TableLayout, id: ViewColumn, delta: -1 | 1): TableLayout {
  const shown = visibleColumns(layout);
  const i = shown.findIndex((c) => c.id === id);
  const neighbour = shown[i + delta];
  if (i < 0 || !neighbour) return layout;
  return dropOn(layout, id, neighbour.id, delta > 0 ? 'after' : 'before');
}

/** A header dragged onto another header lands before or after it (whichever half it was dropped on). */
export function dropOn(
  layout: TableLayout,
  id: ViewColumn,
  target: ViewColumn,
  side: 'before' | 'after',
): TableLayout {
  if (id === target) return layout;
  const without = layout.columns.filter((c) => c.id !== id);
  const moved = layout.columns.find((c) => c.id === id);
  const at = without.findIndex((c) => c.id === target);
  if (!moved || at < 0) return layout;
  without.splice(side === 'before' ? at : at + 1, 0, moved);
  return { ...layout, columns: without };
}

export function resizeColumn(layout: TableLayout, id: ViewColumn, width: number): TableLayout {
  const w = clampWidth(width);
  return { ...layout, columns: layout.columns.map((c) => (c.id === id ? { ...c, width: w } : c)) };
}

/** Header click: a new column sorts ascending, the same column flips direction. */
export function toggleSort(layout: TableLayout, column: ViewColumn): TableLayout {
  const current = layout.sort ?? DEFAULT_SORT;
  const dir: SortDir = current.column === column && current.dir === 'asc' ? 'desc' : 'asc';
  return { ...layout, sort: { column, dir } };
}

export function effectiveSort(layout: TableLayout): SortSpec {
  return layout.sort ?? DEFAULT_SORT;
}

export function sameLayout(a: TableLayout, b: TableLayout): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
