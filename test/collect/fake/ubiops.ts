import { loadSpec, SpecValidator } from './openapi.ts';
import { FakeServer, type FakeRequest, type FakeResponse } from './server.ts';

/**
 * Fake UbiOps per ubiops-audit-events.DERIVED.yaml, under /v2.1: project, deployment and
 * pipeline audit lists, `Authorization: Token …`, limit/offset, newest first, a bare array.
 */

export interface UbiopsEvent {
  id: string;
  date: string;
  action: string;
  user: string;
  event: string;
  object_type: string;
  object_name: string;
  /** Which deployment or pipeline it belongs to (not part of the API's answer). */
  scope?: string;
}

export function ubiopsEvent(i: number, ms: number, scope?: string): UbiopsEvent {
  const actions = ['create', 'update', 'delete', 'info'];
  return {
    id: `54c1ea23-5773-4821-8fd7-${String(i).padStart(12, '0')}`,
    date: new Date(ms).toISOString().replace('Z', '+00:00'),
    action: actions[i % 4] as string,
    user: i % 6 === 0 ? 'svc@serviceuser.ubiops.com' : `user${i % 4}@acme.example`,
    event: i % 4 === 1 ? `Deployment ${i} memory_allocation changed from '256' to '512'` : `Event ${i}`,
    object_type: 'deployment',
    object_name: `deployment-${i % 7}`,
    ...(scope ? { scope } : {}),
  };
}

export interface FakeUbiops {
  server: FakeServer;
  events: UbiopsEvent[];
  close(): Promise<void>;
}

export async function startFakeUbiops(opts: { events: UbiopsEvent[]; token: string }): Promise<FakeUbiops> {
  const spec = new SpecValidator(loadSpec('ubiops-audit-events.DERIVED.yaml'), { api_key: 'Token' });
  const state: FakeUbiops = { server: undefined as unknown as FakeServer, events: [...opts.events], close: async () => state.server.close() };
  const handler = (r: FakeRequest): FakeResponse => {
    if (r.headers['authorization'] !== `Token ${opts.token}`) return { status: 401, body: { error: 'Authentication credentials were not provided.' } };
    const m = /^\/projects\/([^/]+)(?:\/(deployments|pipelines)\/([^/]+))?\/audit$/.exec(r.path);
    if (!m || m[1] !== 'acme-project') return { status: 404, body: { error: 'Project not found' } };
    const scope = m[2] ? `${m[2]}/${m[3]}` : undefined;
    const q = r.url.searchParams;
    const limit = Number(q.get('limit') ?? 50);
    const offset = Number(q.get('offset') ?? 0);
    const action = q.get('action');
    const list = state.events
      .filter((e) => (scope ? e.scope === scope : true) && (!action || e.action === action))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : -1))
      .map(({ scope: _s, ...rest }) => rest);
    return { status: 200, body: list.slice(offset, offset + limit) };
  };
  state.server = await FakeServer.start({ spec, handler, prefix: '/v2.1' });
  return state;
}
