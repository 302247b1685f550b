import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainStore, type SafeStorageLike } from '../../main/credentials-keychain.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import type { PullProgress, PullSummary } from '../../preload/api.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { oktaEvent, startFakeOkta, type FakeOkta } from './fake/okta.ts';
import { cellsContaining, instantHttp } from './helpers.ts';

const TOKEN = 'okta-engine-token-44e1aa';
const T0 = Date.parse('2025-03-01T00:00:00Z');

/** A stand-in for Electron's safeStorage: reversible, but the stored bytes are not the text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  const flip = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => flip(Buffer.from(s, 'utf8')),
    decryptString: (b) => flip(b).toString('utf8'),
  };
}

describe('collect API through the engine', () => {
  const tmp = useTempDir();
  let fake: FakeOkta | undefined;
  let engine: EngineHost | undefined;
  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
    await fake?.close();
    fake = undefined;
  });

  it('pulls with a typed credential, remembers it in the keychain store only, and reports progress without it', async () => {
    fake = await startFakeOkta({ events: Array.from({ length: 60 }, (_, i) => oktaEvent(i + 1, T0 + i * 60_000)), token: TOKEN });
    const keyFile = join(tmp.dir(), 'user-data', 'credentials.json');
    const casePath = join(tmp.dir(), 'case.duckdb');
    engine = await createEngine({ casePath, create: true, dataDir: join(tmp.dir(), 'home'), credentials: keychainStore(fakeSafeStorage(), keyFile), env: {}, http: instantHttp() });
    const events: unknown[] = [];
    engine.on('pull-progress', (p: PullProgress) => events.push(p));
    engine.on('pull-done', (s: PullSummary) => events.push(s));
    const info = await engine.collectors();
    expect(info.ok && info.value.find((v) => v.id === 'okta')).toMatchObject({ envVar: 'OKTA_TOKEN', credentialFrom: null, canRemember: true });

    const r = await engine.startPull({ vendor: 'okta', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-02', credential: TOKEN, remember: true, pageSize: 10 });
    expect(r.ok && r.value).toMatchObject({ status: 'complete', events: 60 });
    expect(readFileSync(keyFile, 'utf8')).not.toContain(TOKEN);
    const again = await engine.collectors();
    expect(again.ok && again.value.find((v) => v.id === 'okta')?.credentialFrom).toBe('keychain');

    // The next pull of the same account needs no credential typed: the keychain has it.
    const second = await engine.startPull({ vendor: 'okta', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-02', restart: true });
    expect(second.ok && second.value).toMatchObject({ status: 'complete', duplicates: 60 });
    const pulls = await engine.listPulls();
    expect(pulls.ok && pulls.value.map((p) => p.status)).toEqual(['complete', 'complete']);
    const cov = await engine.coverage();
    expect(cov.ok && cov.value[0]).toMatchObject({ covered: [{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T00:00:00.000Z' }], gaps: [] });

    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(events.some((e) => (e as PullProgress).phase === 'fetching')).toBe(true);
    await engine.dispose();
    engine = undefined;
    expect(await cellsContaining(casePath, TOKEN)).toEqual([]);
  });

  it('says which variable to set when there is no credential, and cancels a running pull', async () => {
    fake = await startFakeOkta({ events: Array.from({ length: 300 }, (_, i) => oktaEvent(i + 1, T0 + i * 60_000)), token: TOKEN });
    engine = await createEngine({ casePath: join(tmp.dir(), 'c.duckdb'), create: true, dataDir: join(tmp.dir(), 'home'), env: {}, http: instantHttp() });
    const none = await engine.startPull({ vendor: 'okta', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-02' });
    expect(none.ok ? null : none.error.message).toMatch(/no credential for Okta System Log: set OKTA_TOKEN/);

    const e = engine;
    let cancelled = false;
    e.on('pull-progress', (p: PullProgress) => {
      if (!cancelled && p.pages >= 3) {
        cancelled = true;
        void e.cancelPull(p.jobId);
      }
    });
    const r = await e.startPull({ vendor: 'okta', baseUrl: fake.server.url, from: '2025-03-01', to: '2025-03-02', credential: TOKEN, pageSize: 10, remember: false });
    expect(r.ok && r.value.status).toBe('cancelled');
    const pulls = await e.listPulls();
    const id = pulls.ok ? (pulls.value[0]?.id ?? 0) : 0;
    const cov = await e.coverage();
    expect(cov.ok && cov.value[0]?.gaps[0]?.reason).toMatch(/cancelled/);
    const resumed = await e.resumePull({ pullId: id, credential: TOKEN });
    expect(resumed.ok && resumed.value).toMatchObject({ status: 'complete', resumed: true, events: 300, duplicates: 0 });
  });

  it('refuses to remember without a keychain', async () => {
    const store = keychainStore(fakeSafeStorage(false), join(tmp.dir(), 'k.json'));
    await expect(store.set('okta:x', 'secret-value')).rejects.toThrow(/OS keychain is not available/);
    expect(await store.get('okta:x')).toBeUndefined();
  });
});
