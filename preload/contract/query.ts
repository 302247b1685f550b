/** Browsing: pages of events, counts, filters, histogram, facets. */
import type { ApiError, ArgKind, EventRow, Result, ViewColumn } from './common.ts';

export type SortDir = 'asc' | 'desc';

/** What narrows the events everywhere (table, histogram, facets): filter bar, search box, time range. */
export interface EventScope {
  /** The SQL boolean expression of the filter bar; empty for all events. */
  filter?: string;
  /** Free text, matched case-insensitively in the main columns and the raw record. */
  search?: string;
  /** ISO instants; `from` inclusive, `to` exclusive. */
  timeRange?: { from?: string; to?: string };
}

export interface EventQuery extends EventScope {
  sort?: { column: ViewColumn; dir: SortDir };
  offset?: number;
  limit?: number;
}

export type StackBy = 'vendor' | 'outcome' | 'action_class' | 'action' | 'none';

export interface HistogramQuery extends EventScope {
  stackBy?: StackBy;
  /** Upper bound on the number of buckets; the bucket size is chosen from round sizes. */
  maxBuckets?: number;
}

export interface Histogram {
  /** Bucket width in milliseconds. */
  bucketMs: number;
  /** Bucket start instants (ISO, UTC), ascending, contiguous. */
  buckets: string[];
  /** One series per stack key, counts aligned with `buckets`. */
  series: { key: string; counts: number[] }[];
  total: number;
  elapsedMs: number;
}

/** `target` is the derived column (name, else id, else type), as the table's Target column shows it. */
export const FACET_COLUMNS = ['actor', 'action', 'target', 'src_ip', 'outcome', 'vendor', 'service'] as const;
export type FacetColumn = (typeof FACET_COLUMNS)[number];

export interface FacetQuery extends EventScope {
  columns?: FacetColumn[];
  limit?: number;
}

export interface Facets {
  facets: { column: FacetColumn; values: { value: string; count: number }[]; distinct: number }[];
  elapsedMs: number;
}

export interface EventPage {
  rows: EventRow[];
  offset: number;
  total: number;
  elapsedMs: number;
}

export interface FilterCheck {
  valid: boolean;
  error?: ApiError;
  columns: string[];
}

export interface QueryApi {
  getEvents(q: EventQuery): Promise<Result<EventPage>>;
  countEvents(q: EventScope): Promise<Result<number>>;
  checkFilter(filter: string): Promise<Result<FilterCheck>>;
  getEvent(eventId: string): Promise<Result<EventRow | null>>;
  getHistogram(q: HistogramQuery): Promise<Result<Histogram>>;
  getFacets(q: FacetQuery): Promise<Result<Facets>>;
  /** Top values of a column starting with a prefix (filter-bar completion). */
  suggestValues(q: { column: ViewColumn; prefix?: string; limit?: number }): Promise<Result<{ value: string; count: number }[]>>;
}

export const QUERY_METHODS = {
  getEvents: ['object'],
  countEvents: ['object'],
  checkFilter: ['string'],
  getEvent: ['string'],
  getHistogram: ['object'],
  getFacets: ['object'],
  suggestValues: ['object'],
} as const satisfies Record<keyof QueryApi, readonly ArgKind[]>;
