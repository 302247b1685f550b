import { afterEach, describe, expect, it } from 'vitest';
import { coverageReport } from '../../../main/engine/collect/coverage.ts';
import { resolvePull } from '../../../main/engine/collect/request.ts';
import { runPull } from '../../../main/engine/collect/runner.ts';
import { authUrl } from '../../../main/engine/collect/vendors/squadcast.ts';
import { useTempDir } from '../../helpers/temp-case.ts';
import { squadcastEvent, startFakeSquadcast, type FakeSquadcast } from '../fake/squadcast.ts';
import { cellsContaining, instantHttp, vendorIds } from '../helpers.ts';
import { describeVendor } from '../vendor-suite.ts';

const DAY = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const FROM = TODAY - 200 * DAY;
const TO = TODAY - 10 * DAY;
const TOKEN = 'sq-refresh-suite-7d2e90';
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The end of the first window: three calendar months after FROM. */
const W0_END = (() => {
  const d = new Date(FROM);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, d.getUTCDate());
})();

describeVendor({
  vendor: 'squadcast',
  envVar: 'SQUADCAST_REFRESH_TOKEN',
  token: TOKEN,
  idPath: '$.id',
  refusal: /Squadcast refused the refresh token \(401 at .*\/oauth\/access-token\): invalid refresh token/,
  async start() {
    const f = await startFakeSquadcast({
      events: Array.from({ length: 150 }, (_, i) => squadcastEvent(i + 1, FROM + 3_600_000 + Math.floor((i * (TO - FROM - 2 * DAY)) / 150))),
      refreshToken: TOKEN,
    });
    return {
      server: f.server,
      ids: () => f.events.map((e) => String(e.id)).sort(),
      request: () => ({ vendor: 'squadcast', baseUrl: f.server.url, from: day(FROM), to: day(TO), pageSize: 20 }),
      cliArgs: (c) => ['pull', 'squadcast', c, '--from', day(FROM), '--to', day(TO), '--base-url', f.server.url, '--page-size', '20'],
      coverage: [{ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString() }],
      addShiftEvent: () => f.events.push(squadcastEvent(9001, W0_END - 12 * 3_600_000)),
      overlap: () => {
        f.slackMs = 10 * DAY;
      },
      rateLimit: { headers: { 'retry-after': '0.02' }, reason: /429 rate limited \(Retry-After 0\.02\)/ },
      firstPageAsks: () => f.server.requests.filter((r) => r.url.searchParams.get('startDate') === day(FROM) && ['0', '1'].includes(r.url.searchParams.get('pageNumber') ?? '')).length,
      firstList: 2,
      close: () => f.close(),
    };
  },
});

