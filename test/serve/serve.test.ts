import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServeHandle } from '../../main/serve.ts';
import { createFakeEngine, FAKE_CASE, type FakeEngine } from '../helpers/fake-engine.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: ServeHandle;
let engine: FakeEngine;
let port: number;
let dir: string;

/** Raw node:http, because fetch will not let a test forge Host or send `..` in a path. */
function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const auth = (): Record<string, string> => ({ Authorization: `Bearer ${server.token}` });

function call(method: string, args: unknown[], headers: Record<string, string> = auth()): Promise<Reply> {
  return send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditlens-serve-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'link.txt'));
  engine = createFakeEngine();
  server = await startServer({ engine, rendererDir: renderer });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve host address and token', () => {
  it('binds loopback and prints a URL carrying a random token', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(server.token);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('gives each start its own token', async () => {
    const other = await startServer({ engine: createFakeEngine(), rendererDir: dir });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });
});

describe('serve host authentication', () => {
  it('refuses API calls without a token', async () => {
    const r = await call('caseInfo', [], {});
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('refuses API calls with a wrong token', async () => {
    const r = await call('caseInfo', [], { Authorization: `Bearer ${server.token.slice(0, -1)}x` });
    expect(r.status).toBe(401);
  });

  it('does not accept the token in the query string of an API call', async () => {
    const r = await send(`/api/caseInfo?token=${server.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(r.status).toBe(401);
  });

  it('answers an authenticated call with the engine result', async () => {
    const r = await call('caseInfo', []);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: FAKE_CASE });
  });

  it('passes arguments through to the engine', async () => {
    const r = await call('checkFilter', ['bad']);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { valid: false, columns: ['actor'] } });
    expect(engine.calls.at(-1)).toEqual({ method: 'checkFilter', args: ['bad'] });
  });

  it('shows a no-script explanation for a page load without the token', async () => {
    const r = await send('/');
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain('access link');
  });

  it('sets an HttpOnly SameSite=Strict cookie on the tokened page load, which then authenticates', async () => {
    const page = await send(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    const cookie = page.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const r = await call('caseInfo', [], { Cookie: cookie.split(';')[0] ?? '' });
    expect(r.status).toBe(200);
  });

  it('refuses a page load with a wrong token', async () => {
    expect((await send('/?token=nope')).status).toBe(401);
  });
});

describe('serve host Host and Origin checks', () => {
  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    const r = await call('caseInfo', [], { ...auth(), Host: `evil.example:${port}` });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('refuses the right host on another port', async () => {
    expect((await call('caseInfo', [], { ...auth(), Host: `127.0.0.1:${port + 1}` })).status).toBe(403);
  });

  it('accepts localhost as the host name', async () => {
    expect((await call('caseInfo', [], { ...auth(), Host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin', async () => {
    const r = await call('caseInfo', [], { ...auth(), Origin: 'https://evil.example' });
    expect(r.status).toBe(403);
  });

  it('refuses the opaque null Origin (sandboxed frames, file:// pages)', async () => {
    expect((await call('caseInfo', [], { ...auth(), Origin: 'null' })).status).toBe(403);
  });

  it('refuses cross-site fetches that carry no Origin (browsers mark them with Sec-Fetch-Site)', async () => {
    const r = await send('/assets/app.js', {
      headers: { ...auth(), 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' },
    });
    expect(r.status).toBe(403);
  });

  it('still opens from a link on another site (a top-level navigation with the token)', async () => {
    const r = await send(`/?token=${server.token}`, {
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
    });
    expect(r.status).toBe(200);
  });

  it('accepts its own Origin', async () => {
    expect((await call('caseInfo', [], { ...auth(), Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });
});

describe('serve host API routing', () => {
  it('answers 404 for a method that is not in the contract', async () => {
    const r = await call('dropEverything', []);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('does not treat prototype properties as methods', async () => {
    expect((await call('constructor', [])).status).toBe(404);
    expect((await call('__proto__', [])).status).toBe(404);
    expect((await call('toString', [])).status).toBe(404);
  });

  it('requires POST for methods', async () => {
    expect((await send('/api/caseInfo', { headers: auth() })).status).toBe(405);
  });

  it('requires a JSON body', async () => {
    const r = await send('/api/caseInfo', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'text/plain' },
      body: '[]',
    });
    expect(r.status).toBe(415);
  });

  it('rejects a body that is not a JSON array', async () => {
    const r = await send('/api/checkFilter', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{"filter":"x"}',
    });
    expect(r.status).toBe(400);
  });

  it('rejects wrong argument shapes before the engine sees them', async () => {
    const before = engine.calls.length;
    const r = await call('checkFilter', [{ not: 'a string' }]);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(engine.calls.length).toBe(before);
  });

  it('refuses a body over the size limit', async () => {
    const r = await call('checkFilter', ['x'.repeat(2 * 1024 * 1024)]);
    expect(r.status).toBe(413);
  });

  it('turns an engine exception into an internal-error Result', async () => {
    const r = await call('countEvents', [{ filter: 'explode' }]);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'internal', message: 'engine bug' } });
  });
});

describe('serve host static files', () => {
  it('serves the renderer with a strict CSP and nosniff', async () => {
    const r = await send('/assets/app.js', { headers: auth() });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/javascript/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets%00/app.js',
    '/link.txt',
    '/assets/',
    '/nope.js',
  ])('does not serve %s', async (path) => {
    const r = await send(path, { headers: auth() });
    expect([400, 403, 404]).toContain(r.status);
    expect(r.body).not.toContain('outside the renderer');
  });
});

describe('serve host event stream', () => {
  it('delivers engine events as Server-Sent Events, with the token in the query', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/events?token=${server.token}` }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        let emitted = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (!emitted) {
            // The first chunk means the stream is subscribed; only now can an event reach it.
            emitted = true;
            engine.emit('case-changed', FAKE_CASE);
          }
          if (text.includes('event: case-changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const frame = received.slice(received.indexOf('event: case-changed'));
    const data = /data: (.*)\n/.exec(frame)?.[1] ?? '';
    expect(JSON.parse(data)).toEqual(FAKE_CASE);
  });

  it('refuses the stream without a token', async () => {
    expect((await send('/api/events')).status).toBe(401);
  });

  it('unsubscribes from the engine when the browser goes away', async () => {
    const before = engine.listenerCount();
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: auth() }, (res) => {
        res.once('data', () => {
          expect(engine.listenerCount()).toBeGreaterThan(before);
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined); // destroying our own request is the point of the test
      req.end();
    });
    // The server learns about the disconnect asynchronously; wait for it rather than sleeping.
    await expect.poll(() => engine.listenerCount()).toBe(before);
  });
});
