import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorId, CoverageRange, PullRequest } from '../../preload/api.ts';
import { main } from '../../main/cli.ts';
import type { Io } from '../../main/cli/common.ts';
import { Case } from '../../main/engine/case/case.ts';
import { runPull } from '../../main/engine/collect/runner.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import type { FakeServer, Fault } from './fake/server.ts';
import { instantHttp, progressLog, vendorIds } from './helpers.ts';

/**
 * The same behaviours asked of every collector against its fake server: every event exactly once,
 * the coverage it earned, and the same end state through 429s, 500s, resets, truncated bodies,
 * pages repeated across windows, pages that shift as events arrive, a refused credential, and a
 * kill -9 followed by a resume.
 */

export interface Handle {
  server: FakeServer;
  /** The vendor ids of every event the server holds now, sorted. */
  ids(): string[];
  request(): PullRequest;
  cliArgs(casePath: string): string[];
  coverage: CoverageRange[];
  /** Adds an event inside the window being paged first, newer than every event there. */
  addShiftEvent(): void;
  /** Makes the server answer from before each window's start as well, so pages repeat across windows. */
  overlap?: () => void;
  rateLimit: { status?: number; headers: Record<string, string>; reason: RegExp };
  /** For offset-paged vendors: how often the first page of the first window was asked for (a second pass asks again). */
  firstPageAsks?: () => number;
  /** Number of the first request to the audit-log endpoint (after any token exchange). */
  firstList: number;
  close(): Promise<void>;
}

export interface Harness {
  vendor: CollectorId;
  envVar: string;
  token: string;
  /** JSON path of the vendor's event id in `raw`. */
  idPath: string;
  refusal: RegExp;
  start(): Promise<Handle>;
}

const BIN = new URL('../../bin/auditlens.js', import.meta.url).pathname;

function quietIo(env: Record<string, string | undefined>): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTTY: false,
    env,
    stdout: () => out,
    stderr: () => err,
  };
}

