import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main/cli.ts';
import { Case } from '../../main/engine/case/case.ts';
import type { Io } from '../../main/cli/common.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { startFakeOkta, oktaEvent, type FakeOkta } from './fake/okta.ts';
import { cellsContaining } from './helpers.ts';

const TOKEN = 'okta-cli-token-2b7e9f0a';
const T0 = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;
const BIN = new URL('../../bin/auditlens.js', import.meta.url).pathname;

function io(env: Record<string, string | undefined>, prompt?: (q: string) => Promise<string | undefined>): Io & { stdout: () => string; stderr: () => string } {
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
    ...(prompt ? { promptSecret: prompt } : {}),
    stdout: () => out,
    stderr: () => err,
  };
}

async function ids(path: string): Promise<string[]> {
  const c = await Case.open(path);
  try {
    return (await c.db.all<{ id: string }>('SELECT event_id AS id FROM events ORDER BY 1')).map((r) => r.id);
  } finally {
    c.close();
  }
}

describe('auditlens pull / coverage / verify', () => {
  const tmp = useTempDir();
  let fake: FakeOkta | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const events = (): ReturnType<typeof oktaEvent>[] => Array.from({ length: 90 }, (_, i) => oktaEvent(i + 1, T0 + i * 20 * 60_000));
  const args = (casePath: string): string[] => [
    'pull', 'okta', casePath, '--from', '2025-03-01', '--to', '2025-03-02T06:00:00Z', '--base-url', fake?.server.url ?? '', '--page-size', '10',
  ];

  it('prints one JSON summary with pages, events, duplicates, windows and coverage', async () => {
    fake = await startFakeOkta({ events: events(), token: TOKEN });
    const casePath = join(tmp.dir(), 'c.duckdb');
    const o = io({ OKTA_TOKEN: TOKEN });
    expect(await main([...args(casePath), '--json'], o)).toBe(0);
    const j = JSON.parse(o.stdout()) as Record<string, unknown>;
    expect(j).toMatchObject({ status: 'complete', events: 90, duplicates: 0, resumed: false });
    expect(j.windows).toEqual([
      { from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T00:00:00.000Z', state: 'done' },
      { from: '2025-03-02T00:00:00.000Z', to: '2025-03-02T06:00:00.000Z', state: 'done' },
    ]);
    expect(j.coverage).toEqual([{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T06:00:00.000Z' }]);
    expect(j.pages).toBeGreaterThan(9);

    const again = io({ OKTA_TOKEN: TOKEN });
    expect(await main(['coverage', casePath], again)).toBe(0);
    expect(again.stdout()).toMatch(/covered {3}2025-03-01 – 2025-03-02T06:00Z/);
    expect(again.stdout()).toMatch(/no gaps/);
    const v = io({});
    expect(await main(['verify', casePath], v)).toBe(0);
    expect(v.stdout()).toMatch(/pages: \d+ checked, \d+ match their recorded SHA-256, 0 do not/);
  });

  it('names the environment variable when there is no credential, and asks on a terminal', async () => {
    fake = await startFakeOkta({ events: events(), token: TOKEN });
    const casePath = join(tmp.dir(), 'c.duckdb');
    const none = io({});
    expect(await main(args(casePath), none)).toBe(1);
    expect(none.stderr()).toMatch(/no credential for Okta System Log: set OKTA_TOKEN/);
    const questions: string[] = [];
    const asked = io({}, async (q) => {
      questions.push(q);
      return TOKEN;
    });
    expect(await main(args(casePath), asked)).toBe(0);
    expect(questions[0]).toMatch(/OKTA_TOKEN is not set/);
    expect(asked.stdout()).not.toContain(TOKEN);
  });

  it('reports a page whose stored body was altered', async () => {
    fake = await startFakeOkta({ events: events(), token: TOKEN });
    const casePath = join(tmp.dir(), 'c.duckdb');
    expect(await main(args(casePath), io({ OKTA_TOKEN: TOKEN }))).toBe(0);
    const c = await Case.open(casePath);
    await c.db.run("UPDATE pages SET body = CAST('[]' AS BLOB) WHERE seq = 2");
    c.close();
    const v = io({});
    expect(await main(['verify', casePath], v)).toBe(1);
    expect(v.stdout()).toMatch(/mismatch +page page 2 of batch 1: stored body hashes to/);
    expect(v.stdout()).toMatch(/MISMATCH/);
  });

  it('after kill -9 mid-pull, the same command resumes and ends with the events of an uninterrupted pull', async () => {
    fake = await startFakeOkta({ events: events(), token: TOKEN });
    const straight = join(tmp.dir(), 'straight.duckdb');
    expect(await main(args(straight), io({ OKTA_TOKEN: TOKEN }))).toBe(0);

    const killed = join(tmp.dir(), 'killed.duckdb');
    const before = fake.server.requests.length;
    // The 6th request of the child never gets an answer; pages 1-5 are committed one by one by then.
    fake.server.fault = (r) => (r.n === before + 6 ? { kind: 'hang' } : undefined);
    const child = spawn(process.execPath, [BIN, ...args(killed)], {
      env: { ...process.env, OKTA_TOKEN: TOKEN, AUDITLENS_PULL_COMMIT_PAGES: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));
    await new Promise<void>((resolve) => {
      fake!.server.onRequest = (r) => {
        if (r.n === before + 6) resolve();
      };
    });
    child.kill('SIGKILL');
    expect(await exited).toBe(-9);
    fake.server.fault = () => undefined;

    const c = await Case.open(killed);
    const p = await c.db.one<{ status: string; pages: bigint }>('SELECT status, pages FROM pulls');
    c.close();
    expect(p?.status).toBe('running');
    expect(Number(p?.pages)).toBe(5);

    const o = io({ OKTA_TOKEN: TOKEN });
    expect(await main([...args(killed), '--json'], o)).toBe(0);
    const j = JSON.parse(o.stdout()) as { resumed: boolean; duplicates: number; status: string };
    expect(j).toMatchObject({ resumed: true, duplicates: 0, status: 'complete' });
    expect(await ids(killed)).toEqual(await ids(straight));
    const c2 = await Case.open(killed);
    const seqs = (await c2.db.all<{ seq: number }>('SELECT seq FROM pages ORDER BY seq')).map((r) => r.seq);
    c2.close();
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('never writes the credential to the case, the output, errors or leftovers', async () => {
    fake = await startFakeOkta({ events: events(), token: TOKEN });
    const casePath = join(tmp.dir(), 'c.duckdb');
    const outputs: string[] = [];
    for (const a of [[...args(casePath), '--json'], ['coverage', casePath, '--json'], ['verify', casePath, '--json'], ['info', casePath, '--json']]) {
      const o = io({ OKTA_TOKEN: TOKEN });
      await main(a, o);
      outputs.push(o.stdout(), o.stderr());
    }
    // A refused token and a failing server: their errors must not echo it either.
    fake.server.fault = (r) => (r.n > 1000 ? undefined : { kind: 'status', status: 401, body: { errorSummary: `bad token ${TOKEN}` } });
    const bad = io({ OKTA_TOKEN: TOKEN });
    await main([...args(join(tmp.dir(), 'd.duckdb')), '--restart'], bad);
    outputs.push(bad.stdout(), bad.stderr());
    expect(bad.stderr()).toMatch(/401/);
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    for (const f of readdirSync(tmp.dir())) {
      expect(readFileSync(join(tmp.dir(), f)).includes(Buffer.from(TOKEN)), f).toBe(false);
      // DuckDB compresses stored strings, so the bytes alone prove little: ask every column too.
      if (f.endsWith('.duckdb')) expect(await cellsContaining(join(tmp.dir(), f), TOKEN), f).toEqual([]);
    }
  });

  it('sync pulls only what is newer than the last complete pull', async () => {
    const now = Date.now();
    const recent = Array.from({ length: 40 }, (_, i) => oktaEvent(500 + i, now - 40 * HOUR + i * HOUR));
    fake = await startFakeOkta({ events: recent, token: TOKEN });
    const casePath = join(tmp.dir(), 'c.duckdb');
    const upTo = new Date(now - 20 * HOUR).toISOString();
    const first = io({ OKTA_TOKEN: TOKEN });
    expect(await main(['pull', 'okta', casePath, '--from', new Date(now - 48 * HOUR).toISOString(), '--to', upTo, '--base-url', fake.server.url, '--json'], first)).toBe(0);
    expect(JSON.parse(first.stdout())).toMatchObject({ events: 20 });
    const seen = fake.server.requests.length;
    const o = io({ OKTA_TOKEN: TOKEN });
    expect(await main(['sync', casePath, '--json'], o)).toBe(0);
    const j = JSON.parse(o.stdout()) as { syncs: { events: number; duplicates: number; status: string }[] };
    expect(j.syncs).toMatchObject([{ events: 20, duplicates: 0, status: 'complete' }]);
    // Every request of the sync starts at or after the end of the first pull (less Okta's 1 ms).
    for (const r of fake.server.requests.slice(seen).filter((x) => x.url.searchParams.get('since'))) {
      expect(Date.parse(r.url.searchParams.get('since') ?? '')).toBeGreaterThanOrEqual(Date.parse(upTo) - 1);
    }
    expect((await ids(casePath)).length).toBe(40);
  });

  it('finds a credential that did get into a case (the check above can fail)', async () => {
    const casePath = join(tmp.dir(), 'leak.duckdb');
    const c = await Case.open(casePath, { create: true });
    await c.logCustody('leak', { note: `oops ${TOKEN}` });
    c.close();
    expect(await cellsContaining(casePath, TOKEN)).toEqual(['custody_log.details']);
  });
});
