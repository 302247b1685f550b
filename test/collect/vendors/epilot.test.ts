import { afterEach, describe, expect, it } from 'vitest';
import { runPull } from '../../../main/engine/collect/runner.ts';
import { verifyCase } from '../../../main/engine/collect/verify.ts';
import { useTempDir } from '../../helpers/temp-case.ts';
import { epilotEvent, startFakeEpilot, type FakeEpilot } from '../fake/epilot.ts';
import { cellsContaining, instantHttp, vendorIds } from '../helpers.ts';
import { describeVendor } from '../vendor-suite.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const SPAN = 36 * 3_600_000;
const TOKEN = 'epilot-suite-token-51aa';

describeVendor({
  vendor: 'epilot',
  envVar: 'EPILOT_TOKEN',
  token: TOKEN,
  idPath: '$.id',
  refusal: /epilot audit log answered 401 Unauthorized to POST .*\/v1\/logs: Unauthorized/,
  async start() {
    const f = await startFakeEpilot({ events: Array.from({ length: 150 }, (_, i) => epilotEvent(i + 1, T0 + Math.floor((i * SPAN) / 150))), token: TOKEN });
    return {
      server: f.server,
      ids: () => f.events.map((e) => e.id).sort(),
      request: () => ({ vendor: 'epilot', baseUrl: f.server.url, from: '2025-03-01', to: '2025-03-02T12:00:00Z', pageSize: 20 }),
      cliArgs: (c) => ['pull', 'epilot', c, '--from', '2025-03-01', '--to', '2025-03-02T12:00:00Z', '--base-url', f.server.url, '--page-size', '20'],
      coverage: [{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T12:00:00.000Z' }],
      addShiftEvent: () => f.events.push(epilotEvent(9001, Date.parse('2025-03-01T23:59:59Z'))),
      overlap: () => {
        f.slackMs = 6 * 3_600_000;
      },
      rateLimit: { headers: { 'retry-after': '0.02' }, reason: /429 rate limited \(Retry-After 0\.02\)/ },
      firstPageAsks: () => f.server.requests.filter((r) => (r.body as { page?: number; timestamp?: { from?: string } })?.page === 0 && (r.body as { timestamp?: { from?: string } }).timestamp?.from?.startsWith('2025-02-28')).length,
      firstList: 1,
      close: () => f.close(),
    };
  },
});

describe('epilot specifics', () => {
  const tmp = useTempDir();
  let fake: FakeEpilot | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('sends the filters in the search body the spec describes', async () => {
    fake = await startFakeEpilot({ events: Array.from({ length: 60 }, (_, i) => epilotEvent(i + 1, T0 + i * 600_000)), token: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(
      c,
      { vendor: 'epilot', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-02', pageSize: 5, filters: { service_name: 'workflows', event_name: 'deleteWorkflow', user_email: 'user3@acme.example' }, org: '739224' },
      { credential: TOKEN, http: instantHttp() },
    );
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    const expected = fake.events.filter((e) => e.service_name === 'workflows' && e.caller.user_email === 'user3@acme.example').map((e) => e.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await vendorIds(c, '$.id')).toEqual(expected);
    const first = fake.server.requests[0];
    expect(first?.body).toMatchObject({ service_name: 'workflows', event_name: 'deleteWorkflow', user: { email: 'user3@acme.example' }, page: 0, limit: 5 });
    expect(first?.headers['x-epilot-org-id']).toBe('739224');
  });

  it('cuts its own token out of a page that echoes it, and says so', async () => {
    const evs = Array.from({ length: 10 }, (_, i) => epilotEvent(i + 1, T0 + i * 600_000));
    // The audit log logs the API call that reads it, headers and all.
    (evs[3] as ReturnType<typeof epilotEvent>).http.headers = { authorization: `Bearer ${TOKEN}`, 'user-agent': 'AuditLens' };
    fake = await startFakeEpilot({ events: evs, token: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, { vendor: 'epilot', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-02' }, { credential: TOKEN, http: instantHttp() });
    expect(s.status).toBe('complete');
    expect(s.events).toBe(10);
    expect(await cellsContaining(c.path, TOKEN, c)).toEqual([]);
    const red = await c.db.all<{ body_redacted: boolean; same: boolean }>('SELECT body_redacted, sha256 = stored_sha256 AS same FROM pages');
    expect(red).toEqual([{ body_redacted: true, same: false }]);
    const v = await verifyCase(c);
    expect(v.ok).toBe(true);
    expect(v.problems.map((p) => p.state)).toEqual(['redacted']);
    const raw = await c.db.value<string>(`SELECT raw FROM events WHERE json_extract_string(raw, '$.id') = '${(evs[3] as ReturnType<typeof epilotEvent>).id}'`);
    expect(raw).toContain('Bearer [redacted]');
  });

  it('fetches one event by id', async () => {
    fake = await startFakeEpilot({ events: Array.from({ length: 5 }, (_, i) => epilotEvent(i + 1, T0 + i * 600_000)), token: TOKEN });
    const c = await tmp.openCase();
    const id = fake.events[2]?.id ?? '';
    const s = await runPull(c, { vendor: 'epilot', baseUrl: fake.server.url, from: '', eventId: id }, { credential: TOKEN, http: instantHttp() });
    expect(fake.server.problems).toEqual([]);
    expect(s).toMatchObject({ status: 'complete', events: 1, coverage: [] });
    expect(await vendorIds(c, '$.id')).toEqual([id]);
  });
});