describe('Squadcast specifics', () => {
  const tmp = useTempDir();
  let fake: FakeSquadcast | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const evs = (n: number, at: (i: number) => number): ReturnType<typeof squadcastEvent>[] => Array.from({ length: n }, (_, i) => squadcastEvent(i + 1, at(i)));
  const spread = (i: number): number => FROM + 3_600_000 + i * 20 * 3_600_000;

  it.each([0, '1-strict'] as const)('finds the pageNumber base when it is %s', async (base) => {
    fake = await startFakeSquadcast({ events: evs(70, spread), refreshToken: TOKEN, base });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: fake.server.url, from: day(FROM), to: day(FROM + 60 * DAY), pageSize: 20 }, { credential: TOKEN, http: instantHttp() });
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    expect(await vendorIds(c, '$.id')).toEqual(fake.events.filter((e) => Date.parse(e.timestamp) < FROM + 60 * DAY).map((e) => String(e.id)).sort());
  });

  it('renews the access token on a 401 mid-pull', async () => {
    fake = await startFakeSquadcast({ events: evs(70, spread), refreshToken: TOKEN });
    const f = fake;
    f.server.onRequest = (r) => {
      if (r.n === 4) f.expire();
    };
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: f.server.url, from: day(FROM), to: day(FROM + 60 * DAY), pageSize: 20 }, { credential: TOKEN, http: instantHttp() });
    expect(s.status).toBe('complete');
    expect(f.exchanges).toBe(2);
    expect(f.server.requests.some((r) => f.server.answers.get(r.n)?.status === 401)).toBe(true);
    expect(await vendorIds(c, '$.id')).toEqual(f.events.filter((e) => Date.parse(e.timestamp) < FROM + 60 * DAY).map((e) => String(e.id)).sort());
    // Neither the refresh token nor any access token reached the case.
    for (const t of [TOKEN, ...f.tokens]) expect(await cellsContaining(c.path, t, c)).toEqual([]);
  });

  it('renews the access token before it expires', async () => {
    let clock = Date.now();
    fake = await startFakeSquadcast({ events: evs(70, spread), refreshToken: TOKEN, lifetimeS: 90, now: () => clock });
    const f = fake;
    f.server.onRequest = () => {
      clock += 20_000;
    };
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: f.server.url, from: day(FROM), to: day(FROM + 60 * DAY), pageSize: 20 }, { credential: TOKEN, http: instantHttp(), now: () => clock });
    expect(s.status).toBe('complete');
    expect(f.exchanges).toBeGreaterThan(1);
    expect([...f.server.answers.values()].filter((a) => a.status === 401)).toEqual([]);
  });

  it('fetches each entry with its details when asked, and maps those', async () => {
    fake = await startFakeSquadcast({ events: evs(30, spread), refreshToken: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: fake.server.url, from: day(FROM), to: day(FROM + 30 * DAY), pageSize: 20, details: true }, { credential: TOKEN, http: instantHttp() });
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    expect(s.events).toBe(30);
    const ips = await c.db.all<{ n: bigint }>("SELECT count(*) AS n FROM events WHERE src_ip LIKE '192.0.2.%' AND user_agent IS NOT NULL AND changes IS NOT NULL");
    expect(Number(ips[0]?.n)).toBe(30);
    const roles = await c.db.all<{ role: string; n: bigint }>('SELECT role, count(*) AS n FROM pages GROUP BY role ORDER BY role');
    // Three listings: page 0, page 1 (page 0 again: numbering starts at 1), page 2.
    expect(roles.map((r) => [r.role, Number(r.n)])).toEqual([['detail', 30], ['index', 3]]);
  });

  it('records the part older than a year as not available and asks nothing of it', async () => {
    fake = await startFakeSquadcast({ events: evs(20, (i) => TODAY - 300 * DAY + i * DAY), refreshToken: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: fake.server.url, from: day(TODAY - 400 * DAY), to: day(TODAY - 250 * DAY), pageSize: 50 }, { credential: TOKEN, http: instantHttp() });
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    expect(s.windows[0]).toMatchObject({ state: 'unavailable', reason: 'Squadcast keeps audit logs for the past year only' });
    const cov = await coverageReport(c.db);
    expect(cov[0]?.gaps).toEqual([{ from: new Date(TODAY - 400 * DAY).toISOString(), to: new Date(TODAY - 364 * DAY).toISOString(), reason: 'not available: Squadcast keeps audit logs for the past year only' }]);
    expect(s.events).toBe(20);
  });

  it('serves the boundary day in both windows: the same page twice, its events once', async () => {
    fake = await startFakeSquadcast({ events: evs(8, (i) => W0_END + 3_600_000 + i * 60_000), refreshToken: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: fake.server.url, from: day(FROM), to: day(TO), pageSize: 20 }, { credential: TOKEN, http: instantHttp() });
    expect(s.status).toBe('complete');
    expect(s.events).toBe(8);
    expect(s.duplicates).toBe(8);
    const same = await c.db.all<{ n: bigint }>("SELECT count(*) AS n FROM pages WHERE records = 8 GROUP BY sha256");
    expect(same.map((r) => Number(r.n))).toEqual([2]);
  });

  it('fetches one entry by id', async () => {
    fake = await startFakeSquadcast({ events: evs(5, spread), refreshToken: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'squadcast', baseUrl: fake.server.url, from: '', eventId: '40003' }, { credential: TOKEN, http: instantHttp() });
    expect(s.status).toBe('complete');
    expect(s.events).toBe(1);
    expect(s.coverage).toEqual([]);
    expect(await vendorIds(c, '$.id')).toEqual(['40003']);
  });

  it('uses the EU hosts for --region eu', () => {
    const r = resolvePull({ vendor: 'squadcast', region: 'eu', from: '2025-01-01' }, Date.parse('2025-06-01T00:00:00Z'));
    expect(r.baseUrl).toBe('https://api.eu.squadcast.com');
    expect(authUrl(r.baseUrl)).toBe('https://auth.eu.squadcast.com/oauth/access-token');
    expect(authUrl('https://api.squadcast.com')).toBe('https://auth.squadcast.com/oauth/access-token');
  });
});
