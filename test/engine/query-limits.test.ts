import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../preload/api.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { withCall } from '../../main/engine/query-pool.ts';
import { createHttpBridge, withAbort } from '../../renderer/http-bridge.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Each raw record is some 350 characters, so levenshtein over it costs about 10^5 steps a row (seconds in all, stoppable between chunks of rows). */
const N = 40_000;
const SLOW = 'levenshtein(raw, upper(raw)) > 0';

describe('every browsing query is bounded in time and cancellable', () => {
  let dir: string;
  let casePath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'al-limits-'));
    casePath = join(dir, 'case.duckdb');
    const lines = Array.from({ length: N }, (_, i) =>
      JSON.stringify({ id: `e${i}`, timestamp: '2025-03-01T10:00:00Z', user: `u${i % 7}`, action: 'update', blob: `${i}`.padEnd(250, 'abcdefghij') }),
    );
    writeFileSync(join(dir, 'a.ndjson'), lines.join('\n'));
    const c = await Case.open(casePath, { create: true });
    await importPaths(c, { paths: [join(dir, 'a.ndjson')] });
    c.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function engineWith(timeoutMs: number): Promise<EngineHost> {
    const engine = await createEngine({ casePath, dataDir: join(dir, `home-${timeoutMs}`), queryTimeoutMs: timeoutMs });
    return engine;
  }

  it('stops a query at its time limit with a message saying so', async () => {
    const engine = await engineWith(300);
    try {
      const r = await engine.countEvents({ filter: SLOW });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'timeout',
          message: 'The query ran for more than 300 ms and was stopped (the time limit for one query). Narrow the filter, the search or the time range, or use a simpler expression.',
        },
      });
      // The case is still fine for the next question.
      expect(await engine.countEvents({ filter: "actor = 'u1'" })).toEqual({ ok: true, value: Math.ceil((N - 1) / 7) });
    } finally {
      await engine.dispose();
    }
  });

  it('a slow query does not hold up other calls: they answer on their own connection', async () => {
    const engine = await engineWith(120_000);
    try {
      const order: string[] = [];
      const ac = new AbortController();
      const slow = withCall(() => engine.getHistogram({ filter: SLOW }), ac.signal).then((r) => {
        order.push('slow');
        return r;
      });
      const quick = await engine.countEvents({ filter: "actor = 'u2'" });
      order.push('quick');
      const page = await engine.getEvents({ limit: 3 });
      order.push('page');
      expect(quick.ok && page.ok).toBe(true);
      // Only now is the slow one let go (cancelled: see the next test), so its answer comes last.
      ac.abort();
      expect((await slow).ok).toBe(false);
      expect(order).toEqual(['quick', 'page', 'slow']);
    } finally {
      await engine.dispose();
    }
  });

  it('cancelling a call interrupts its running query at once, long before any limit', async () => {
    const engine = await engineWith(120_000);
    try {
      const ac = new AbortController();
      const r = withCall(() => engine.getFacets({ filter: SLOW }), ac.signal);
      setImmediate(() => ac.abort());
      expect(await r).toEqual({ ok: false, error: { code: 'cancelled', message: 'The query was cancelled: the viewer no longer needed its answer' } });
      expect(await engine.countEvents({})).toEqual({ ok: true, value: N });
    } finally {
      await engine.dispose();
    }
  });
});

describe('the browser bridge cancels a request a view no longer needs', () => {
  const t = useTempDir();

  it('hands the signal to fetch and reports the abort as cancelled', async () => {
    void t;
    let seen: AbortSignal | undefined;
    const bridge = createHttpBridge({
      apiBase: 'http://127.0.0.1:1/api/',
      token: 'x',
      fetch: (_url: string | URL | Request, init?: RequestInit) => {
        seen = init?.signal ?? undefined;
        return new Promise<Response>((_resolve, reject) => seen?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      },
    });
    const ac = new AbortController();
    const pending = withAbort(ac.signal, () => bridge.countEvents({})) as Promise<Result<number>>;
    expect(seen).toBe(ac.signal);
    ac.abort();
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'The request was cancelled: a newer one replaced it' } });
    // A call outside withAbort gets no signal.
    void bridge.countEvents({});
    expect(seen).toBeUndefined();
  });
});