export function describeVendor(h: Harness): void {
  describe(`${h.vendor} collector against its fake server`, () => {
    const tmp = useTempDir();
    let fake: Handle | undefined;
    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });

    async function pull(f: Handle, name = 'case.duckdb', extra: Partial<Parameters<typeof runPull>[2]> = {}) {
      const c = await tmp.openCase(name);
      const p = progressLog();
      const s = await runPull(c, f.request(), { credential: h.token, http: instantHttp(), onProgress: p.on, ...extra });
      return { c, s, p };
    }

    it('pulls every event exactly once, through requests the spec allows, and covers the range', async () => {
      fake = await h.start();
      const { c, s } = await pull(fake);
      expect(fake.server.problems).toEqual([]);
      expect(s.message).toBeNull();
      expect(s.status).toBe('complete');
      expect(await vendorIds(c, h.idPath)).toEqual(fake.ids());
      expect(Number(await c.db.value('SELECT count(*) FROM events'))).toBe(fake.ids().length);
      expect(s.coverage).toEqual(fake.coverage);
      const bad = await c.db.value('SELECT count(*) FROM pages WHERE sha256(body) <> sha256 OR octet_length(body) <> bytes');
      expect(Number(bad)).toBe(0);
      expect(Number(await c.db.value("SELECT count(*) FROM events WHERE locator NOT SIMILAR TO 'page [0-9]+\\[[0-9]+\\]'"))).toBe(0);
    });

    it('waits out a 429 with the wait the server asked for', async () => {
      fake = await h.start();
      const f = fake;
      f.server.fault = (r): Fault | undefined => (r.n === f.firstList + 1 ? { kind: 'status', status: f.rateLimit.status ?? 429, headers: f.rateLimit.headers } : undefined);
      const { c, s, p } = await pull(f);
      expect(s.status).toBe('complete');
      expect(await vendorIds(c, h.idPath)).toEqual(f.ids());
      expect(p.log.some((x) => x.last?.type === 'wait' && f.rateLimit.reason.test(x.last.reason))).toBe(true);
    });

    it('retries 500s, a reset mid-page and a truncated body, and ends with exactly the server events', async () => {
      fake = await h.start();
      const f = fake;
      const plan: Record<number, Fault> = {
        [f.firstList + 1]: { kind: 'status', status: 500 },
        [f.firstList + 2]: { kind: 'status', status: 502 },
        [f.firstList + 3]: { kind: 'reset' },
        [f.firstList + 5]: { kind: 'truncate' },
      };
      f.server.fault = (r) => plan[r.n];
      const { c, s, p } = await pull(f);
      expect(s.status).toBe('complete');
      expect(await vendorIds(c, h.idPath)).toEqual(f.ids());
      expect(Number(await c.db.value('SELECT count(*) FROM events'))).toBe(f.ids().length);
      expect(s.coverage).toEqual(f.coverage);
      const reasons = p.log.flatMap((x) => (x.last?.type === 'retry' ? [x.last.reason] : []));
      expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^500/), expect.stringMatching(/^502/), 'connection reset by the server', expect.stringMatching(/^the body is not complete JSON/)]));
    });

    if (h.vendor !== 'ubiops') {
      it('keeps one event when pages repeat across windows', async () => {
        fake = await h.start();
        fake.overlap?.();
        const { c, s } = await pull(fake);
        expect(fake.server.problems).toEqual([]);
        expect(s.status).toBe('complete');
        expect(s.duplicates).toBeGreaterThan(0);
        expect(await vendorIds(c, h.idPath)).toEqual(fake.ids());
        expect(s.coverage).toEqual(fake.coverage);
      });
    }

    it('ends with the event added while paging, and no duplicate', async () => {
      fake = await h.start();
      const f = fake;
      let added = false;
      f.server.onRequest = (r) => {
        if (!added && r.n === f.firstList + 1) {
          added = true;
          f.addShiftEvent();
        }
      };
      const { c, s } = await pull(f);
      expect(added).toBe(true);
      expect(s.status).toBe('complete');
      expect(await vendorIds(c, h.idPath)).toEqual(f.ids());
      expect(Number(await c.db.value('SELECT count(*) FROM events'))).toBe(f.ids().length);
      expect(s.coverage).toEqual(f.coverage);
      // Offset paging shifted: the window was paged again from its first page.
      if (f.firstPageAsks) expect(f.firstPageAsks()).toBeGreaterThanOrEqual(2);
    });

    it('stops on a refused credential with the vendor message and covers nothing', async () => {
      fake = await h.start();
      const c = await tmp.openCase();
      const s = await runPull(c, fake.request(), { credential: 'not-the-right-token-42', http: instantHttp() });
      expect(s.status).toBe('failed');
      expect(s.message).toMatch(h.refusal);
      expect(s.message).toContain(h.envVar);
      expect(s.message).not.toContain('not-the-right-token-42');
      expect(s.coverage).toEqual([]);
    });

    it('after kill -9 mid-pull, the resume ends with the events of an uninterrupted pull', async () => {
      fake = await h.start();
      const f = fake;
      const straight = join(tmp.dir(), 'straight.duckdb');
      expect(await main(f.cliArgs(straight), quietIo({ [h.envVar]: h.token }))).toBe(0);
      const killed = join(tmp.dir(), 'killed.duckdb');
      const before = f.server.requests.length;
      const hangAt = before + f.firstList + 4;
      f.server.fault = (r) => (r.n === hangAt ? { kind: 'hang' } : undefined);
      const arrived = new Promise<void>((resolve) => {
        f.server.onRequest = (r) => {
          if (r.n === hangAt) resolve();
        };
      });
      const child = spawn(process.execPath, [BIN, ...f.cliArgs(killed)], {
        env: { ...process.env, [h.envVar]: h.token, AUDITLENS_PULL_COMMIT_PAGES: '1' },
        stdio: 'ignore',
      });
      const exited = new Promise<string | null>((resolve) => child.on('exit', (_c, sig) => resolve(sig)));
      await arrived;
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      f.server.fault = () => undefined;
      const c = await Case.open(killed);
      const mid = await c.db.one<{ status: string; pages: bigint }>('SELECT status, pages FROM pulls');
      c.close();
      expect(mid?.status).toBe('running');
      expect(Number(mid?.pages)).toBeGreaterThan(0);
      const o = quietIo({ [h.envVar]: h.token });
      expect(await main([...f.cliArgs(killed), '--json'], o)).toBe(0);
      expect(JSON.parse(o.stdout())).toMatchObject({ resumed: true, status: 'complete' });
      const idsOf = async (p: string): Promise<string[]> => {
        const k = await Case.open(p);
        try {
          return (await k.db.all<{ id: string }>('SELECT event_id AS id FROM events ORDER BY 1')).map((r) => r.id);
        } finally {
          k.close();
        }
      };
      expect(await idsOf(killed)).toEqual(await idsOf(straight));
    });
  });
}
