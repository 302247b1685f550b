import { randomBytes } from 'node:crypto';
import { loadSpec, SpecValidator } from './openapi.ts';
import { FakeServer, type FakeRequest, type FakeResponse } from './server.ts';

/**
 * Fake Squadcast per squadcast-audit-logs.yaml, plus the token exchange its security scheme
 * describes (GET /oauth/access-token with X-Refresh-Token, served on the same host as the API
 * here). Beyond the spec, it enforces what Squadcast documents: windows of at most 3 months and
 * data for the past year only (violations are answered 400 and recorded as problems). Dates are
 * inclusive; newest first. The pageNumber base is the test's choice: 0, 1 (page 0 answered as
 * page 1), or 1 with page 0 refused.
 */

export interface SquadcastEvent {
  id: number;
  resource: string;
  action: string;
  actor: { userID: string; userName: string; userEmail: string; fullName: string };
  client: string;
  timestamp: string;
  team: { id: string; name: string; isDeleted: boolean };
  timezone: string;
  tokenType: string;
  ipAddress: string;
  additionalInfo: string;
  meta: Record<string, unknown> | null;
  userAgent: string;
}

export function squadcastEvent(i: number, ms: number): SquadcastEvent {
  return {
    id: 40000 + i,
    resource: i % 2 ? 'escalation_policies' : 'services',
    action: i % 7 === 0 ? 'login_failed' : 'update',
    actor: { userID: `63f1c2a9e4b0d71a2c5e8f0${i % 9}`, userName: `user${i % 9}`, userEmail: `user${i % 9}@acme.example`, fullName: `User ${i % 9}` },
    client: i % 3 ? 'web' : 'api',
    timestamp: new Date(ms).toISOString(),
    team: { id: '611a0f3b9c2d4e5f60718293', name: 'Payments', isDeleted: false },
    timezone: 'UTC',
    tokenType: i % 3 ? 'web_token' : 'api_token',
    ipAddress: `192.0.2.${i % 250}`,
    additionalInfo: `changed ${i}`,
    meta: { resourceId: `res-${i}`, resourceName: `Resource ${i}`, changes: [{ field: 'name', oldValue: `a${i}`, newValue: `b${i}` }] },
    userAgent: 'Mozilla/5.0 (X11)',
  };
}

const LIST_FIELDS = ['id', 'resource', 'action', 'actor', 'client', 'timestamp', 'team'] as const;

export interface FakeSquadcast {
  server: FakeServer;
  events: SquadcastEvent[];
  /** Access tokens handed out; `expire()` makes every one of them answer 401 from now on. */
  tokens: string[];
  expire(): void;
  exchanges: number;
  /** A sloppy server: answers this much before startDate too. */
  slackMs: number;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export async function startFakeSquadcast(opts: {
  events: SquadcastEvent[];
  refreshToken: string;
  base?: 0 | 1 | '1-strict';
  now?: () => number;
  /** Lifetime of an access token in seconds. */
  lifetimeS?: number;
}): Promise<FakeSquadcast> {
  const spec = new SpecValidator(loadSpec('squadcast-audit-logs.yaml'));
  const now = opts.now ?? Date.now;
  const base = opts.base ?? 1;
  /** Access token → when it stops working (ms). */
  const valid = new Map<string, number>();
  const state: FakeSquadcast = {
    server: undefined as unknown as FakeServer,
    events: [...opts.events],
    tokens: [],
    exchanges: 0,
    slackMs: 0,
    expire: () => valid.clear(),
    close: async () => state.server.close(),
  };
  const err = (status: number, msg: string): FakeResponse => ({ status, body: { meta: { status, error_message: msg } } });
  const handler = (r: FakeRequest): FakeResponse => {
    if (r.path === '/oauth/access-token') {
      if (r.method !== 'GET' || r.url.search) state.server.problems.push(`token exchange must be a plain GET, got ${r.method} ${r.url.search}`);
      if (r.headers['x-refresh-token'] !== opts.refreshToken) return err(401, 'invalid refresh token');
      state.exchanges++;
      const access = `sq-access-${randomBytes(12).toString('hex')}`;

      state.tokens.push(access);
      const issued = Math.floor(now() / 1000);
      valid.set(access, (issued + (opts.lifetimeS ?? 86_400)) * 1000);
      return { status: 200, body: { data: { access_token: access, expires_at: issued + (opts.lifetimeS ?? 86_400), issued_at: issued, refresh_token: opts.refreshToken, type: 'bearer' } } };
    }
    const auth = /^Bearer (\S+)$/.exec(r.headers['authorization'] ?? '')?.[1];
    if (!auth || !((valid.get(auth) ?? 0) > now())) return err(401, 'access token expired or invalid');
    const detail = /^\/v3\/audit-logs\/([^/]+)$/.exec(r.path);
    if (detail) {
      const e = state.events.find((x) => String(x.id) === detail[1]);
      return e ? { status: 200, body: { data: e } } : err(404, 'audit log not found');
    }
    const q = r.url.searchParams;
    const start = Date.parse(`${q.get('startDate')}T00:00:00Z`);
    const end = Date.parse(`${q.get('endDate')}T00:00:00Z`) + DAY;
    if (end - start > 93 * DAY) {
      state.server.problems.push(`window ${q.get('startDate')}..${q.get('endDate')} is over 3 months`);
      return err(400, 'date range must not exceed 3 months');
    }
    if (start < now() - 366 * DAY) {
      state.server.problems.push(`startDate ${q.get('startDate')} is older than a year`);
      return err(400, 'audit logs are available for the past one year only');
    }
    const size = Number(q.get('pageSize'));
    let number = Number(q.get('pageNumber'));
    if (base === '1-strict' && number < 1) return err(400, 'pageNumber must be at least 1');
    if (base !== 0) number = Math.max(1, number) - 1;
    const match = state.events
      .filter((e) => {
        const t = Date.parse(e.timestamp);
        return t >= start - state.slackMs && t < end;
      })
      .sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : b.id - a.id));
    const page = match.slice(number * size, (number + 1) * size).map((e) => Object.fromEntries(LIST_FIELDS.map((k) => [k, e[k]])));
    return { status: 200, body: { data: page, metadata: { totalCount: match.length } } };
  };
  state.server = await FakeServer.start({ spec, handler, unspecified: (p) => p === '/oauth/access-token' });
  return state;
}
