import { afterEach, describe, expect, it } from 'vitest';
import { runPull } from '../../main/engine/collect/runner.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { startFakeOkta, oktaEvent, type FakeOkta } from './fake/okta.ts';
import type { Fault } from './fake/server.ts';
import { instantHttp, progressLog, vendorIds } from './helpers.ts';

const TOKEN = 'okta-test-token-6f1c2e';
const T0 = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;

describe('Okta pull', () => {
  const tmp = useTempDir();
  let fake: FakeOkta | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  function events(n: number, spanMs: number): ReturnType<typeof oktaEvent>[] {
    return Array.from({ length: n }, (_, i) => oktaEvent(i + 1, T0 + Math.floor((i * spanMs) / n)));
  }

  it('pulls every event of the range once, records every page and the coverage', async () => {
    fake = await startFakeOkta({ events: events(250, 48 * HOUR), token: TOKEN });
    const c = await tmp.openCase();
    const p = progressLog();
    const s = await runPull(
      c,
      { vendor: 'okta', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-03', pageSize: 40 },
      { credential: TOKEN, http: instantHttp(), onProgress: p.on },
    );
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    expect(s.events).toBe(250);
    expect(s.duplicates).toBe(0);
    expect(await vendorIds(c, '$.uuid')).toEqual(fake.events.map((e) => e.uuid).sort());
    expect(s.coverage).toEqual([{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' }]);
    // Two day windows; each ends on the empty page after its last event.
    const pages = await c.db.all<{ seq: number; status: number; sha256: string; bytes: bigint; url: string; h: string; n: bigint }>(
      'SELECT seq, status, sha256, bytes, url, sha256(body) AS h, octet_length(body) AS n FROM pages ORDER BY seq',
    );
    expect(pages.length).toBe(s.pages);
    for (const pg of pages) {
      expect(pg.status).toBe(200);
      expect(pg.h).toBe(pg.sha256);
      expect(pg.n).toBe(pg.bytes);
      expect(pg.url).toMatch(/\/api\/v1\/logs\?/);
    }
    expect(p.log.at(-1)?.phase).toBe('done');
    const batch = await c.db.one<{ method: string; event_count: bigint }>('SELECT method, event_count FROM batches');
    expect(batch?.method).toBe('api');
    expect(Number(batch?.event_count)).toBe(250);
  });
});

describe('Okta pull through a misbehaving server', () => {
  const tmp = useTempDir();
  let fake: FakeOkta | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const base = (): { vendor: 'okta'; baseUrl: string; from: string; to: string; pageSize: number } => ({
    vendor: 'okta', baseUrl: fake?.server.url ?? '', from: '2025-03-01T00:00:00Z', to: '2025-03-01T12:00:00Z', pageSize: 25,
  });
  const evs = (): ReturnType<typeof oktaEvent>[] => Array.from({ length: 120 }, (_, i) => oktaEvent(i + 1, T0 + i * 60_000));

  it('waits out 429s (Retry-After and a used-up rate window) and ends with exactly the server events', async () => {
    fake = await startFakeOkta({ events: evs(), token: TOKEN });
    fake.server.fault = (r): Fault | undefined =>
      r.n === 2 ? { kind: 'status', status: 429, headers: { 'retry-after': '0.02' }, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' } }
      : r.n === 3 ? { kind: 'status', status: 429, headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 5) } }
      : undefined;
    fake.rate.remaining = 3;
    const waits: number[] = [];
    const p = progressLog();
    const c = await tmp.openCase();
    const s = await runPull(c, base(), { credential: TOKEN, http: instantHttp(waits), onProgress: p.on });
    expect(fake.server.problems).toEqual([]);
    expect(s.status).toBe('complete');
    expect(await vendorIds(c, '$.uuid')).toEqual(fake.events.map((e) => e.uuid).sort());
    expect(waits[0]).toBe(20);
    const reasons = p.log.flatMap((x) => (x.last ? [x.last.reason] : []));
    expect(reasons).toContain('429 rate limited (Retry-After 0.02)');
    expect(reasons.some((r) => /429 rate limited \(x-rate-limit-reset \d+\)/.test(r))).toBe(true);
    expect(reasons.some((r) => /rate limit used up \(x-rate-limit-remaining 0\)/.test(r))).toBe(true);
    expect(s.waits).toBeGreaterThanOrEqual(3);
  });

  it('retries 500s, a connection reset mid-page, a truncated JSON body and a silent server', async () => {
    fake = await startFakeOkta({ events: evs(), token: TOKEN });
    fake.server.fault = (r) =>
      r.n === 2 || r.n === 3 ? { kind: 'status', status: 500, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } }
      : r.n === 5 ? { kind: 'reset' }
      : r.n === 7 ? { kind: 'truncate' }
      : r.n === 8 ? { kind: 'hang' }
      : undefined;
    const p = progressLog();
    const c = await tmp.openCase();
    const s = await runPull(c, base(), { credential: TOKEN, http: { ...instantHttp(), timeoutMs: 300 }, onProgress: p.on });
    expect(s.status).toBe('complete');
    expect(s.duplicates).toBe(0);
    expect(await vendorIds(c, '$.uuid')).toEqual(fake.events.map((e) => e.uuid).sort());
    const reasons = p.log.flatMap((x) => (x.last?.type === 'retry' ? [x.last.reason] : []));
    expect(reasons).toContain('500 Internal Server Error');
    expect(reasons).toContain('connection reset by the server');
    expect(reasons.some((r) => r.startsWith('the body is not complete JSON'))).toBe(true);
    expect(reasons.some((r) => /no complete answer within 300 ms/.test(r))).toBe(true);
    expect(s.retries).toBe(5);
    // Only answered pages are recorded: failed attempts are retries, not pages.
    const statuses = await c.db.all<{ status: number }>('SELECT DISTINCT status FROM pages');
    expect(statuses).toEqual([{ status: 200 }]);
  });

  it('stops with the vendor message on a refused token, keeps nothing half-done, and says what is not covered', async () => {
    fake = await startFakeOkta({ events: evs(), token: TOKEN });
    const c = await tmp.openCase();
    const s = await runPull(c, base(), { credential: 'wrong-token-123456', http: instantHttp() });
    expect(s.status).toBe('failed');
    expect(s.message).toMatch(/Okta System Log answered 401 Unauthorized to GET .*: Invalid token provided \(E0000011\) — check OKTA_TOKEN/);
    expect(s.message).not.toContain('wrong-token-123456');
    expect(s.coverage).toEqual([]);
    expect(Number(await c.db.value('SELECT count(*) FROM events'))).toBe(0);
  });

  it('gives up on a server that keeps failing, with a resumable stop; the resume completes', async () => {
    fake = await startFakeOkta({ events: evs(), token: TOKEN });
    let broken = true;
    fake.server.fault = (r) => (broken && r.n >= 3 ? { kind: 'status', status: 503 } : undefined);
    const c = await tmp.openCase();
    const s1 = await runPull(c, base(), { credential: TOKEN, http: { ...instantHttp(), retries: 2 } });
    expect(s1.status).toBe('stopped');
    expect(s1.message).toMatch(/503 .*gave up after 3 tries.*resume to continue/);
    expect(s1.coverage).toEqual([]);
    broken = false;
    const s2 = await runPull(c, base(), { credential: TOKEN, http: instantHttp() });
    expect(s2.resumed).toBe(true);
    expect(s2.pullId).toBe(s1.pullId);
    expect(s2.status).toBe('complete');
    expect(s2.duplicates).toBe(0);
    expect(await vendorIds(c, '$.uuid')).toEqual(fake.events.map((e) => e.uuid).sort());
  });

  it('picks up an event added while paging and stops at the end of the range though next links never end', async () => {
    fake = await startFakeOkta({ events: evs(), token: TOKEN });
    fake.server.onRequest = (r) => {
      if (r.n === 2) fake?.events.push(oktaEvent(999, T0 + 100 * 60_000 + 30_000));
    };
    const c = await tmp.openCase();
    const s = await runPull(c, base(), { credential: TOKEN, http: instantHttp() });
    expect(s.status).toBe('complete');
    expect(await vendorIds(c, '$.uuid')).toEqual(fake.events.map((e) => e.uuid).sort());
    expect(s.events).toBe(121);
    // 121 events by 25 → 5 pages, then one empty page ends it.
    expect(fake.server.requests.length).toBe(6);
  });
});
