import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServeHandle } from '../../main/serve.ts';
import { createFakeEngine } from '../helpers/fake-engine.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Uploaded {
  ok: boolean;
  value?: { path: string; name: string; bytes: number };
  error?: { code: string; message: string };
}

const MAX = 64 * 1024;
let server: ServeHandle;
let port: number;
let dir: string;
let uploadRoot: string;

/**
 * Raw node:http: fetch will not forge Host, and a test of the size cap needs to stream a body
 * and read the answer while the body is still going.
 */
function upload(
  query: string,
  body: Buffer | null,
  headers: Record<string, string> = {},
  opts: { chunked?: Buffer[] } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/upload${query}`,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.token}`,
          'Content-Type': 'application/octet-stream',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    // The server may answer and close before the whole body is sent (that is the size cap working).
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
    });
    if (opts.chunked) {
      const parts = [...opts.chunked];
      const next = (): void => {
        const part = parts.shift();
        if (!part) {
          req.end();
          return;
        }
        req.write(part, () => setImmediate(next));
      };
      next();
    } else {
      req.end(body ?? undefined);
    }
  });
}

const parse = (r: Reply): Uploaded => JSON.parse(r.body) as Uploaded;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditlens-upload-test-'));
  uploadRoot = join(dir, 'uploads');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(uploadRoot);
  server = await startServer({
    engine: createFakeEngine(),
    rendererDir: dir,
    maxUploadBytes: MAX,
    uploadDir: uploadRoot,
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under the server's upload folder. */
function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(uploadRoot);
  return out;
}

describe('serve host upload endpoint', () => {
  it('stores the bytes under the original file name and returns the server-side path', async () => {
    const content = Buffer.from('{"a":1}\n{"a":2}\n');
    const r = await upload('?name=okta%20export.ndjson', content);
    expect(r.status).toBe(200);
    const v = parse(r).value;
    expect(v?.name).toBe('okta export.ndjson');
    expect(v?.bytes).toBe(content.length);
    expect(v?.path.endsWith('/okta export.ndjson') || v?.path.endsWith('\\okta export.ndjson')).toBe(true);
    expect(v?.path.startsWith(uploadRoot)).toBe(true);
    expect(readFileSync(v?.path ?? '')).toEqual(content);
  });

  it('keeps two uploads of the same name apart', async () => {
    const a = parse(await upload('?name=same.json', Buffer.from('[1]'))).value?.path;
    const b = parse(await upload('?name=same.json', Buffer.from('[2]'))).value?.path;
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    expect(readFileSync(a ?? '', 'utf8')).toBe('[1]');
    expect(readFileSync(b ?? '', 'utf8')).toBe('[2]');
  });

  it('requires the token', async () => {
    const before = storedFiles().length;
    const r = await upload('?name=x.json', Buffer.from('[]'), { Authorization: '' });
    expect(r.status).toBe(401);
    expect(storedFiles().length).toBe(before);
  });

  it('does not take the token from the query string', async () => {
    const r = await upload(`?name=x.json&token=${server.token}`, Buffer.from('[]'), { Authorization: '' });
    expect(r.status).toBe(401);
  });

  it('refuses a foreign Host and a foreign Origin', async () => {
    expect((await upload('?name=x.json', Buffer.from('[]'), { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await upload('?name=x.json', Buffer.from('[]'), { Origin: 'https://evil.example' })).status).toBe(403);
    expect(
      (await upload('?name=x.json', Buffer.from('[]'), { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' }))
        .status,
    ).toBe(403);
  });

  it('accepts its own Origin', async () => {
    const r = await upload('?name=own.json', Buffer.from('[]'), { Origin: `http://127.0.0.1:${port}` });
    expect(r.status).toBe(200);
  });

  it('takes only application/octet-stream, which an HTML form cannot send', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'text/plain', 'application/x-www-form-urlencoded']) {
      expect((await upload('?name=x.json', Buffer.from('[]'), { 'Content-Type': type })).status).toBe(415);
    }
  });

  it('requires POST', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/upload?name=x', headers: { Authorization: `Bearer ${server.token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(r).toBe(405);
  });

  it.each([
    ['../escape.json'],
    ['..%2Fescape.json'],
    ['..%5Cescape.json'],
    ['sub%2Fdir.json'],
    ['%2Fetc%2Fpasswd'],
    ['..'],
    ['.'],
    ['nul%00byte.json'],
    ['line%0Abreak.json'],
    [''],
  ])('refuses the name %s and writes nothing', async (name) => {
    const before = storedFiles();
    const r = await upload(`?name=${name}`, Buffer.from('[]'));
    expect(r.status).toBe(400);
    expect(parse(r)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(storedFiles()).toEqual(before);
    expect(existsSync(join(dirname(uploadRoot), 'escape.json'))).toBe(false);
    expect(existsSync(join(uploadRoot, 'escape.json'))).toBe(false);
  });

  it('refuses an upload without a name', async () => {
    expect((await upload('', Buffer.from('[]'))).status).toBe(400);
  });

  it('refuses a declared size over the cap before reading it', async () => {
    const before = storedFiles();
    const r = await upload('?name=big.json', Buffer.alloc(MAX + 1, 0x20));
    expect(r.status).toBe(413);
    expect(parse(r).error?.message).toMatch(/64 KiB upload limit/);
    expect(storedFiles()).toEqual(before);
  });

  it('stops a streamed body at the cap and leaves no partial file', async () => {
    const before = storedFiles();
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const r = await upload('?name=streamed.json', null, {}, { chunked: Array.from({ length: 8 }, () => chunk) });
    expect(r.status).toBe(413);
    await expect.poll(() => storedFiles()).toEqual(before);
  });

  it('accepts a body of exactly the cap', async () => {
    const r = await upload('?name=exact.json', Buffer.alloc(MAX, 0x20));
    expect(r.status).toBe(200);
    expect(parse(r).value?.bytes).toBe(MAX);
  });

  it('removes every upload when the server closes', async () => {
    const other = await startServer({ engine: createFakeEngine(), rendererDir: dir, uploadDir: uploadRoot });
    const otherPort = Number(new URL(other.url).port);
    const saved = port;
    port = otherPort;
    const savedServer = server;
    server = other;
    try {
      const path = parse(await upload('?name=temp.json', Buffer.from('[]'))).value?.path ?? '';
      expect(existsSync(path)).toBe(true);
      await other.close();
      expect(existsSync(path)).toBe(false);
      expect(existsSync(dirname(dirname(path)))).toBe(false);
    } finally {
      port = saved;
      server = savedServer;
    }
  });
});

describe('serve host slow clients', () => {
  let slow: ServeHandle;
  let slowPort: number;

  beforeAll(async () => {
    slow = await startServer({
      engine: createFakeEngine(),
      rendererDir: dir,
      uploadDir: uploadRoot,
      requestDeadlineMs: 300,
      uploadIdleMs: 300,
    });
    slowPort = Number(new URL(slow.url).port);
  });
  afterAll(() => slow.close());

  /** Sends the headers and a first piece of a longer body, then goes quiet; resolves when the server hangs up. */
  function trickle(path: string, headers: Record<string, string>): Promise<{ status: number | null }> {
    return new Promise((resolve) => {
      let status: number | null = null;
      const req = request({ host: '127.0.0.1', port: slowPort, path, method: 'POST', headers }, (res) => {
        status = res.statusCode ?? null;
        res.resume();
      });
      req.on('error', () => resolve({ status }));
      req.on('close', () => resolve({ status }));
      req.write('x');
    });
  }

  it('drops an unauthenticated request whose body never finishes', async () => {
    const r = await trickle('/api/caseInfo', { 'Content-Type': 'application/json', 'Content-Length': '1000' });
    // Refused at once (401) and then disconnected by the deadline instead of being read forever.
    expect(r.status === 401 || r.status === null).toBe(true);
  });

  it('drops a stalled upload and removes what it had written', async () => {
    const before = storedFiles();
    await trickle('/api/upload?name=stalled.json', {
      Authorization: `Bearer ${slow.token}`,
      'Content-Type': 'application/octet-stream',
      'Content-Length': '1000',
    });
    await expect.poll(() => storedFiles()).toEqual(before);
  });
});
