import type { CollectorId, CollectorInfo, PullRequest, PullScope } from '../../../preload/api.ts';

/** What the "Add API source" form holds: all text, as typed. */
export interface PullFormValues {
  vendor: CollectorId;
  baseUrl: string;
  credential: string;
  remember: boolean;
  project: string;
  deployment: string;
  pipeline: string;
  org: string;
  enterprise: string;
  region: 'us' | 'eu';
  include: 'all' | 'web' | 'git';
  details: boolean;
  from: string;
  to: string;
  filters: Record<string, string>;
}

type TextScope = 'project' | 'deployment' | 'pipeline' | 'org' | 'enterprise';

export interface ScopeField {
  key: TextScope;
  label: string;
  hint: string;
}

/** The scope fields each vendor reads, as the vendor names them. */
export const SCOPE_FIELDS: Record<CollectorId, ScopeField[]> = {
  epilot: [{ key: 'org', label: 'Organization id', hint: 'sent as x-epilot-org-id (optional)' }],
  ubiops: [
    { key: 'project', label: 'Project', hint: 'required' },
    { key: 'deployment', label: 'Deployment', hint: 'optional: only this deployment' },
    { key: 'pipeline', label: 'Pipeline', hint: 'optional: only this pipeline' },
  ],
  squadcast: [],
  okta: [],
  github: [
    { key: 'org', label: 'Organization', hint: 'an organization or an enterprise' },
    { key: 'enterprise', label: 'Enterprise', hint: 'enterprise slug, instead of an organization' },
  ],
};

const DAY = 86_400_000;

export function initialValues(vendor: CollectorId, now: number): PullFormValues {
  return {
    vendor,
    baseUrl: '',
    credential: '',
    remember: false,
    project: '',
    deployment: '',
    pipeline: '',
    org: '',
    enterprise: '',
    region: 'us',
    include: 'all',
    details: false,
    from: new Date(now - 7 * DAY).toISOString().slice(0, 10),
    to: '',
    filters: {},
  };
}

const WHEN = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export type FormCheck = { ok: true; request: PullRequest } | { ok: false; problems: string[] };

/**
 * The request the form describes, or what is missing, in the form's own words. The engine checks
 * everything again; this only spares a round trip for what the form can see.
 */
export function toPullRequest(v: PullFormValues, info: CollectorInfo): FormCheck {
  const problems: string[] = [];
  const scope: PullScope = {};
  for (const f of SCOPE_FIELDS[v.vendor]) {
    const t = v[f.key].trim();
    if (t) scope[f.key] = t;
  }
  for (const k of info.required) {
    if (scope[k] === undefined) problems.push(`${labelOf(v.vendor, k)} is required`);
  }
  if (info.oneOf.length && !info.oneOf.some((k) => scope[k] !== undefined)) {
    problems.push(`give ${info.oneOf.map((k) => labelOf(v.vendor, k)).join(' or ')}`);
  }
  if (scope.deployment && scope.pipeline) problems.push('give a deployment or a pipeline, not both');
  if (scope.org && scope.enterprise) problems.push('give an organization or an enterprise, not both');
  const baseUrl = v.baseUrl.trim();
  if (!baseUrl && info.defaultBaseUrl === null) problems.push('Base URL is required (your organization’s domain)');
  const from = v.from.trim();
  const to = v.to.trim();
  if (!from) problems.push('From is required');
  else if (!WHEN.test(from)) problems.push('From must be a date (YYYY-MM-DD) or an ISO 8601 time');
  if (to && !WHEN.test(to)) problems.push('To must be a date (YYYY-MM-DD) or an ISO 8601 time, or empty for now');
  if (!v.credential.trim() && info.credentialFrom === null) problems.push(`${info.credentialName} is required (or set ${info.envVar} for the host)`);
  if (problems.length) return { ok: false, problems };

  const filters: Record<string, string> = {};
  for (const name of info.filters) {
    const t = (v.filters[name] ?? '').trim();
    if (t) filters[name] = t;
  }
  const request: PullRequest = { vendor: v.vendor, from, ...scope };
  if (to) request.to = to;
  if (baseUrl) request.baseUrl = baseUrl;
  if (Object.keys(filters).length) request.filters = filters;
  if (v.vendor === 'squadcast') {
    request.region = v.region;
    if (v.details) request.details = true;
  }
  if (v.vendor === 'github' && v.include !== 'all') request.include = v.include;
  const credential = v.credential.trim();
  if (credential) {
    request.credential = credential;
    if (v.remember && info.canRemember) request.remember = true;
  }
  return { ok: true, request };
}

function labelOf(vendor: CollectorId, key: keyof PullScope): string {
  return SCOPE_FIELDS[vendor].find((f) => f.key === key)?.label ?? key;
}
