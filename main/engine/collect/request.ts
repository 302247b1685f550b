import type { CollectorId, PullRequest, PullScope } from '../../../preload/api.ts';
import { EngineError } from '../errors.ts';
import { checkUrl } from './http/client.ts';
import type { VendorDef } from './types.ts';
import { vendorById } from './vendors/index.ts';
import { parseWhen } from './windows.ts';

/** A pull request checked and normalized: what the runner needs, nothing secret. */
export interface ResolvedPull {
  vendor: VendorDef;
  baseUrl: string;
  scope: PullScope;
  scopeKey: string;
  tenant: string;
  fromMs: number;
  toMs: number;
  explicitTo: boolean;
  pageSize: number;
}

const SCOPE_KEYS = ['project', 'deployment', 'pipeline', 'org', 'enterprise', 'region', 'details', 'include', 'eventId'] as const;

/** A stable text naming what a pull reads (vendor, host, scope, filters): coverage is kept per scope key. */
export function scopeKeyOf(vendor: CollectorId, baseUrl: string, scope: PullScope): string {
  const parts: string[] = [vendor, baseUrl];
  for (const k of SCOPE_KEYS) {
    const v = scope[k];
    if (v !== undefined && v !== false && k !== 'details') parts.push(`${k}=${String(v)}`);
  }
  for (const [k, v] of Object.entries(scope.filters ?? {}).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k}=${v}`);
  return parts.join(' ');
}

function cleanText(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new EngineError('bad-input', `${what} must be text`);
  if (/[\u0000-\u001f]/.test(v)) throw new EngineError('bad-input', `${what} holds control characters`);
  return v.trim();
}

export function resolvePull(req: PullRequest, now: number): ResolvedPull {
  const vendor = vendorById(req.vendor);
  if (!vendor) throw new EngineError('bad-input', `no collector for "${String(req.vendor)}" (epilot, ubiops, squadcast, okta, github)`);
  const scope: PullScope = {};
  for (const k of ['project', 'deployment', 'pipeline', 'org', 'enterprise', 'eventId'] as const) {
    const v = cleanText(req[k], k === 'eventId' ? '--event-id' : `--${k}`);
    if (v) scope[k] = v;
  }
  if (req.region !== undefined) {
    if (req.region !== 'us' && req.region !== 'eu') throw new EngineError('bad-input', '--region must be us or eu');
    scope.region = req.region;
  }
  if (req.include !== undefined) {
    if (!['web', 'git', 'all'].includes(req.include)) throw new EngineError('bad-input', '--include must be web, git or all');
    scope.include = req.include;
  }
  if (req.details) scope.details = true;
  const filters: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.filters ?? {})) {
    if (!vendor.filters.includes(k)) {
      throw new EngineError('bad-input', `${vendor.label} has no filter "${k}"${vendor.filters.length ? ` (it has: ${vendor.filters.join(', ')})` : ''}`);
    }
    const t = cleanText(v, `filter ${k}`);
    if (t) filters[k] = t;
  }
  if (Object.keys(filters).length) scope.filters = filters;
  if (scope.eventId && !vendor.one) throw new EngineError('bad-input', `${vendor.label} has no API for one event by id`);
  for (const k of vendor.required) {
    if (scope[k] === undefined) throw new EngineError('bad-input', `${vendor.label} needs --${k}`);
  }
  if (vendor.oneOf && !vendor.oneOf.some((k) => scope[k] !== undefined)) {
    throw new EngineError('bad-input', `${vendor.label} needs ${vendor.oneOf.map((k) => `--${k}`).join(' or ')}`);
  }
  if (scope.deployment && scope.pipeline) throw new EngineError('bad-input', 'give --deployment or --pipeline, not both');
  if (scope.org && scope.enterprise) throw new EngineError('bad-input', 'give --org or --enterprise, not both');
  const base = cleanText(req.baseUrl, '--base-url') ?? vendor.defaultBaseUrl(scope);
  if (!base) throw new EngineError('bad-input', `${vendor.label} needs --base-url (your organization's domain, e.g. https://acme.okta.com)`);
  const baseUrl = checkUrl(base).toString().replace(/\/+$/, '');
  if (!req.from && !scope.eventId) throw new EngineError('bad-input', 'a pull needs --from (YYYY-MM-DD or an ISO 8601 time)');
  const fromMs = scope.eventId && !req.from ? now - 1 : parseWhen(req.from, '--from');
  const explicitTo = req.to !== undefined && req.to !== '';
  const toMs = explicitTo ? parseWhen(req.to as string, '--to') : now;
  const size = req.pageSize ?? vendor.defaultPageSize;
  if (!Number.isInteger(size) || size < 1) throw new EngineError('bad-input', '--page-size must be a positive whole number');
  return {
    vendor, baseUrl, scope, scopeKey: scopeKeyOf(vendor.id, baseUrl, scope), tenant: vendor.tenant(baseUrl, scope), fromMs, toMs,
    explicitTo, pageSize: Math.min(size, vendor.maxPageSize),
  };
}
