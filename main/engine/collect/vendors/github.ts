import type { PullScope } from '../../../../preload/api.ts';
import type { FetchedPage, PageRequest, VendorCtx, VendorDef } from '../types.ts';
import { apiUrl, filtersOf, firstText, host, nextLink } from './common.ts';

/**
 * GitHub audit log: GET /orgs/{org}/audit-log (or /enterprises/{enterprise}/audit-log), 100 per
 * page, `phrase` with a `created:FROM..TO` date range (whole UTC days, inclusive) plus any phrase
 * of the investigator's, `include=all` (web and Git events) by default, oldest first, following
 * the cursor in `Link: rel="next"` until there is none. Rate limits: x-ratelimit-remaining /
 * x-ratelimit-reset (epoch seconds), answered 403 or 429 when used up; secondary limits send
 * Retry-After. For GitHub Enterprise Server, --base-url https://HOST/api/v3.
 */

const DAY = 86_400_000;

function path(scope: PullScope): string {
  return scope.enterprise ? `/enterprises/${encodeURIComponent(scope.enterprise)}/audit-log` : `/orgs/${encodeURIComponent(scope.org ?? '')}/audit-log`;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const github: VendorDef = {
  id: 'github',
  label: 'GitHub audit log',
  envVar: 'GITHUB_TOKEN',
  credentialName: 'token with read:audit_log',
  defaultBaseUrl: () => 'https://api.github.com',
  required: [],
  oneOf: ['org', 'enterprise'],
  filters: ['phrase'],
  defaultPageSize: 100,
  maxPageSize: 100,
  windows: { days: 1, granularity: 'day' },
  rateLimit: { resetHeader: 'x-ratelimit-reset', resetKind: 'epoch-seconds', remainingHeader: 'x-ratelimit-remaining', limitedStatuses: [403] },
  records: { events: '$[*]' },
  tenant: (base, scope) => `${host(base)} ${scope.enterprise ? `enterprise ${scope.enterprise}` : `org ${scope.org ?? ''}`}`,
  auth(credential) {
    const token = credential.replace(/^(Bearer|token)\s+/i, '');
    return {
      headers: async () => ({ authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' }),
    };
  },
  first(ctx: VendorCtx): PageRequest {
    const extra = filtersOf(ctx.scope).phrase;
    const range = `created:${day(Date.parse(ctx.window.from))}..${day(Date.parse(ctx.window.to) - DAY)}`;
    return {
      method: 'GET',
      url: apiUrl(ctx.baseUrl, path(ctx.scope), {
        phrase: extra ? `${extra} ${range}` : range,
        include: ctx.scope.include ?? 'all',
        order: 'asc',
        per_page: ctx.pageSize,
      }),
      role: 'events',
      state: {},
    };
  },
  next(ctx, page: FetchedPage) {
    if (page.records.length === 0) return { next: null };
    const link = nextLink(page.headers['link'], page.request.url, ctx.baseUrl);
    return { next: link ? { method: 'GET', url: link, role: 'events', state: {} } : null };
  },
  errorText: (json) => firstText(json, [['message']]),
};
