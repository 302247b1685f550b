import { afterEach, describe, expect, it } from 'vitest';
import { resolvePull } from '../../../main/engine/collect/request.ts';
import { runPull } from '../../../main/engine/collect/runner.ts';
import { useTempDir } from '../../helpers/temp-case.ts';
import { githubEvent, startFakeGithub, type FakeGithub } from '../fake/github.ts';
import { instantHttp } from '../helpers.ts';
import { describeVendor } from '../vendor-suite.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const SPAN = 36 * 3_600_000;
const TOKEN = 'ghp_suiteToken0123456789';

describeVendor({
  vendor: 'github',
  envVar: 'GITHUB_TOKEN',
  token: TOKEN,
  idPath: '$._document_id',
  refusal: /GitHub audit log answered 401 Unauthorized to GET .*\/orgs\/acme\/audit-log\?.*: Bad credentials/,
  async start() {
    const f = await startFakeGithub({
      events: Array.from({ length: 150 }, (_, i) => githubEvent(i + 1, T0 + Math.floor((i * SPAN) / 150), i % 10 === 3 ? 'git' : 'web')),
      token: TOKEN,
    });
    return {
      server: f.server,
      ids: () => f.events.map((e) => e._document_id).sort(),
      request: () => ({ vendor: 'github', baseUrl: f.server.url, org: 'acme', from: '2025-03-01', to: '2025-03-02T12:00:00Z', pageSize: 20 }),
      cliArgs: (c) => ['pull', 'github', c, '--org', 'acme', '--from', '2025-03-01', '--to', '2025-03-02T12:00:00Z', '--base-url', f.server.url, '--page-size', '20'],
      // Day-granular: the second window runs to the end of its day.
      coverage: [{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' }],
      addShiftEvent: () => f.events.push(githubEvent(9001, Date.parse('2025-03-01T23:59:59Z'))),
      overlap: () => {
        f.slackMs = 86_400_000;
      },
      rateLimit: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 2) },
        reason: /403 rate limited \(x-ratelimit-reset \d+\)/,
      },
      firstList: 1,
      close: () => f.close(),
    };
  },
});

describe('GitHub specifics', () => {
  const tmp = useTempDir();
  let fake: FakeGithub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('reads an enterprise, web events only when asked, with a phrase of its own', async () => {
    const evs = Array.from({ length: 40 }, (_, i) => githubEvent(i + 1, T0 + i * 600_000, i % 4 === 1 ? 'git' : 'web'));
    fake = await startFakeGithub({ events: evs, token: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(
      c,
      { vendor: 'github', baseUrl: fake.server.url, enterprise: 'acme', include: 'web', filters: { phrase: 'action:repo.create' }, from: '2025-03-01', to: '2025-03-02' },
      { credential: TOKEN, http: instantHttp() },
    );
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    expect(s.events).toBe(evs.filter((e) => e.kind === 'web' && e.action === 'repo.create').length);
    const q = fake.server.requests[0]?.url.searchParams;
    expect(fake.server.requests[0]?.path).toBe('/enterprises/acme/audit-log');
    expect(q?.get('phrase')).toBe('action:repo.create created:2025-03-01..2025-03-01');
    expect(q?.get('include')).toBe('web');
    expect(q?.get('per_page')).toBe('100');
  });

  it('waits out a secondary rate limit (403 with Retry-After)', async () => {
    fake = await startFakeGithub({ events: Array.from({ length: 10 }, (_, i) => githubEvent(i + 1, T0 + i * 600_000)), token: TOKEN });
    fake.server.fault = (r) => (r.n === 1 ? { kind: 'status', status: 403, headers: { 'retry-after': '0.05' }, body: { message: 'You have exceeded a secondary rate limit.' } } : undefined);
    const waits: number[] = [];
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'github', baseUrl: fake.server.url, org: 'acme', from: '2025-03-01', to: '2025-03-02' }, { credential: TOKEN, http: instantHttp(waits) });
    expect(s.status).toBe('complete');
    expect(waits).toContain(50);
    expect(s.events).toBe(10);
  });

  it('needs --org or --enterprise', () => {
    expect(() => resolvePull({ vendor: 'github', from: '2025-03-01' }, Date.now())).toThrow(/GitHub audit log needs --org or --enterprise/);
  });
});
