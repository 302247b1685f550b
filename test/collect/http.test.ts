import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, RemoteError, checkUrl, type HttpEvent } from '../../main/engine/collect/http/client.ts';
import { linkRel } from '../../main/engine/collect/http/link.ts';
import { backoffMs, rateLimitWait, resetMs, retryAfterMs } from '../../main/engine/collect/http/rate-limit.ts';
import { Secrets } from '../../main/engine/collect/http/redact.ts';
import { nextLink } from '../../main/engine/collect/vendors/common.ts';
import { instantHttp } from './helpers.ts';

const servers: Server[] = [];
async function listen(s: Server): Promise<string> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(s.address() as AddressInfo).port}`;
}
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections?.();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

function client(events: HttpEvent[] = [], extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}, signal?: AbortSignal): HttpClient {
  return new HttpClient({ ...instantHttp(), ...extra }, new Secrets(), { resetHeader: 'x-ratelimit-reset', resetKind: 'delta-seconds' }, (e) => events.push(e), signal);
}

describe('HTTP layer', () => {
  it('goes through the proxy named by HTTP_PROXY, and around it for NO_PROXY hosts', async () => {
    const target = await listen(createHttp((_q, s) => s.end('{"ok":true}')));
    const seen: string[] = [];
    // undici tunnels through a proxy with CONNECT, for http:// targets too.
    const proxyServer = createHttp((_q, res) => {
      res.writeHead(405);
      res.end();
    });
    proxyServer.on('connect', (req, sock, head) => {
      seen.push(req.url ?? '');
      const [h, p] = (req.url ?? '').split(':');
      const up = connect(Number(p), h ?? '127.0.0.1', () => {
        sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(sock);
        sock.pipe(up);
      });
      up.on('error', () => sock.destroy());
      sock.on('error', () => up.destroy());
    });
    const proxy = await listen(proxyServer);
    const via = client([], { env: { HTTP_PROXY: `http://${proxy}` } });
    const r = await via.request({ method: 'GET', url: `http://${target}/api/x`, headers: {} }, { json: true });
    expect(r.json).toEqual({ ok: true });
    expect(seen).toEqual([target]);
    const around = client([], { env: { HTTP_PROXY: `http://${proxy}`, NO_PROXY: '127.0.0.1' } });
    await around.request({ method: 'GET', url: `http://${target}/api/y`, headers: {} });
    expect(seen).toEqual([target]);
  });

  describe('TLS', () => {
    let dir = '';
    let pem: { key: string; cert: string } | null = null;
    beforeAll(() => {
      try {
        dir = mkdtempSync(join(tmpdir(), 'al-tls-'));
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
          '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
        pem = { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') };
      } catch {
        pem = null;
      }
      return () => {
        if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
      };
    });

    it('refuses a certificate it cannot verify, even with NODE_TLS_REJECT_UNAUTHORIZED=0, and accepts it from --ca-file', async (ctx) => {
      if (!pem) return ctx.skip('openssl is not installed, so no certificate can be made for the test server');
      const addr = await listen(createHttps({ key: pem.key, cert: pem.cert }, (_q, s) => s.end('{"ok":true}')));
      const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      try {
        const err = await client().request({ method: 'GET', url: `https://${addr}/x`, headers: {} }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RemoteError);
        expect((err as RemoteError).kind).toBe('tls');
        expect((err as Error).message).toMatch(/TLS certificate not accepted \(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED/);
        expect((err as Error).message).toMatch(/--ca-file/);
      } finally {
        if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
        else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
      }
      const ok = await client([], { caCerts: [pem.cert] }).request({ method: 'GET', url: `https://${addr}/x`, headers: {} }, { json: true });
      expect(ok.json).toEqual({ ok: true });
    });
  });

  it('refuses plain http to anything but loopback, and redirects', async () => {
    expect(() => checkUrl('http://acme.okta.com/api')).toThrow(/refusing plain http:\/\/ to acme\.okta\.com/);
    expect(() => checkUrl('ftp://x')).toThrow(/unsupported URL scheme/);
    const addr = await listen(createHttp((_q, s) => {
      s.writeHead(302, { location: 'https://elsewhere.example/' });
      s.end();
    }));
    await expect(client([], { retries: 0 }).request({ method: 'GET', url: `http://${addr}/`, headers: {} })).rejects.toThrow(/network|redirect/i);
  });

  it('stops at the request budget', async () => {
    let hits = 0;
    const addr = await listen(createHttp((_q, s) => {
      hits++;
      s.writeHead(500);
      s.end();
    }));
    const err = await client([], { budget: 3 }).request({ method: 'GET', url: `http://${addr}/`, headers: {} }).catch((e: unknown) => e);
    expect((err as RemoteError).kind).toBe('budget');
    expect((err as Error).message).toMatch(/request budget of 3 used; resume the pull to continue/);
    expect(hits).toBe(3);
  });

  it('cancels during a long rate-limit wait at once', async () => {
    const addr = await listen(createHttp((_q, s) => {
      s.writeHead(429, { 'retry-after': '600' });
      s.end();
    }));
    const ac = new AbortController();
    const events: HttpEvent[] = [];
    // Real sleeping here: the wait is ten minutes, the cancel comes as soon as it starts.
    const http = new HttpClient({ env: {} }, new Secrets(), {}, (e) => {
      events.push(e);
      if (e.type === 'wait') ac.abort();
    }, ac.signal);
    const t0 = Date.now();
    await expect(http.request({ method: 'GET', url: `http://${addr}/`, headers: {} })).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(events.find((e) => e.type === 'wait')).toMatchObject({ reason: '429 rate limited (Retry-After 600)', waitMs: 600_000 });
  });

  it('refuses a wait longer than allowed, so the pull can stop and resume later', async () => {
    const addr = await listen(createHttp((_q, s) => {
      s.writeHead(429, { 'x-ratelimit-reset': '7200' });
      s.end();
    }));
    const err = await client().request({ method: 'GET', url: `http://${addr}/`, headers: {} }).catch((e: unknown) => e);
    expect((err as RemoteError).kind).toBe('rate-limited');
    expect((err as Error).message).toMatch(/429 rate limited \(x-ratelimit-reset 7200\); the wait of 120 min is longer than allowed — resume the pull later/);
  });

  it('reads waits from every header form, and backs off with jitter within bounds', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('0.25', now)).toBe(250);
    expect(retryAfterMs('Sat, 01 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(resetMs({ 'x-ratelimit-reset': '3' }, { resetHeader: 'x-ratelimit-reset', resetKind: 'delta-seconds' }, now)).toBe(3000);
    expect(resetMs({ 'x-rate-limit-reset': String(now / 1000 + 40) }, { resetHeader: 'x-rate-limit-reset', resetKind: 'epoch-seconds' }, now)).toBe(40_000);
    // A UbiOps-style rule still reads an epoch as one.
    expect(resetMs({ 'x-ratelimit-reset': String(now / 1000 + 5) }, { resetHeader: 'x-ratelimit-reset', resetKind: 'delta-seconds' }, now)).toBe(5000);
    expect(rateLimitWait({ 'retry-after': '1', 'x-ratelimit-reset': '9' }, { resetHeader: 'x-ratelimit-reset' }, now)).toEqual({ ms: 1000, why: 'Retry-After 1' });
    for (let a = 1; a <= 8; a++) {
      const step = Math.min(30_000, 500 * 2 ** (a - 1));
      expect(backoffMs(a, 500, 30_000, () => 0)).toBe(step / 2);
      expect(backoffMs(a, 500, 30_000, () => 0.999999)).toBeLessThanOrEqual(step);
    }
  });

  it('follows next links only to the host it pulls from', () => {
    const base = 'https://acme.okta.com';
    const h = '<https://acme.okta.com/api/v1/logs?after=a1>; rel="self", <https://acme.okta.com/api/v1/logs?after=b2>; rel="next"';
    expect(linkRel(h, 'next', base)).toBe('https://acme.okta.com/api/v1/logs?after=b2');
    expect(nextLink('</api/v1/logs?after=c3>; rel="next"', `${base}/api/v1/logs`, base)).toBe('https://acme.okta.com/api/v1/logs?after=c3');
    expect(() => nextLink('<https://evil.example/steal>; rel="next"', base, base)).toThrow(/another host \(https:\/\/evil\.example\)/);
    expect(linkRel(undefined, 'next', base)).toBeUndefined();
  });

  it('removes credentials from URLs, headers and text', () => {
    const s = new Secrets();
    s.add('sekret-token-1234');
    expect(s.redact('bad token sekret-token-1234 given')).toBe('bad token [redacted] given');
    expect(s.url('https://u:p@x.example/a?access_token=zzz&limit=5&q=sekret-token-1234')).toBe('https://x.example/a?access_token=%5Bredacted%5D&limit=5&q=[redacted]');
    expect(s.headers({ authorization: 'SSWS sekret-token-1234', 'x-refresh-token': 'r', accept: 'application/json' })).toEqual({
      authorization: 'SSWS [redacted]', 'x-refresh-token': '[redacted]', accept: 'application/json',
    });
  });
});
