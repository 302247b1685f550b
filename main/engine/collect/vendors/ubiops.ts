import type { PullScope } from '../../../../preload/api.ts';
import type { FetchedPage, PageRequest, VendorCtx, VendorDef } from '../types.ts';
import { apiUrl, filtersOf, firstText, host, idsOf } from './common.ts';
import { afterPage, freshPass, passState, type PassState } from './offset-paging.ts';

/**
 * UbiOps: GET /projects/{project}/audit (or …/deployments/{d}/audit, …/pipelines/{p}/audit),
 * `Authorization: Token …`, limit/offset over a bare array with no total: a short page ends it.
 * There is no time filter; the log comes newest first, so paging stops once a page reaches
 * events older than the range (events newer than it are kept too: they are in the pages).
 * 429 carries x-ratelimit-reset as seconds to wait.
 */

function path(scope: PullScope): string {
  const p = `/projects/${encodeURIComponent(scope.project ?? '')}`;
  if (scope.deployment) return `${p}/deployments/${encodeURIComponent(scope.deployment)}/audit`;
  if (scope.pipeline) return `${p}/pipelines/${encodeURIComponent(scope.pipeline)}/audit`;
  return `${p}/audit`;
}

function request(ctx: VendorCtx, st: PassState): PageRequest {
  const f = filtersOf(ctx.scope);
  return {
    method: 'GET',
    url: apiUrl(ctx.baseUrl, path(ctx.scope), { limit: ctx.pageSize, offset: st.index * ctx.pageSize, action: f.action }),
    role: 'events',
    state: st,
  };
}

function dateOf(r: unknown): number {
  return Date.parse(String((r as { date?: unknown })?.date ?? ''));
}

export const ubiops: VendorDef = {
  id: 'ubiops',
  label: 'UbiOps audit events',
  envVar: 'UBIOPS_TOKEN',
  credentialName: 'API token ("Token …")',
  defaultBaseUrl: () => 'https://api.ubiops.com/v2.1',
  required: ['project'],
  filters: ['action'],
  defaultPageSize: 100,
  maxPageSize: 1000,
  windows: { granularity: 'instant', unfiltered: true },
  rateLimit: { resetHeader: 'x-ratelimit-reset', resetKind: 'delta-seconds' },
  records: { events: '$[*]' },
  tenant: (base, scope) =>
    `${host(base)} project ${scope.project ?? ''}${scope.deployment ? ` deployment ${scope.deployment}` : ''}${scope.pipeline ? ` pipeline ${scope.pipeline}` : ''}`,
  auth(credential) {
    const value = /^Token\s+/i.test(credential) ? credential : `Token ${credential}`;
    return { headers: async () => ({ authorization: value }) };
  },
  first: (ctx) => request(ctx, freshPass()),
  next(ctx, page: FetchedPage) {
    const st = passState(page.request.state);
    const recs = page.records;
    const times = recs.map(dateOf).filter((t) => !Number.isNaN(t));
    const newestFirst = times.length < 2 || (times[0] as number) >= (times[times.length - 1] as number);
    const pastStart = newestFirst && times.length > 0 && (times[times.length - 1] as number) < Date.parse(ctx.window.from);
    const end = recs.length < ctx.pageSize || pastStart;
    const r = afterPage(st, idsOf(recs, 'id'), null, end);
    if (r.kind === 'done') return { next: null };
    if (r.kind === 'incomplete') return { next: null, incomplete: r.reason };
    return { next: request(ctx, r.state) };
  },
  errorText: (json) => firstText(json, [['error'], ['detail'], ['message']]),
};
