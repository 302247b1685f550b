import { describe, expect, it } from 'vitest';
import type { CollectorInfo, SourceCoverage } from '../../preload/api.ts';
import { coverageBar } from '../../renderer/features/collect/coverage-model.ts';
import { initialValues, toPullRequest } from '../../renderer/features/collect/pull-form.ts';

const NOW = Date.parse('2025-06-10T12:00:00Z');

function info(p: Partial<CollectorInfo> & Pick<CollectorInfo, 'id'>): CollectorInfo {
  return {
    label: p.id, envVar: `${p.id.toUpperCase()}_TOKEN`, credentialName: 'API token', credentialFrom: null,
    defaultBaseUrl: 'https://api.example.com', required: [], oneOf: [], filters: [], canRemember: false, ...p,
  };
}

describe('the Add API source form', () => {
  it('names everything missing in the form’s words', () => {
    const v = { ...initialValues('ubiops', NOW), from: '' };
    const r = toPullRequest(v, info({ id: 'ubiops', required: ['project'] }));
    expect(r).toEqual({
      ok: false,
      problems: ['Project is required', 'From is required', 'API token is required (or set UBIOPS_TOKEN for the host)'],
    });
    const okta = toPullRequest({ ...initialValues('okta', NOW), credential: 'x', from: '1 March' }, info({ id: 'okta', defaultBaseUrl: null }));
    expect(okta.ok ? [] : okta.problems).toEqual(['Base URL is required (your organization’s domain)', 'From must be a date (YYYY-MM-DD) or an ISO 8601 time']);
    const gh = toPullRequest({ ...initialValues('github', NOW), credential: 'x' }, info({ id: 'github', oneOf: ['org', 'enterprise'] }));
    expect(gh.ok ? [] : gh.problems).toEqual(['give Organization or Enterprise']);
  });

  it('builds the request from trimmed values, only the vendor’s own fields and filters, and remembers only where it can', () => {
    const v = {
      ...initialValues('ubiops', NOW),
      project: ' forensics ', deployment: 'scorer', org: 'ignored-for-ubiops', credential: ' tok ', remember: true,
      to: '2025-06-01T00:00:00Z', filters: { action: ' create ', nonsense: 'x' },
    };
    expect(v.from).toBe('2025-06-03');
    const r = toPullRequest(v, info({ id: 'ubiops', required: ['project'], filters: ['action'] }));
    expect(r).toEqual({
      ok: true,
      request: { vendor: 'ubiops', from: '2025-06-03', to: '2025-06-01T00:00:00Z', project: 'forensics', deployment: 'scorer', filters: { action: 'create' }, credential: 'tok' },
    });
    const kept = toPullRequest({ ...initialValues('okta', NOW), baseUrl: 'https://acme.okta.com', credential: 't', remember: true }, info({ id: 'okta', canRemember: true }));
    expect(kept.ok && kept.request).toMatchObject({ credential: 't', remember: true, baseUrl: 'https://acme.okta.com' });
    const fromEnv = toPullRequest(initialValues('squadcast', NOW), info({ id: 'squadcast', credentialFrom: 'env' }));
    expect(fromEnv).toEqual({ ok: true, request: { vendor: 'squadcast', from: '2025-06-03', region: 'us' } });
  });
});

describe('the coverage bar', () => {
  it('lays covered ranges and gaps on the whole requested span, gaps never too thin to see', () => {
    const c: SourceCoverage = {
      sourceId: 1, vendor: 'okta', label: 'Okta', tenant: null, scopeKey: 'okta x', lastPullId: 2,
      requested: [{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-05T00:00:00.000Z' }],
      covered: [
        { from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T00:00:00.000Z' },
        { from: '2025-03-02T00:00:01.000Z', to: '2025-03-05T00:00:00.000Z' },
      ],
      gaps: [{ from: '2025-03-02T00:00:00.000Z', to: '2025-03-02T00:00:01.000Z', reason: 'pull #2 cancelled' }],
    };
    const bar = coverageBar(c);
    expect(bar?.segments.map((s) => [s.kind, Math.round(s.left * 10) / 10, Math.round(s.width * 10) / 10])).toEqual([
      ['covered', 0, 25],
      ['gap', 25, 0.4],
      ['covered', 25, 75],
    ]);
    expect(bar?.segments[1]?.reason).toBe('pull #2 cancelled');
    expect(bar?.share).toBeCloseTo(1, 4);
    expect(coverageBar({ ...c, requested: [], covered: [], gaps: [] })).toBeNull();
  });
});
