import type { PullScope } from '../../../../preload/api.ts';
import { RemoteError } from '../http/client.ts';
import type { Auth, AuthDeps, FetchedPage, PageRequest, VendorCtx, VendorDef } from '../types.ts';
import { apiUrl, filtersOf, firstText, host, idsOf } from './common.ts';
import { afterPage, freshPass, passState, type PassState } from './offset-paging.ts';

/**
 * Squadcast: the refresh token (API token) is exchanged for an access token at
 * GET https://auth.squadcast.com/oauth/access-token (header X-Refresh-Token; EU: auth.eu…),
 * renewed a minute before its `expires_at` and again on a 401 mid-pull. GET /v3/audit-logs with
 * pageNumber/pageSize/startDate/endDate (dates), windows of at most 3 months, data for the past
 * year only. endDate is requested as the next window's first day, so a boundary day is fetched
 * whether Squadcast reads endDate inclusively or not (a day seen twice dedupes by id).
 * The pageNumber base is not documented: page 0 is asked first; if page 1 repeats it the base is
 * 1, and a 400 for page 0 also means 1. With --details each entry is fetched again with
 * GET /v3/audit-logs/{id} (IP, user agent, changes) and those are the events.
 */

/** auth.<region>.squadcast.com for api.<region>.squadcast.com; any other host (on-premises, tests) serves it itself. */
export function authUrl(base: string): string {
  const u = new URL(base);
  if (u.hostname.startsWith('api.')) u.hostname = `auth.${u.hostname.slice(4)}`;
  u.pathname = '/oauth/access-token';
  u.search = '';
  return u.toString();
}

function squadcastAuth(refresh: string, deps: AuthDeps): Auth {
  let access: string | null = null;
  let expiresAt = 0;
  const exchange = async (): Promise<void> => {
    const url = authUrl(deps.baseUrl);
    const res = await deps.http.request({ method: 'GET', url, headers: { 'x-refresh-token': refresh } }, { json: true });
    const data = (res.json as { data?: { access_token?: unknown; expires_at?: unknown } } | undefined)?.data;
    if (res.status !== 200 || typeof data?.access_token !== 'string') {
      let text: string | undefined;
      try {
        text = firstText(JSON.parse(res.body.toString('utf8')), [['meta', 'error_message'], ['error'], ['message']]);
      } catch {
        text = undefined;
      }
      throw new RemoteError(
        'status',
        deps.secrets.redact(`Squadcast refused the refresh token (${res.status} at ${url})${text ? `: ${text}` : ''} — check SQUADCAST_REFRESH_TOKEN`),
        res.status,
      );
    }
    access = data.access_token;
    deps.secrets.add(access);
    expiresAt = typeof data.expires_at === 'number' ? data.expires_at * 1000 : deps.now() + 3_600_000;
  };
  return {
    async headers() {
      if (!access || deps.now() > expiresAt - 60_000) await exchange();
      return { authorization: `Bearer ${access ?? ''}` };
    },
    async renew() {
      await exchange();
      return true;
    },
  };
}

function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function listRequest(ctx: VendorCtx, st: PassState, base: number): PageRequest {
  const f = filtersOf(ctx.scope);
  return {
    method: 'GET',
    url: apiUrl(ctx.baseUrl, '/v3/audit-logs', {
      pageSize: ctx.pageSize,
      pageNumber: base === 1 ? st.index + 1 : st.index,
      startDate: date(Date.parse(ctx.window.from)),
      endDate: date(Date.parse(ctx.window.to)),
      'action[]': f.action, 'resource[]': f.resource, 'actor[]': f.actor, 'team[]': f.team, 'client[]': f.client,
    }),
    role: ctx.scope.details ? 'index' : 'events',
    // base -1: not known yet, so page 0 is asked first (and a refusal of it is an answer).
    state: { ...st, base },
    ...(base === -1 && st.index === 0 ? { probe: true } : {}),
  };
}

function totalOf(json: unknown): number | null {
  const t = (json as { metadata?: { totalCount?: unknown } } | null)?.metadata?.totalCount;
  return typeof t === 'number' ? t : null;
}

function detailRequests(ctx: VendorCtx, records: unknown[]): PageRequest[] {
  if (!ctx.scope.details) return [];
  return idsOf(records, 'id')
    .filter(Boolean)
    .map((id): PageRequest => ({ method: 'GET', url: apiUrl(ctx.baseUrl, `/v3/audit-logs/${encodeURIComponent(id)}`), role: 'detail', state: {} }));
}

export const squadcast: VendorDef = {
  id: 'squadcast',
  label: 'Squadcast audit logs',
  envVar: 'SQUADCAST_REFRESH_TOKEN',
  credentialName: 'refresh token (API token)',
  defaultBaseUrl: (scope: PullScope) => (scope.region === 'eu' ? 'https://api.eu.squadcast.com' : 'https://api.squadcast.com'),
  required: [],
  filters: ['action', 'resource', 'actor', 'team', 'client'],
  defaultPageSize: 100,
  maxPageSize: 100,
  windows: { months: 3, granularity: 'day', retentionDays: 365, retentionNote: 'Squadcast keeps audit logs for the past year only' },
  rateLimit: {},
  records: { events: '$.data[*]', detail: '$.data' },
  tenant: (base, scope) => `${host(base)}${scope.region ? ` (${scope.region})` : ''}`,
  auth: (credential, deps) => squadcastAuth(credential.trim(), deps),
  first: (ctx) => listRequest(ctx, freshPass(), -1),
  one: (ctx, id) => ({ method: 'GET', url: apiUrl(ctx.baseUrl, `/v3/audit-logs/${encodeURIComponent(id)}`), role: 'detail', state: {} }),
  next(ctx, page: FetchedPage) {
    if (page.request.role === 'detail') return { next: null };
    const st = passState(page.request.state);
    let base = typeof page.request.state.base === 'number' ? page.request.state.base : -1;
    if (base === -1 && page.status >= 400) return { next: listRequest(ctx, { ...st, index: 0 }, 1) };
    const ids = idsOf(page.records, 'id');
    const total = totalOf(page.json);
    let logical = st;
    let repeat = false;
    if (base === -1 && st.index === 1) {
      // Page 1 repeating page 0 means numbering starts at 1: this page is the first one again.
      // Mostly the same records, not all: events arriving in between shift it by a few.
      const first = new Set(String(st.firstIds ?? '').split(',').filter(Boolean));
      repeat = ids.length > 0 && ids.filter((id) => first.has(id)).length * 2 > ids.length;
      base = repeat ? 1 : 0;
      if (repeat) logical = { ...st, index: 0, lastId: null };
    }
    const n = page.records.length;
    const end = n === 0 || n < ctx.pageSize || (total !== null && (logical.index + 1) * ctx.pageSize >= total);
    const r = afterPage(logical, ids, total, end);
    const details = repeat ? [] : detailRequests(ctx, page.records);
    if (r.kind === 'done') return { next: null, details };
    if (r.kind === 'incomplete') return { next: null, incomplete: r.reason, details };
    if (r.kind === 'repass') return { next: listRequest(ctx, r.state, base), details };
    const nextState: PassState = base === -1 && logical.index === 0 ? { ...r.state, firstIds: ids.join(',') } : r.state;
    return { next: listRequest(ctx, nextState, base), details };
  },
  errorText: (json) => firstText(json, [['meta', 'error_message'], ['error'], ['message']]),
};

