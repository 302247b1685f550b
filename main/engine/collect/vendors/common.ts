import type { PullScope } from '../../../../preload/api.ts';
import { RemoteError } from '../http/client.ts';
import { linkRel } from '../http/link.ts';
import type { Json } from '../types.ts';

/** Joins a base URL (which may carry a path prefix, e.g. /v2.1) and an API path. */
export function apiUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const u = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') u.searchParams.set(k, String(v));
  return u.toString();
}

/** A link from a response is followed only to the host we were asked to pull from: the credential goes with it. */
export function nextLink(header: string | undefined, current: string, base: string): string | undefined {
  const link = linkRel(header, 'next', current);
  if (!link) return undefined;
  if (new URL(link).origin !== new URL(base).origin) {
    throw new RemoteError('bad-response', `the server's next link points to another host (${new URL(link).origin}); not followed with the credential`);
  }
  return link;
}

export function host(base: string): string {
  try {
    const u = new URL(base);
    return u.host + (u.pathname.replace(/\/+$/, '') || '');
  } catch {
    return base;
  }
}

export function filtersOf(scope: PullScope): Record<string, string> {
  return scope.filters ?? {};
}

export function num(v: Json | undefined, dflt = 0): number {
  return typeof v === 'number' ? v : dflt;
}

/** The text of a vendor error body: the first of these fields that holds a string. */
export function firstText(json: unknown, paths: string[][]): string | undefined {
  for (const p of paths) {
    let cur: unknown = json;
    for (const k of p) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
    if (typeof cur === 'string' && cur.trim()) return cur.trim();
  }
  return undefined;
}

/** Ids of records (vendor ids) as strings, for spotting a page that shifted. */
export function idsOf(records: unknown[], key: string): string[] {
  return records.map((r) => (r && typeof r === 'object' ? String((r as Record<string, unknown>)[key] ?? '') : ''));
}
