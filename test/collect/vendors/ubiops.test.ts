import { afterEach, describe, expect, it } from 'vitest';
import { runPull } from '../../../main/engine/collect/runner.ts';
import { useTempDir } from '../../helpers/temp-case.ts';
import { startFakeUbiops, ubiopsEvent, type FakeUbiops } from '../fake/ubiops.ts';
import { instantHttp } from '../helpers.ts';
import { describeVendor } from '../vendor-suite.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const SPAN = 36 * 3_600_000;
const TOKEN = 'ubiops-suite-token-93fe';

describeVendor({
  vendor: 'ubiops',
  envVar: 'UBIOPS_TOKEN',
  token: TOKEN,
  idPath: '$.id',
  refusal: /UbiOps audit events answered 401 Unauthorized to GET .*\/v2\.1\/projects\/acme-project\/audit\?.*: Authentication credentials were not provided\./,
  async start() {
    const f = await startFakeUbiops({ events: Array.from({ length: 150 }, (_, i) => ubiopsEvent(i + 1, T0 + Math.floor((i * SPAN) / 150))), token: TOKEN });
    return {
      server: f.server,
      ids: () => f.events.map((e) => e.id).sort(),
      request: () => ({ vendor: 'ubiops', baseUrl: f.server.url, project: 'acme-project', from: '2025-03-01', to: '2025-03-02T12:00:00Z', pageSize: 20 }),
      cliArgs: (c) => ['pull', 'ubiops', c, '--project', 'acme-project', '--from', '2025-03-01', '--to', '2025-03-02T12:00:00Z', '--base-url', f.server.url, '--page-size', '20'],
      coverage: [{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T12:00:00.000Z' }],
      addShiftEvent: () => f.events.push(ubiopsEvent(9001, Date.parse('2025-03-02T11:59:59Z'))),
      rateLimit: { headers: { 'x-ratelimit-reset': '0.02' }, reason: /429 rate limited \(x-ratelimit-reset 0\.02\)/ },
      firstPageAsks: () => f.server.requests.filter((r) => r.url.searchParams.get('offset') === '0').length,
      firstList: 1,
      close: () => f.close(),
    };
  },
});

describe('UbiOps specifics', () => {
  const tmp = useTempDir();
  let fake: FakeUbiops | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('reads the deployment and pipeline variants with the action filter', async () => {
    const evs = [
      ...Array.from({ length: 30 }, (_, i) => ubiopsEvent(i + 1, T0 + i * 600_000, 'deployments/scorer')),
      ...Array.from({ length: 30 }, (_, i) => ubiopsEvent(100 + i, T0 + i * 600_000, 'pipelines/nightly')),
    ];
    fake = await startFakeUbiops({ events: evs, token: TOKEN });
    const c = await tmp.openCase();
    const base = { vendor: 'ubiops' as const, baseUrl: fake.server.url, project: 'acme-project', from: '2025-03-01', to: '2025-03-02', pageSize: 7 };
    const d = await runPull(c, { ...base, deployment: 'scorer', filters: { action: 'update' } }, { credential: TOKEN, http: instantHttp() });
    const p = await runPull(c, { ...base, pipeline: 'nightly' }, { credential: TOKEN, http: instantHttp() });
    expect(fake.server.problems).toEqual([]);
    expect([d.status, p.status]).toEqual(['complete', 'complete']);
    expect(d.events).toBe(evs.filter((e) => e.scope === 'deployments/scorer' && e.action === 'update').length);
    expect(p.events).toBe(30);
    expect(new Set(fake.server.requests.map((r) => r.path))).toEqual(new Set(['/projects/acme-project/deployments/scorer/audit', '/projects/acme-project/pipelines/nightly/audit']));
    const tenants = await c.db.all<{ tenant: string }>('SELECT tenant FROM sources ORDER BY id');
    expect(tenants.map((t) => t.tenant)).toEqual([
      expect.stringMatching(/project acme-project deployment scorer$/),
      expect.stringMatching(/project acme-project pipeline nightly$/),
    ]);
  });

  it('stops paging once the newest-first log is older than the range', async () => {
    const old = Array.from({ length: 200 }, (_, i) => ubiopsEvent(1000 + i, T0 - 86_400_000 - i * 60_000));
    const recent = Array.from({ length: 25 }, (_, i) => ubiopsEvent(i + 1, T0 + i * 60_000));
    fake = await startFakeUbiops({ events: [...old, ...recent], token: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'ubiops', baseUrl: fake.server.url, project: 'acme-project', from: '2025-03-01', to: '2025-03-02', pageSize: 10 }, { credential: TOKEN, http: instantHttp() });
    expect(s.status).toBe('complete');
    // 25 in range → pages 1-3; the third already reaches older events, so paging ends there.
    expect(fake.server.requests.length).toBe(3);
    const inRange = await c.db.value("SELECT count(*) FROM events WHERE event_time >= '2025-03-01'");
    expect(Number(inRange)).toBe(25);
  });
});
