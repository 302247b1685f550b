/**
 * Per-case UI state, kept in the case's `session` table so it travels with the case; saved views
 * (named scopes with their table layout); finding an event's row in a result (restoring a selection).
 */
import type { CaseInfo } from './case.ts';
import type { ArgKind, Result, ViewColumn } from './common.ts';
import type { EventScope, SortDir } from './query.ts';

/** A chip of the filter bar: `column = value`, or its exclusion. */
export interface ViewChip {
  column: ViewColumn;
  value: string | null;
  exclude: boolean;
}

/** Everything a saved view restores. */
export interface ViewState {
  filter: string;
  chips: ViewChip[];
  search: string;
  timeRange: { from?: string; to?: string };
  /** How times are shown: UTC, or the viewer's local zone. */
  zone: 'UTC' | 'local';
  /** The table's columns (order, shown, widths) as the renderer stores them; null keeps the current ones. */
  columns: unknown;
  /** null: the default order (time, oldest first). */
  sort: { column: ViewColumn; dir: SortDir } | null;
}

export interface SavedView extends ViewState {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string | null;
}

export interface LocateQuery extends EventScope {
  sort?: { column: ViewColumn; dir: SortDir };
  eventId: string;
}

export interface SessionApi {
  getSession(key: string): Promise<Result<unknown>>;
  setSession(q: { key: string; value: unknown }): Promise<Result<null>>;
  listViews(): Promise<Result<SavedView[]>>;
  /** Saves under a name; an existing name is refused unless `replace`. */
  saveView(q: { name: string; view: ViewState; replace?: boolean }): Promise<Result<SavedView>>;
  renameView(q: { id: number; name: string }): Promise<Result<SavedView>>;
  deleteView(q: { id: number }): Promise<Result<null>>;
  /** The row index of an event in a sorted, filtered result (null when it is not in it). */
  locateEvent(q: LocateQuery): Promise<Result<number | null>>;
  /** "Save case as…": copies the open case (everything in it) to a new file and opens the copy. */
  saveCaseAs(path: string): Promise<Result<CaseInfo>>;
}

export const SESSION_METHODS = {
  getSession: ['string'],
  setSession: ['object'],
  listViews: [],
  saveView: ['object'],
  renameView: ['object'],
  deleteView: ['object'],
  locateEvent: ['object'],
  saveCaseAs: ['string'],
} as const satisfies Record<keyof SessionApi, readonly ArgKind[]>;
