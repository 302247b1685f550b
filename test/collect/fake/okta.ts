import { loadSpec, SpecValidator } from './openapi.ts';
import { FakeServer, type FakeRequest, type FakeResponse } from './server.ts';

/**
 * Fake Okta System Log (GET /api/v1/logs) per okta-system-log.yaml: SSWS or Bearer auth, since/until
 * bounds on `published`, oldest first by default, an opaque `after` cursor in `Link: rel="next"`
 * that — like Okta's — keeps coming after the last event (empty pages with yet another next link).
 * Rate-limit headers on every answer; `remaining` counts down from what the test sets.
 */

export interface OktaEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: string;
  severity: string;
  displayMessage: string;
  actor: { id: string; type: string; alternateId: string; displayName: string };
  outcome: { result: string };
  client: { ipAddress: string };
  target: { id: string; type: string; alternateId: string; displayName: string }[];
}

export function oktaEvent(i: number, publishedMs: number): OktaEvent {
  return {
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    published: new Date(publishedMs).toISOString(),
    eventType: i % 5 === 0 ? 'user.session.start' : 'user.account.update_profile',
    version: '0',
    severity: 'INFO',
    displayMessage: i % 5 === 0 ? 'User login to Okta' : 'Update user profile for Okta',
    actor: { id: `00u${i % 7}`, type: 'User', alternateId: `user${i % 7}@acme.example`, displayName: `User ${i % 7}` },
    outcome: { result: i % 11 === 0 ? 'FAILURE' : 'SUCCESS' },
    client: { ipAddress: `198.51.100.${i % 250}` },
    target: [{ id: `00t${i % 13}`, type: 'User', alternateId: `target${i % 13}@acme.example`, displayName: `Target ${i % 13}` }],
  };
}

export interface FakeOkta {
  server: FakeServer;
  events: OktaEvent[];
  /** A sloppy server: answers this much before `since` too (pages then repeat across windows). */
  slackMs: number;
  /** Requests-left value the next answers report (counting down); undefined = plenty. */
  rate: { remaining: number; resetEpochS: () => number };
  close(): Promise<void>;
}

function key(e: OktaEvent): string {
  return `${e.published}|${e.uuid}`;
}

export async function startFakeOkta(opts: { events: OktaEvent[]; token: string; now?: () => number }): Promise<FakeOkta> {
  const spec = new SpecValidator(loadSpec('okta-system-log.yaml'), { apiToken: 'SSWS' });
  const now = opts.now ?? Date.now;
  const state: FakeOkta = {
    server: undefined as unknown as FakeServer,
    events: [...opts.events],
    slackMs: 0,
    rate: { remaining: 1_000_000, resetEpochS: () => Math.ceil(now() / 1000) + 60 },
    close: async () => state.server.close(),
  };
  // Sorted once per change of the event list (tests push events mid-pull; the bench serves 100k).
  let sorted: { of: OktaEvent[]; n: number; list: OktaEvent[] } | undefined;
  const sortedEvents = (): OktaEvent[] => {
    if (!sorted || sorted.of !== state.events || sorted.n !== state.events.length) {
      const list = [...state.events].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      sorted = { of: state.events, n: state.events.length, list };
    }
    return sorted.list;
  };
  const handler = (r: FakeRequest): FakeResponse => {
    const auth = r.headers['authorization'] ?? '';
    const rateHeaders = (): Record<string, string> => ({
      'x-rate-limit-limit': '1200',
      'x-rate-limit-remaining': String(Math.max(0, --state.rate.remaining)),
      'x-rate-limit-reset': String(state.rate.resetEpochS()),
    });
    if (auth !== `SSWS ${opts.token}` && auth !== `Bearer ${opts.token}`) {
      return { status: 401, headers: rateHeaders(), body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'fake', errorCauses: [] } };
    }
    const q = r.url.searchParams;
    const until = q.get('until') ? Date.parse(q.get('until') as string) : now();
    const since = (q.get('since') ? Date.parse(q.get('since') as string) : until - 7 * 86_400_000) - state.slackMs;
    const limit = Number(q.get('limit') ?? 100);
    const desc = q.get('sortOrder') === 'DESCENDING';
    const after = q.get('after');
    const afterKey = after ? Buffer.from(after, 'base64url').toString('utf8') : undefined;
    let items = sortedEvents().filter((e) => {
      const t = Date.parse(e.published);
      return t >= since && t < until;
    });
    if (desc) items.reverse();
    if (afterKey) items = items.filter((e) => (desc ? key(e) < afterKey : key(e) > afterKey));
    const page = items.slice(0, limit);
    const lastKey = page.length ? key(page[page.length - 1] as OktaEvent) : (afterKey ?? '');
    const next = new URL(r.url.toString());
    next.host = new URL(state.server.url).host;
    next.searchParams.set('after', Buffer.from(lastKey).toString('base64url'));
    const self = new URL(next.toString());
    self.search = r.url.search;
    return {
      status: 200,
      headers: { ...rateHeaders(), link: `<${self.toString()}>; rel="self", <${next.toString()}>; rel="next"` },
      body: page,
    };
  };
  state.server = await FakeServer.start({ spec, handler });
  return state;
}
