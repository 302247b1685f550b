import { loadSpec, SpecValidator } from './openapi.ts';
import { FakeServer, type FakeRequest, type FakeResponse } from './server.ts';

/**
 * Fake epilot audit log per epilot-audit-logs.mock.json: POST /v1/logs with SearchOptions
 * (page 0-based, limit, timestamp from/to both inclusive, filters), newest first, `{logs, total}`;
 * GET /v1/logs/{logId} → `{log}`. Bearer token.
 */

export interface EpilotEvent {
  id: string;
  org_id: string;
  service_name: string;
  event_name: string;
  status_code: number;
  timestamp: string;
  caller: { user_email: string; user_id: string; trigger_type: string };
  http: { method: string; ip: string; path: string; headers: Record<string, string> };
  detail: string;
  activity: string;
}

export function epilotEvent(i: number, ms: number): EpilotEvent {
  return {
    id: `2843c005-c5b0-4df2-94ee-${String(i).padStart(12, '0')}`,
    org_id: '739224',
    service_name: i % 3 === 0 ? 'workflows' : 'entity',
    event_name: i % 3 === 0 ? 'deleteWorkflow' : 'updateEntity',
    status_code: i % 9 === 0 ? 403 : 200,
    timestamp: new Date(ms).toISOString(),
    caller: { user_email: `user${i % 5}@acme.example`, user_id: String(1000 + (i % 5)), trigger_type: 'user' },
    http: { method: 'POST', ip: `203.0.113.${i % 200}`, path: '/v1/entity', headers: { 'user-agent': 'Mozilla/5.0' } },
    detail: JSON.stringify({ _title: `Entity ${i}`, status: 'active' }),
    activity: `Entity ${i} was updated`,
  };
}

export interface FakeEpilot {
  server: FakeServer;
  events: EpilotEvent[];
  /** A sloppy server: answers this much before the requested start too (pages then repeat across windows). */
  slackMs: number;
  close(): Promise<void>;
}

export async function startFakeEpilot(opts: { events: EpilotEvent[]; token: string }): Promise<FakeEpilot> {
  const spec = new SpecValidator(loadSpec('epilot-audit-logs.mock.json'));
  const state: FakeEpilot = { server: undefined as unknown as FakeServer, events: [...opts.events], slackMs: 0, close: async () => state.server.close() };
  const handler = (r: FakeRequest): FakeResponse => {
    if (r.headers['authorization'] !== `Bearer ${opts.token}`) return { status: 401, body: { message: 'Unauthorized' } };
    if (r.method === 'GET') {
      const id = decodeURIComponent(r.path.split('/').pop() ?? '');
      const e = state.events.find((x) => x.id === id);
      return e ? { status: 200, body: { log: e } } : { status: 404, body: { message: `log ${id} not found` } };
    }
    const b = (r.body ?? {}) as { limit?: number; page?: number; timestamp?: { from?: string; to?: string }; service_name?: string; event_name?: string; outcome?: string; method?: string; user?: { email?: string; user_id?: string } };
    const from = b.timestamp?.from ? Date.parse(b.timestamp.from) - state.slackMs : -Infinity;
    const to = b.timestamp?.to ? Date.parse(b.timestamp.to) : Infinity;
    const limit = b.limit ?? 50;
    const page = b.page ?? 0;
    const match = state.events
      .filter((e) => {
        const t = Date.parse(e.timestamp);
        if (t < from || t > to) return false;
        if (b.service_name && e.service_name !== b.service_name) return false;
        if (b.event_name && e.event_name !== b.event_name) return false;
        if (b.method && e.http.method !== b.method) return false;
        if (b.outcome && (e.status_code < 400 ? 'success' : 'failure') !== b.outcome) return false;
        if (b.user?.email && e.caller.user_email !== b.user.email) return false;
        return true;
      })
      .sort((a, c) => (a.timestamp < c.timestamp ? 1 : a.timestamp > c.timestamp ? -1 : a.id < c.id ? 1 : -1));
    return { status: 200, body: { logs: match.slice(page * limit, (page + 1) * limit), total: match.length } };
  };
  state.server = await FakeServer.start({ spec, handler });
  return state;
}
