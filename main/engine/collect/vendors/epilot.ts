import type { PullScope } from '../../../../preload/api.ts';
import type { FetchedPage, Json, PageRequest, VendorCtx, VendorDef } from '../types.ts';
import { apiUrl, filtersOf, firstText, host, idsOf } from './common.ts';
import { afterPage, freshPass, passState, type PassState } from './offset-paging.ts';

/**
 * epilot audit log: POST /v1/logs with {limit, page (0-based), timestamp {from, to}, filters};
 * the answer's `total` says where the window ends. Bearer token; --org sets x-epilot-org-id
 * (shared-tenant access). Day windows, `from` 1 ms early so a boundary event is not lost.
 */

function body(ctx: VendorCtx, st: PassState): Json {
  const f = filtersOf(ctx.scope);
  const b: { [k: string]: Json } = {
    limit: ctx.pageSize,
    page: st.index,
    timestamp: { from: new Date(Date.parse(ctx.window.from) - 1).toISOString(), to: ctx.window.to },
  };
  for (const k of ['service_name', 'event_name', 'outcome', 'method'] as const) if (f[k]) b[k] = f[k];
  if (f.user_email || f.user_id) b.user = { ...(f.user_email ? { email: f.user_email } : {}), ...(f.user_id ? { user_id: f.user_id } : {}) };
  return b;
}

function request(ctx: VendorCtx, st: PassState): PageRequest {
  return { method: 'POST', url: apiUrl(ctx.baseUrl, '/v1/logs'), body: body(ctx, st), role: 'events', state: st };
}

export const epilot: VendorDef = {
  id: 'epilot',
  label: 'epilot audit log',
  envVar: 'EPILOT_TOKEN',
  credentialName: 'API token (bearer)',
  defaultBaseUrl: () => 'https://audit-logs.sls.epilot.io',
  required: [],
  filters: ['service_name', 'event_name', 'outcome', 'method', 'user_email', 'user_id'],
  defaultPageSize: 100,
  maxPageSize: 1000,
  windows: { days: 1, granularity: 'instant' },
  rateLimit: {},
  records: { events: '$.logs[*]', detail: '$.log' },
  tenant: (base: string, scope: PullScope) => `${host(base)}${scope.org ? ` org ${scope.org}` : ''}`,
  auth(credential, { scope }) {
    const token = credential.replace(/^Bearer\s+/i, '');
    return { headers: async () => ({ authorization: `Bearer ${token}`, ...(scope.org ? { 'x-epilot-org-id': scope.org } : {}) }) };
  },
  first: (ctx) => request(ctx, freshPass()),
  one: (ctx, id) => ({ method: 'GET', url: apiUrl(ctx.baseUrl, `/v1/logs/${encodeURIComponent(id)}`), role: 'detail', state: {} }),
  next(ctx, page: FetchedPage) {
    if (page.request.role === 'detail') return { next: null };
    const st = passState(page.request.state);
    const json = page.json as { total?: unknown };
    const total = typeof json.total === 'number' ? json.total : null;
    const n = page.records.length;
    const end = n === 0 || n < ctx.pageSize || (total !== null && (st.index + 1) * ctx.pageSize >= total);
    const r = afterPage(st, idsOf(page.records, 'id'), total, end);
    if (r.kind === 'done') return { next: null };
    if (r.kind === 'incomplete') return { next: null, incomplete: r.reason };
    return { next: request(ctx, r.state) };
  },
  errorText: (json) => firstText(json, [['message'], ['error'], ['error', 'message']]),
};
