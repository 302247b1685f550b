import { describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES } from '../../preload/api.ts';
import { createHttpBridge, type EventSourceLike } from '../../renderer/http-bridge.ts';
import { takeTokenFromUrl } from '../../renderer/page-token.ts';

const API = 'http://127.0.0.1:4000/api/';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, Set<(e: MessageEvent<string>) => void>>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, l: (e: MessageEvent<string>) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(l);
    this.listeners.set(type, set);
  }
  removeEventListener(type: string, l: (e: MessageEvent<string>) => void): void {
    this.listeners.get(type)?.delete(l);
  }
  close(): void {
    this.closed = true;
  }
  dispatch(type: string, data: string): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }));
  }
}

describe('HTTP bridge', () => {
  it('has exactly the contract methods plus on', () => {
    const bridge = createHttpBridge({ apiBase: API, token: 't', fetch: vi.fn<typeof fetch>() });
    expect(Object.keys(bridge).sort()).toEqual([...API_METHOD_NAMES, 'on'].sort());
  });

  it('POSTs the arguments as a JSON array with the bearer token', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, { ok: true, value: 7 }));
    const bridge = createHttpBridge({ apiBase: API, token: 'secret', fetch });
    await expect(bridge.countEvents({ filter: "actor = 'a'" })).resolves.toEqual({ ok: true, value: 7 });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(`${API}countEvents`);
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(JSON.stringify([{ filter: "actor = 'a'" }]));
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer secret');
  });

  it('relies on the cookie (no Authorization header) when it has no token', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, { ok: true, value: null }));
    await createHttpBridge({ apiBase: API, token: null, fetch }).closeCase();
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).has('authorization')).toBe(false);
  });

  it('passes error Results from the server through unchanged', async () => {
    const error = { code: 'bad-filter', message: 'unknown column x', position: 0 };
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, { ok: false, error }));
    const r = await createHttpBridge({ apiBase: API, token: 't', fetch }).checkFilter('x = 1');
    expect(r).toEqual({ ok: false, error });
  });

  it('turns a network failure into a Result instead of throwing', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const r = await createHttpBridge({ apiBase: API, token: 't', fetch }).caseInfo();
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a non-JSON answer into a Result', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('<html>proxy error</html>', { status: 502 }));
    const r = await createHttpBridge({ apiBase: API, token: 't', fetch }).caseInfo();
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('shares one EventSource between listeners, carries the token, and closes after the last', () => {
    FakeEventSource.opened = [];
    const bridge = createHttpBridge({
      apiBase: API,
      token: 'tok',
      fetch: vi.fn<typeof fetch>(),
      openEventSource: (url) => new FakeEventSource(url),
    });
    const seen: unknown[] = [];
    const off1 = bridge.on('case-changed', (info) => seen.push(info));
    const off2 = bridge.on('import-done', (s) => seen.push(s.importId));
    expect(FakeEventSource.opened).toHaveLength(1);
    const source = FakeEventSource.opened[0] as FakeEventSource;
    expect(new URL(source.url).searchParams.get('token')).toBe('tok');

    source.dispatch('case-changed', 'null');
    source.dispatch('import-done', JSON.stringify({ importId: 'i1', batches: [], eventsTotal: 0, cancelled: false }));
    source.dispatch('import-done', '{not json');
    expect(seen).toEqual([null, 'i1']);

    off1();
    expect(source.closed).toBe(false);
    off2();
    off2(); // a second call must not unbalance the count
    expect(source.closed).toBe(true);
  });

  it('refuses events that are not in the contract', () => {
    const bridge = createHttpBridge({ apiBase: API, token: 't', fetch: vi.fn<typeof fetch>() });
    // @ts-expect-error: not an API event, which is the point
    expect(() => bridge.on('shell-exec', () => undefined)).toThrow(/Unknown event/);
  });
});

describe('page token', () => {
  it('takes the token from the URL and removes it from the address bar', () => {
    const replaceState = vi.fn();
    const token = takeTokenFromUrl(
      { href: 'http://127.0.0.1:4000/?token=abc&view=x#row' },
      { replaceState, state: null },
    );
    expect(token).toBe('abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?view=x#row');
  });

  it('leaves the URL alone when there is no token (a reload authenticated by cookie)', () => {
    const replaceState = vi.fn();
    expect(takeTokenFromUrl({ href: 'http://127.0.0.1:4000/' }, { replaceState, state: null })).toBeNull();
    expect(replaceState).not.toHaveBeenCalled();
  });
});
