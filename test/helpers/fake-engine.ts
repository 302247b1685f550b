import { API_METHOD_NAMES, type ApiEventName, type AuditApi, type AuditEvents, type CaseInfo, type Result } from '../../preload/api.ts';
import type { EngineHost } from '../../main/engine/api.ts';

/** A stand-in engine for host tests: answers from memory and lets the test emit events. */
export interface FakeEngine extends EngineHost {
  emit<E extends ApiEventName>(event: E, payload: AuditEvents[E]): void;
  listenerCount(): number;
  calls: { method: string; args: unknown[] }[];
}

export const FAKE_CASE: CaseInfo = {
  path: '/cases/fake.duckdb',
  schemaVersion: 1,
  readOnly: false,
  events: 3,
  sources: 1,
  batches: 1,
  rejects: 0,
  timeMin: '2025-01-01T00:00:00.000Z',
  timeMax: '2025-01-02T00:00:00.000Z',
  byVendor: [{ vendor: 'generic', events: 3 }],
};

const unused = async (): Promise<Result<never>> => ({
  ok: false,
  error: { code: 'internal', message: 'not used by this test' },
});

/** Every method answers "not used" unless the fake below gives it an answer. */
function unusedApi(): AuditApi {
  return Object.fromEntries(API_METHOD_NAMES.map((m) => [m, unused])) as unknown as AuditApi;
}

export function createFakeEngine(): FakeEngine {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  const calls: { method: string; args: unknown[] }[] = [];
  const record = (method: string, args: unknown[]): void => {
    calls.push({ method, args });
  };
  return {
    ...unusedApi(),
    calls,
    current: null,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
    listenerCount() {
      return [...listeners.values()].reduce((n, s) => n + s.size, 0);
    },
    async dispose() {},
    async caseInfo() {
      record('caseInfo', []);
      return { ok: true, value: FAKE_CASE };
    },
    async getEvents(q) {
      record('getEvents', [q]);
      return { ok: true, value: { rows: [], offset: q.offset ?? 0, total: 0, elapsedMs: 1 } };
    },
    async countEvents(q) {
      record('countEvents', [q]);
      if (q.filter === 'explode') throw new Error('engine bug');
      return { ok: true, value: 42 };
    },
    async checkFilter(filter) {
      record('checkFilter', [filter]);
      return { ok: true, value: { valid: filter !== 'bad', columns: ['actor'] } };
    },
  };
}
