import {
  API_EVENTS,
  API_METHOD_NAMES,
  type ApiError,
  type ApiEventName,
  type ApiMethod,
  type AuditApi,
  type AuditBridge,
  type AuditEvents,
  type Result,
} from '../preload/api.ts';

/**
 * The renderer's bridge when it runs in a browser against the serve host: the same AuditBridge
 * the preload exposes in Electron, built from the same API_METHOD_NAMES, so the app cannot tell
 * the two apart. Every failure (network, HTTP status, bad JSON) comes back as a Result, never a throw.
 */

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  removeEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpBridgeOptions {
  /** Absolute URL of the API root, ending in `/` (e.g. `http://127.0.0.1:5173/api/`). */
  apiBase: string;
  /** Null after a reload: the HttpOnly cookie authenticates instead. */
  token: string | null;
  fetch?: typeof fetch;
  openEventSource?: (url: string) => EventSourceLike;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** The signal handed to the next call started inside `withAbort` (calls capture it synchronously). */
let nextSignal: AbortSignal | undefined;

/**
 * Runs `f`, whose API call is aborted when `signal` is: a view that asks again (or goes away)
 * cancels its older request, and the serve host interrupts the query behind it. The desktop
 * bridge ignores the signal (its answer is dropped by the caller instead).
 */
export function withAbort<T>(signal: AbortSignal, f: () => T): T {
  nextSignal = signal;
  try {
    return f();
  } finally {
    nextSignal = undefined;
  }
}

export function createHttpBridge(opts: HttpBridgeOptions): AuditBridge {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const openEventSource = opts.openEventSource ?? ((url: string) => new EventSource(url));

  async function call(method: ApiMethod, args: unknown[]): Promise<Result<unknown>> {
    const signal = nextSignal;
    nextSignal = undefined;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let response: Response;
    try {
      response = await doFetch(new URL(method, opts.apiBase).href, {
        method: 'POST',
        headers,
        body: JSON.stringify(args),
        credentials: 'same-origin',
        cache: 'no-store',
        ...(signal ? { signal } : {}),
      });
    } catch {
      if (signal?.aborted) return failure('cancelled', 'The request was cancelled: a newer one replaced it');
      return failure('internal', 'The AuditLens server is not reachable. Is `auditlens serve` still running?');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (signal?.aborted) return failure('cancelled', 'The request was cancelled: a newer one replaced it');
      return failure('internal', `The server answered ${response.status} without a readable body`);
    }
    if (isResult(body)) return body;
    if (response.status === 401 || response.status === 403) {
      return failure('refused', 'The server refused the request; reopen the viewer with the link it printed');
    }
    return failure('internal', `Unexpected answer from the server (HTTP ${response.status})`);
  }

  const methods: Partial<Record<ApiMethod, (...args: unknown[]) => Promise<Result<unknown>>>> = {};
  for (const method of API_METHOD_NAMES) methods[method] = (...args: unknown[]) => call(method, args);

  // One EventSource for all listeners, opened on the first subscription, closed after the last.
  let source: EventSourceLike | null = null;
  let listenerCount = 0;

  function on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void {
    if (!Object.hasOwn(API_EVENTS, event)) throw new Error(`Unknown event ${String(event)}`);
    if (!source) {
      const url = new URL('events', opts.apiBase);
      if (opts.token) url.searchParams.set('token', opts.token);
      source = openEventSource(url.href);
    }
    const current = source;
    const handler = (message: MessageEvent<string>): void => {
      let payload: AuditEvents[E];
      try {
        payload = JSON.parse(message.data) as AuditEvents[E];
      } catch {
        return; // A malformed frame is dropped; the next state change resends everything needed.
      }
      listener(payload);
    };
    current.addEventListener(event, handler);
    listenerCount += 1;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      current.removeEventListener(event, handler);
      listenerCount -= 1;
      if (listenerCount === 0 && source === current) {
        current.close();
        source = null;
      }
    };
  }

  // The wire carries exactly the contract's Results, so the built record is an AuditApi.
  return { ...(methods as AuditApi), on };
}
