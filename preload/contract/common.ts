/** Types every part of the contract shares: results, errors, the event row. */

/**
 * The top-level shape of a method's arguments, checked by the hosts before anything reaches the
 * engine (main/api-dispatch.ts). The engine still validates the contents.
 */
export type ArgKind = 'string' | 'object';

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
  | 'entra'
  | 'salesforce'
  | 'atlassian'
  | 'gitlab'
  | 'duo'
  | 'cloudflare'
  | 'jumpcloud'
  | 'auth0'
  | 'zoom'
  | 'onepassword'
  | 'openai'
  | 'slack'
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
    /** A vendor API or the network between us failed or refused (the message says which and why). */
    | 'remote'
    /** The case file is held by another program (DuckDB's lock). */
    | 'locked'
    /** What was opened as a case is an audit-log export (NDJSON, JSON, CSV, .gz, .zip): import it into a case instead. */
    | 'is-export'
    /** A write to a case opened read-only (read-only media, no write permission). */
    | 'read-only'
    /** A query ran past its time limit and was stopped. */
    | 'timeout'
    | 'internal';
  message: string;
  file?: string;
  line?: number;
  /** For bad-filter: 0-based character offset in the filter text, when known. */
  position?: number;
  /** For bad-filter: every offset the error is about (each unknown column), the first being `position`. */
  positions?: number[];
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
  /** The vendor's own id of the event (the pack's eventId fields joined by `|`), when it has one. */
  vendor_event_id: string | null;
  /** Another, different record carries the same vendor id; both are kept. */
  id_conflict: boolean;
}

export type EventColumn = Exclude<keyof EventRow, 'changes' | 'raw'>;

/**
 * Columns that are computed, not stored: `target` is the name, else the id, else the type of what
 * was acted on (what the viewer's Target column shows). The filter language, sort, facets and
 * chips accept them like any column.
 */
export type DerivedColumn = 'target';
export type ViewColumn = EventColumn | DerivedColumn;
