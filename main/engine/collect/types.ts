import type { CollectorId, PullScope } from '../../../preload/api.ts';
import type { RecordsPath } from '../import/stage-pages.ts';
import type { HttpClient } from './http/client.ts';
import type { RateLimitRules } from './http/rate-limit.ts';
import type { Secrets } from './http/redact.ts';

/**
 * A vendor's audit-log API described as data plus small functions: how to authenticate, how a
 * requested range splits into windows, the first request of a window, and — from a fetched
 * page — the next one. The runner (runner.ts) does everything else the same way for all.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One request, serializable: the pull's resume cursor is the next of these. */
export interface PageRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: Json;
  /** `events` pages are mapped; an `index` page lists entries fetched one by one as `detail` pages. */
  role: 'events' | 'index' | 'detail';
  /** A probe: a 4xx answer is handed to the vendor's next() (recorded, not mapped) instead of stopping the pull. */
  probe?: boolean;
  /** The vendor's bookkeeping for the next request (page number, totals seen, pass). */
  state: { [k: string]: Json };
}

/** A time window of a pull: [from, to) in UTC. */
export interface PullWindow {
  index: number;
  from: string;
  to: string;
  state: 'pending' | 'done' | 'incomplete' | 'unavailable';
  reason?: string;
}

export interface FetchedPage {
  request: PageRequest;
  status: number;
  headers: Record<string, string>;
  json: unknown;
  /** The records the page holds, read with the vendor's records path. */
  records: unknown[];
}

export interface NextStep {
  /** The next request of this window, or null when the window is finished. */
  next: PageRequest | null;
  /** Set when the window ended without proof that every event was fetched. */
  incomplete?: string;
  /** Entries to fetch one by one (Squadcast details) before the page counts as done. */
  details?: PageRequest[];
}

export interface VendorCtx {
  baseUrl: string;
  scope: PullScope;
  pageSize: number;
  window: PullWindow;
}

export interface Auth {
  headers(): Promise<Record<string, string>>;
  /** A 401 arrived: renew the credential if the vendor allows it; false = give up. */
  renew?(): Promise<boolean>;
}

export interface AuthDeps {
  http: HttpClient;
  secrets: Secrets;
  baseUrl: string;
  scope: PullScope;
  now: () => number;
}

export interface WindowRules {
  /** Longest window, in days or calendar months. */
  days?: number;
  months?: number;
  /** `day`: the API filters by whole UTC dates, so windows start and end at midnight. */
  granularity: 'day' | 'instant';
  /** How far back the vendor keeps data; older parts of a range are recorded as unavailable. */
  retentionDays?: number;
  retentionNote?: string;
  /** The API has no time filter: one window, bounded by reading the events' own times. */
  unfiltered?: boolean;
}

export interface VendorDef {
  id: CollectorId;
  label: string;
  /** Environment variable holding the credential for the CLI and serve host. */
  envVar: string;
  credentialName: string;
  /** Where the API lives when no --base-url is given (undefined: the user must say, e.g. an Okta domain). */
  defaultBaseUrl(scope: PullScope): string | undefined;
  /** Scope fields that must be given, and groups of which exactly one must be. */
  required: (keyof PullScope)[];
  oneOf?: (keyof PullScope)[];
  /** Filters the API accepts, by name. */
  filters: string[];
  defaultPageSize: number;
  maxPageSize: number;
  windows: WindowRules;
  rateLimit: RateLimitRules;
  /** Where a page body keeps its records, by page role. */
  records: { events: RecordsPath; detail?: RecordsPath };
  /** The vendor account the pull reads (a source's tenant): host plus scope. */
  tenant(baseUrl: string, scope: PullScope): string;
  auth(credential: string, deps: AuthDeps): Auth;
  first(ctx: VendorCtx): PageRequest;
  /** The request for one event by id (GET …/{id}), where the API has one. */
  one?(ctx: VendorCtx, id: string): PageRequest;
  next(ctx: VendorCtx, page: FetchedPage): NextStep;
  /** The vendor's own error text in an error body. */
  errorText(json: unknown): string | undefined;
}

export function readPath(json: unknown, records: RecordsPath): unknown[] {
  const parts = records.replace(/^\$\.?/, '').split('.').filter(Boolean);
  let cur: unknown = json;
  let many = false;
  for (const p of parts) {
    const name = p.replace(/\[\*\]$/, '');
    if (name) cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[name] : undefined;
    if (p.endsWith('[*]')) many = true;
  }
  if (records === '$[*]') return Array.isArray(json) ? json : [];
  if (many) return Array.isArray(cur) ? cur : [];
  return cur === undefined || cur === null ? [] : [cur];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
