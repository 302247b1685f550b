/** Pulls from vendor APIs: progress, resume, coverage of what was pulled, and verification of hashes. */
import type { ArgKind, Result } from './common.ts';

export type CollectorId = 'epilot' | 'ubiops' | 'squadcast' | 'okta' | 'github';

/** What a pull reads besides the time range; which fields apply depends on the vendor. */
export interface PullScope {
  /** UbiOps project, and optionally one deployment or pipeline in it. */
  project?: string;
  deployment?: string;
  pipeline?: string;
  /** GitHub organization, or enterprise (slug). */
  org?: string;
  enterprise?: string;
  /** Squadcast data region. */
  region?: 'us' | 'eu';
  /** Vendor filters by name (epilot: service_name, event_name, outcome, method, user_email, user_id; UbiOps: action; GitHub: phrase). */
  filters?: Record<string, string>;
  /** Squadcast: fetch each entry's details (IP, user agent, changes) with GET /v3/audit-logs/{id}. */
  details?: boolean;
  /** GitHub: web, git or all events (default all). */
  include?: 'web' | 'git' | 'all';
  /** epilot, Squadcast: fetch this one event by its id (GET …/{id}) instead of a time range. */
  eventId?: string;
}

export interface PullRequest extends PullScope {
  vendor: CollectorId;
  /** ISO 8601 instant or a date (YYYY-MM-DD, read as UTC midnight); `to` defaults to now. */
  from: string;
  to?: string;
  /** The API's base URL (on-premises hosts, an Okta domain, tests); the vendor's public one by default. */
  baseUrl?: string;
  pageSize?: number;
  /** Stop after this many HTTP requests (resumable). */
  maxRequests?: number;
  /**
   * The credential typed into the viewer. Used for this pull only and never stored in the case;
   * without it the host's keychain entry or environment variable is used.
   */
  credential?: string;
  /** Desktop only: keep the typed credential in the OS keychain for later pulls and resumes. */
  remember?: boolean;
  /** Start afresh even if an unfinished pull with the same parameters exists. */
  restart?: boolean;
}

export type PullStatus = 'running' | 'complete' | 'incomplete' | 'cancelled' | 'stopped' | 'failed';

export interface PullWindowInfo {
  from: string;
  to: string;
  state: 'pending' | 'done' | 'incomplete' | 'unavailable';
  reason?: string;
}

export interface PullProgress {
  jobId: string;
  pullId: number;
  vendor: CollectorId;
  phase: 'authenticating' | 'fetching' | 'waiting' | 'committing' | 'done';
  pages: number;
  events: number;
  duplicates: number;
  requests: number;
  eventsPerSecond: number;
  window: { index: number; count: number; from: string; to: string } | null;
  retries: number;
  waits: number;
  /** The latest retry or wait, with its reason (e.g. "429 rate limited (Retry-After 2)"). */
  last: { type: 'retry' | 'wait'; reason: string; waitMs: number; at: string } | null;
}

export interface CoverageRange {
  from: string;
  to: string;
}

export interface PullSummary {
  jobId: string;
  pullId: number;
  vendor: CollectorId;
  status: PullStatus;
  resumed: boolean;
  pages: number;
  events: number;
  duplicates: number;
  rejects: number;
  requests: number;
  retries: number;
  waits: number;
  windows: PullWindowInfo[];
  /** What this pull covered completely (merged). */
  coverage: CoverageRange[];
  /** Why it stopped, with the vendor's own message where there is one. */
  message: string | null;
}

export interface PullRow {
  id: number;
  vendor: CollectorId;
  sourceId: number;
  batchId: number;
  baseUrl: string;
  scope: PullScope;
  scopeKey: string;
  from: string;
  to: string;
  status: PullStatus;
  /** A `running` pull with no job in this process was interrupted (a crash, kill -9): resumable. */
  interrupted: boolean;
  pages: number;
  events: number;
  duplicates: number;
  requests: number;
  message: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  windows: PullWindowInfo[];
}

export interface CoverageGap extends CoverageRange {
  reason: string;
}

export interface SourceCoverage {
  sourceId: number;
  vendor: string;
  label: string;
  tenant: string | null;
  scopeKey: string;
  /** Everything ever requested for this source and scope, merged. */
  requested: CoverageRange[];
  covered: CoverageRange[];
  gaps: CoverageGap[];
  lastPullId: number;
}

export interface VerifyItem {
  kind: 'file' | 'page' | 'pull';
  batchId: number;
  pageId?: number;
  what: string;
  state: 'ok' | 'mismatch' | 'missing' | 'redacted';
  detail: string;
}

export interface VerifyReport {
  files: { checked: number; ok: number; mismatched: number; missing: number };
  pages: { checked: number; ok: number; mismatched: number };
  problems: VerifyItem[];
  ok: boolean;
}

export interface CollectorInfo {
  id: CollectorId;
  label: string;
  envVar: string;
  credentialName: string;
  /** The credential is available without typing it (environment variable or keychain). */
  credentialFrom: 'env' | 'keychain' | null;
  defaultBaseUrl: string | null;
  required: (keyof PullScope)[];
  /** At least one of these is needed (GitHub: org or enterprise). */
  oneOf: (keyof PullScope)[];
  filters: string[];
  /** The host can keep credentials in the OS keychain (desktop). */
  canRemember: boolean;
}

export interface CollectApi {
  collectors(): Promise<Result<CollectorInfo[]>>;
  /** Runs a pull (resuming an unfinished one with the same parameters); progress comes as pull-progress events. */
  startPull(req: PullRequest): Promise<Result<PullSummary>>;
  /** Continues an unfinished pull by id. */
  resumePull(req: { pullId: number; credential?: string }): Promise<Result<PullSummary>>;
  cancelPull(jobId: string): Promise<Result<boolean>>;
  listPulls(): Promise<Result<PullRow[]>>;
  coverage(): Promise<Result<SourceCoverage[]>>;
  verifyCase(): Promise<Result<VerifyReport>>;
}

export const COLLECT_METHODS = {
  collectors: [],
  startPull: ['object'],
  resumePull: ['object'],
  cancelPull: ['string'],
  listPulls: [],
  coverage: [],
  verifyCase: [],
} as const satisfies Record<keyof CollectApi, readonly ArgKind[]>;

export interface CollectEvents {
  'pull-progress': PullProgress;
  'pull-done': PullSummary;
}

export const COLLECT_EVENTS = { 'pull-progress': true, 'pull-done': true } as const satisfies Record<keyof CollectEvents, true>;
