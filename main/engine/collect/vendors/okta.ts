import { apiUrl, filtersOf, firstText, host, nextLink } from './common.ts';
import type { VendorDef } from '../types.ts';

/**
 * Okta System Log, GET /api/v1/logs. Bounded queries (since and until), oldest first, following
 * `Link: rel="next"` — which never ends on its own: past the last event Okta keeps answering
 * empty pages with another next link, so an empty page ends the window. `since` starts 1 ms
 * early, so an event exactly on a window boundary is fetched whichever way Okta reads the bound
 * (a repeat dedupes by uuid).
 */
export const okta: VendorDef = {
  id: 'okta',
  label: 'Okta System Log',
  envVar: 'OKTA_TOKEN',
  credentialName: 'API token (SSWS), or an OAuth access token prefixed "Bearer "',
  defaultBaseUrl: () => undefined,
  required: [],
  filters: ['filter', 'q'],
  defaultPageSize: 1000,
  maxPageSize: 1000,
  windows: { days: 1, granularity: 'instant' },
  rateLimit: { resetHeader: 'x-rate-limit-reset', resetKind: 'epoch-seconds', remainingHeader: 'x-rate-limit-remaining' },
  records: { events: '$[*]' },
  tenant: (base) => host(base),
  auth(credential) {
    const value = /^(SSWS|Bearer)\s+/i.test(credential) ? credential : `SSWS ${credential}`;
    return { headers: async () => ({ authorization: value }) };
  },
  first({ baseUrl, scope, pageSize, window }) {
    const f = filtersOf(scope);
    const since = new Date(Date.parse(window.from) - 1).toISOString();
    return {
      method: 'GET',
      url: apiUrl(baseUrl, '/api/v1/logs', { since, until: window.to, limit: pageSize, sortOrder: 'ASCENDING', filter: f.filter, q: f.q }),
      role: 'events',
      state: {},
    };
  },
  next({ baseUrl, window }, page) {
    if (page.records.length === 0) return { next: null };
    const until = Date.parse(window.to);
    const past = page.records.some((r) => {
      const t = Date.parse(String((r as { published?: unknown }).published ?? ''));
      return !Number.isNaN(t) && t >= until;
    });
    const link = nextLink(page.headers['link'], page.request.url, baseUrl);
    if (!link || past) return { next: null };
    return { next: { method: 'GET', url: link, role: 'events', state: {} } };
  },
  errorText: (json) => {
    const summary = firstText(json, [['errorSummary']]);
    const code = firstText(json, [['errorCode']]);
    return summary ? `${summary}${code ? ` (${code})` : ''}` : undefined;
  },
};
