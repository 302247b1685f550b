import { loadSpec, SpecValidator } from './openapi.ts';
import { FakeServer, type FakeRequest, type FakeResponse } from './server.ts';

/**
 * Fake GitHub audit log per github-audit-log.DERIVED.yaml: org and enterprise paths, Bearer
 * token, `phrase` with `created:FROM..TO` (inclusive dates) and `action:` qualifiers, include
 * web|git|all (default web), order, per_page ≤ 100, an opaque `after` cursor in the Link header
 * while more remain. Rate-limit headers on every answer.
 */

export interface GithubEvent {
  '@timestamp': number;
  created_at: number;
  _document_id: string;
  action: string;
  actor: string;
  actor_id: number;
  actor_ip: string;
  org: string;
  repo?: string;
  user?: string;
  /** web or git (not part of the answer). */
  kind?: 'web' | 'git';
}

export function githubEvent(i: number, ms: number, kind: 'web' | 'git' = 'web'): GithubEvent {
  return {
    '@timestamp': ms,
    created_at: ms,
    _document_id: `doc-${String(i).padStart(8, '0')}`,
    action: kind === 'git' ? 'git.clone' : i % 4 === 0 ? 'repo.create' : 'org.update_member',
    actor: i % 10 === 0 ? 'dependabot[bot]' : `octo${i % 6}`,
    actor_id: 100 + (i % 6),
    actor_ip: `198.51.100.${i % 200}`,
    org: 'acme',
    ...(i % 4 === 0 ? { repo: `acme/repo-${i}` } : { user: `member${i % 9}` }),
    kind,
  };
}

export interface FakeGithub {
  server: FakeServer;
  events: GithubEvent[];
  /** A sloppy server: answers this much before the created: range too. */
  slackMs: number;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export async function startFakeGithub(opts: { events: GithubEvent[]; token: string }): Promise<FakeGithub> {
  const spec = new SpecValidator(loadSpec('github-audit-log.DERIVED.yaml'));
  const state: FakeGithub = { server: undefined as unknown as FakeServer, events: [...opts.events], slackMs: 0, close: async () => state.server.close() };
  const rate = (): Record<string, string> => ({ 'x-ratelimit-limit': '1750', 'x-ratelimit-remaining': '1700', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600) });
  const handler = (r: FakeRequest): FakeResponse => {
    if (r.headers['authorization'] !== `Bearer ${opts.token}`) return { status: 401, headers: rate(), body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
    const m = /^\/(orgs|enterprises)\/([^/]+)\/audit-log$/.exec(r.path);
    if (!m || m[2] !== 'acme') return { status: 404, headers: rate(), body: { message: 'Not Found' } };
    const q = r.url.searchParams;
    const phrase = q.get('phrase') ?? '';
    const created = /created:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})/.exec(phrase);
    const from = (created ? Date.parse(`${created[1]}T00:00:00Z`) : Date.now() - 90 * DAY) - state.slackMs;
    const to = created ? Date.parse(`${created[2]}T00:00:00Z`) + DAY : Infinity;
    const action = /action:(\S+)/.exec(phrase)?.[1];
    const include = q.get('include') ?? 'web';
    const size = Number(q.get('per_page') ?? 30);
    const asc = q.get('order') === 'asc';
    const key = (e: GithubEvent): string => `${String(e['@timestamp']).padStart(15, '0')}|${e._document_id}`;
    let list = state.events
      .filter((e) => e['@timestamp'] >= from && e['@timestamp'] < to && (include === 'all' || (e.kind ?? 'web') === include) && (!action || e.action === action))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
    if (!asc) list.reverse();
    const after = q.get('after');
    if (after) {
      const k = Buffer.from(after, 'base64url').toString('utf8');
      list = list.filter((e) => (asc ? key(e) > k : key(e) < k));
    }
    const page = list.slice(0, size);
    const headers = rate();
    if (list.length > size) {
      const next = new URL(r.url.toString());
      next.host = new URL(state.server.url).host;
      next.searchParams.set('after', Buffer.from(key(page[page.length - 1] as GithubEvent)).toString('base64url'));
      headers['link'] = `<${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: page.map(({ kind: _k, ...rest }) => rest) };
  };
  state.server = await FakeServer.start({ spec, handler });
  return state;
}
