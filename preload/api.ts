/**
 * The one typed contract between the renderer and whatever hosts the engine (Electron main over
 * IPC, or the serve host over HTTP). Every method returns a Result instead of throwing, because
 * exceptions do not survive process boundaries intact. The preload object, the IPC binding and
 * the HTTP client are all built from API_METHODS / API_EVENTS.
 */

export type VendorId =
  | 'yepcode'
  | 'ubiops'
  | 'jiffy'
  | 'epilot'
  | 'squadcast'
  | 'cloudtrail'
  | 'm365'
  | 'okta'
  | 'github'
  | 'gworkspace'
  | 'gcp'
  | 'azure'
  | 'k8s'
  | 'generic';

export interface ApiError {
  code:
    | 'no-case'
    | 'bad-input'
    | 'refused'
    | 'not-found'
    | 'bad-filter'
    | 'not-a-case'
    | 'newer-schema'
    | 'busy'
    | 'cancelled'
    | 'internal';
  message: string;
  file?: string;
  line?: number;
  /** For bad-filter: 0-based character offset in the filter text, when known. */
  position?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

export interface EventRow {
  event_id: string;
  batch_id: number;
  source_id: number;
  vendor: VendorId;
  locator: string;
  /** ISO 8601 in UTC, or null when the record's time could not be read. */
  event_time: string | null;
  time_raw: string | null;
  time_assumed_tz: string | null;
  actor: string | null;
  actor_id: string | null;
  actor_type: string | null;
  src_ip: string | null;
  user_agent: string | null;
  action: string | null;
  action_class: string | null;
  service: string | null;
  target_type: string | null;
  target_id: string | null;
  target_name: string | null;
  outcome: string | null;
  outcome_raw: string | null;
  description: string | null;
  tenant: string | null;
  changes: Change[] | null;
  raw: string;
}

export type EventColumn = Exclude<keyof EventRow, 'changes' | 'raw'>;

export interface CaseInfo {
  path: string;
  schemaVersion: number;
  readOnly: boolean;
  events: number;
  sources: number;
  batches: number;
  rejects: number;
  timeMin: string | null;
  timeMax: string | null;
  byVendor: { vendor: string; events: number }[];
}

export interface SourceRow {
  id: number;
  vendor: string;
  label: string;
  tenant: string | null;
  events: number;
}

export interface BatchRow {
  id: number;
  source_id: number;
  vendor: string;
  method: 'file' | 'api';
  origin: string;
  format: string;
  sha256: string;
  bytes: number;
  started_at: string;
  finished_at: string;
  rows: number;
  events: number;
  duplicates: number;
  rejects: number;
  tool_version: string;
  pack: string;
  pack_version: number;
  assumed_tz: string;
}

export interface RejectRow {
  id: number;
  batch_id: number;
  locator: string;
  reason: string;
  excerpt: string;
}

export interface ImportRequest {
  paths: string[];
  vendor?: VendorId;
  /** IANA zone for times without an offset; default UTC. */
  tz?: string;
  /**
   * What to record as a file's origin instead of its path (a browser upload is stored in a temp
   * folder; its origin is `upload:<name>`). Keyed by the path as given in `paths`.
   */
  origins?: Record<string, string>;
}

export interface ImportFileResult {
  file: string;
  sha256: string;
  vendor: string;
  format: string;
  events: number;
  duplicates: number;
  rejects: number;
  batchId: number | null;
  /** Set when the whole file was refused (nothing of it is in the case). */
  error?: ApiError;
}

export interface ImportSummary {
  importId: string;
  batches: ImportFileResult[];
  eventsTotal: number;
  cancelled: boolean;
}

export interface ImportProgress {
  importId: string;
  file: string;
  fileIndex: number;
  fileCount: number;
  phase: 'hashing' | 'detecting' | 'reading' | 'committing' | 'done';
  bytesDone: number;
  bytesTotal: number;
  events: number;
  eventsPerSecond: number;
}

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
  sort?: { column: EventColumn; dir: SortDir };
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

export const FACET_COLUMNS = ['actor', 'action', 'target_name', 'src_ip', 'outcome', 'vendor', 'service'] as const;
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

export type EntityKind = 'actor' | 'target' | 'ip' | 'session';
export interface EntityRef {
  kind: EntityKind;
  value: string;
}

export interface TimelineQuery {
  entity: EntityRef;
  /** Lanes of the lane chart. */
  lanesBy?: 'vendor' | 'action';
  offset?: number;
  limit?: number;
  maxBuckets?: number;
}

export interface Timeline {
  entity: EntityRef;
  /** The filter expression that selects the entity's events (for "show in table"). */
  filter: string;
  total: number;
  timeMin: string | null;
  timeMax: string | null;
  /** Events in time order, one page. */
  events: EventRow[];
  offset: number;
  /** Lane chart: per lane, counts over `buckets` (same layout as the histogram). */
  lanes: Histogram;
  elapsedMs: number;
}

export interface EventContext {
  event: EventRow;
  from: string;
  to: string;
  sameActor: EventRow[];
  sameIp: EventRow[];
  sameTarget: EventRow[];
}

export interface ObjectVersion {
  index: number;
  at: string | null;
  event_id: string;
  vendor: string;
  actor: string | null;
  action: string | null;
  action_class: string | null;
  deleted: boolean;
  /** This event's changes; `old` filled from the previous version where the vendor logs only new values. */
  changes: (Change & { oldInferred?: boolean })[];
  /** Every field's value after this version. */
  state: Record<string, unknown>;
}

export interface ObjectHistory {
  target: { type: string | null; id: string };
  /** All events touching the target, changes or not. */
  events: number;
  versions: ObjectVersion[];
  elapsedMs: number;
}

export interface AuditApi {
  createCase(path: string): Promise<Result<CaseInfo>>;
  openCase(path: string): Promise<Result<CaseInfo>>;
  closeCase(): Promise<Result<null>>;
  caseInfo(): Promise<Result<CaseInfo>>;
  importFiles(req: ImportRequest): Promise<Result<ImportSummary>>;
  cancelImport(importId: string): Promise<Result<boolean>>;
  listSources(): Promise<Result<SourceRow[]>>;
  listBatches(): Promise<Result<BatchRow[]>>;
  listRejects(q: { batchId?: number; offset?: number; limit?: number }): Promise<Result<RejectRow[]>>;
  getEvents(q: EventQuery): Promise<Result<EventPage>>;
  countEvents(q: EventScope): Promise<Result<number>>;
  checkFilter(filter: string): Promise<Result<FilterCheck>>;
  getEvent(eventId: string): Promise<Result<EventRow | null>>;
  getHistogram(q: HistogramQuery): Promise<Result<Histogram>>;
  getFacets(q: FacetQuery): Promise<Result<Facets>>;
  /** Top values of a column starting with a prefix (filter-bar completion). */
  suggestValues(q: { column: EventColumn; prefix?: string; limit?: number }): Promise<Result<{ value: string; count: number }[]>>;
  /** Per-case UI state (column layout, last view), kept in the case's `session` table. */
  getSession(key: string): Promise<Result<unknown>>;
  setSession(q: { key: string; value: unknown }): Promise<Result<null>>;
  /** Recently opened cases on this machine, newest first. */
  recentCases(): Promise<Result<string[]>>;
  /** Opens the bundled demo case (built on first use). */
  openDemoCase(): Promise<Result<CaseInfo>>;
  /** Every event touching an actor, target, IP or session, across sources, in time order. */
  getTimeline(q: TimelineQuery): Promise<Result<Timeline>>;
  /** What the same actor, IP and target did around one event (default ±15 minutes). */
  getContext(q: { eventId: string; windowMinutes?: number; limit?: number }): Promise<Result<EventContext>>;
  /** A target's changes folded into versions. */
  getHistory(q: { target: { type?: string; id: string } }): Promise<Result<ObjectHistory>>;
}

export const API_METHODS = {
  createCase: true,
  openCase: true,
  closeCase: true,
  caseInfo: true,
  importFiles: true,
  cancelImport: true,
  listSources: true,
  listBatches: true,
  listRejects: true,
  getEvents: true,
  countEvents: true,
  checkFilter: true,
  getEvent: true,
  getHistogram: true,
  getFacets: true,
  suggestValues: true,
  getSession: true,
  setSession: true,
  recentCases: true,
  openDemoCase: true,
  getTimeline: true,
  getContext: true,
  getHistory: true,
} as const satisfies Record<keyof AuditApi, true>;

export type ApiMethod = keyof AuditApi;
export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethod[];

/** Events pushed from the host to the renderer. */
export interface AuditEvents {
  'import-progress': ImportProgress;
  'import-done': ImportSummary;
  'case-changed': CaseInfo | null;
}

export const API_EVENTS = {
  'import-progress': true,
  'import-done': true,
  'case-changed': true,
} as const satisfies Record<keyof AuditEvents, true>;

export type ApiEventName = keyof AuditEvents;

/** What the preload exposes as window.auditlens and the HTTP client mirrors. */
export type AuditBridge = AuditApi & {
  on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void;
};

export type ApiArgs<M extends ApiMethod> = Parameters<AuditApi[M]>;
export type ApiReturn<M extends ApiMethod> = Awaited<ReturnType<AuditApi[M]>>;
