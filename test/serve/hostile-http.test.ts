import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Result } from '../../preload/api.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { startServer, type ServeHandle } from '../../main/serve.ts';
import { firstLine } from '../helpers/child-output.ts';

let dir: string;
let engine: EngineHost;
let server: ServeHandle;

async function call(method: string, args: unknown[]): Promise<{ status: number; body: Result<unknown> }> {
  const res = await fetch(new URL(`/api/${method}`, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as Result<unknown> };
}

const errorOf = (r: Result<unknown>): ApiError | undefined => (r.ok ? undefined : r.error);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'al-hostile-http-'));
  const file = join(dir, 'e.ndjson');
  writeFileSync(
    file,
    Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `e${i}`, time: `2025-03-01T10:00:${String(i).padStart(2, '0')}Z`, user: `u${i % 3}`, action: 'update' })).join('\n'),
  );
  engine = await createEngine({ casePath: join(dir, 'case.duckdb'), create: true, dataDir: join(dir, 'home') });
  const imported = await engine.importFiles({ paths: [file] });
  expect(imported.ok).toBe(true);
  server = await startServer({ engine, rendererDir: dir });
});

afterAll(async () => {
  await server.close();
  await engine.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('values of the wrong type inside query objects are bad input, not internal errors', () => {
  const cases: [string, unknown[], RegExp][] = [
    ['getEvents', [{ filter: 5 }], /filter must be text, not a number/],
    ['getEvents', [{ search: { $ne: '' } }], /search must be text, not an object/],
    ['getEvents', [{ timeRange: 'yesterday' }], /timeRange must be an object/],
    ['getEvents', [{ timeRange: { from: 17 } }], /time range start must be an ISO time text/],
    ['getEvents', [{ limit: 'all' }], /limit must be a number/],
    ['countEvents', [{ filter: ['actor', '=', 'x'] }], /filter must be text, not a list/],
    ['getHistogram', [{ filter: true }], /filter must be text, not a boolean/],
    ['getHistogram', [{ maxBuckets: '9' }], /maxBuckets must be a number/],
    ['getFacets', [{ columns: 'actor' }], /columns must be a list/],
    ['getFacets', [{ search: 7 }], /search must be text/],
    ['suggestValues', [{ column: 'actor', prefix: 3 }], /prefix must be text/],
    ['getTimeline', [{ entity: { kind: 'actor', value: 'u1' }, offset: 'x' }], /offset must be a number/],
  ];
  for (const [method, args, message] of cases) {
    it(`${method}(${JSON.stringify(args[0])})`, async () => {
      const r = await call(method, args);
      expect(r.status).toBe(200);
      expect(errorOf(r.body)).toMatchObject({ code: 'bad-input', message: expect.stringMatching(message) });
    });
  }

  it('refuses an unknown stackBy instead of failing inside the query', async () => {
    const r = await call('getHistogram', [{ stackBy: 'raw); DROP TABLE events; --' }]);
    expect(errorOf(r.body)).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/cannot stack the histogram by/) });
    const ok = await call('getHistogram', [{ stackBy: 'outcome' }]);
    expect(ok.body.ok).toBe(true);
    const count = await call('countEvents', [{}]);
    expect(count.body).toEqual({ ok: true, value: 20 });
  });
});

describe('uploads', () => {
  it('refuses a file name holding bidirectional or invisible characters', async () => {
    for (const name of ['invoice\u202Efdp.exe', 'a\u200Bb.ndjson', 'x\u2066y.csv']) {
      const res = await fetch(new URL(`/api/upload?name=${encodeURIComponent(name)}`, server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${server.token}` },
        body: '{}',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as Result<unknown>;
      expect(errorOf(body)?.message).toMatch(/^The file name holds invisible or direction-changing characters \(U\+[0-9A-F]{4}\) that could disguise it; rename the file$/);
    }
  });

  it('removes what a serve host killed with kill -9 left in the upload folder, at the next start', async () => {
    const uploads = join(dir, 'uploads');
    mkdirSync(uploads);
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'helpers', 'serve-child.ts'), uploads, join(dir, 'home2')], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      const started = JSON.parse(await firstLine(child)) as { url: string; token: string };
      const res = await fetch(new URL('/api/upload?name=left.ndjson', started.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${started.token}` },
        body: '{"a":1}\n',
        signal: AbortSignal.timeout(20_000),
      });
      const uploaded = (await res.json()) as Result<{ path: string }>;
      expect(uploaded.ok).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const left = readdirSync(uploads).filter((n) => n.startsWith('auditlens-upload-'));
    expect(left).toEqual([expect.stringMatching(new RegExp(`^auditlens-upload-${child.pid}-`))]);
    const next = await startServer({ engine, rendererDir: dir, uploadDir: uploads });
    try {
      expect(existsSync(join(uploads, left[0] as string))).toBe(false);
    } finally {
      await next.close();
    }
  });
});
