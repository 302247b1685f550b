import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import { EngineError } from '../../errors.ts';
import { backoffMs, fmtWait, isRateLimited, rateLimitWait, remaining, resetMs, type RateLimitRules } from './rate-limit.ts';
import { Secrets, stripUserInfo } from './redact.ts';

/**
 * The one HTTP layer every collector uses: Node's fetch (undici) with timeouts, jittered retries
 * on 5xx and network errors, waits on 429 and vendor rate-limit headers, a request budget, cancel,
 * TLS verification that nothing can switch off, and the proxy from HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY. It knows nothing about vendors beyond the rate-limit rules it is handed.
 */

export interface HttpOptions {
  /** Whole request, body included. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Further attempts after a 5xx, a network error or a body that is not complete JSON. */
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Rate-limit waits allowed for one request, and the longest single wait; beyond either the pull stops (resumable). */
  maxRateWaits: number;
  maxWaitMs: number;
  /** Most requests this client may send (every attempt counts); null = unlimited. */
  budget: number | null;
  /** Extra trusted CA certificates (PEM), for on-premises hosts with a private CA; the public roots stay trusted. */
  caCerts: string[];
  /** Where proxy variables are read from. */
  env: Record<string, string | undefined>;
  maxBodyBytes: number;
  userAgent: string;
  /** Clock and randomness, replaceable by tests (waits then resolve at once but are still reported). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Set when the caller asked for JSON. */
  json?: unknown;
  fetchedAt: Date;
  elapsedMs: number;
  attempts: number;
}

export type HttpEvent =
  | { type: 'request'; method: string; url: string }
  | { type: 'retry'; attempt: number; reason: string; waitMs: number }
  | { type: 'wait'; reason: string; waitMs: number };

export type RemoteKind = 'network' | 'tls' | 'status' | 'budget' | 'rate-limited' | 'bad-response' | 'refused-url';

/** A failure talking to a vendor: what went wrong, phrased for an investigator, secrets removed. */
export class RemoteError extends EngineError {
  constructor(
    readonly kind: RemoteKind,
    message: string,
    readonly status?: number,
  ) {
    super('remote', message);
  }
}

export const DEFAULT_HTTP: Omit<HttpOptions, 'env'> = {
  timeoutMs: 120_000,
  connectTimeoutMs: 20_000,
  retries: 6,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxRateWaits: 50,
  maxWaitMs: 15 * 60_000,
  budget: null,
  caCerts: [],
  maxBodyBytes: 256 * 1024 * 1024,
  userAgent: 'AuditLens',
  sleep: abortableSleep,
  now: () => Date.now(),
  random: Math.random,
};

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EngineError('cancelled', 'cancelled'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new EngineError('cancelled', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|HOSTNAME|DEPTH_ZERO/;

function errorChain(e: unknown): { code?: string; message: string }[] {
  const out: { code?: string; message: string }[] = [];
  let cur: unknown = e;
  for (let i = 0; cur && i < 5; i++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown };
    out.push({ ...(typeof err.code === 'string' ? { code: err.code } : {}), message: String(err.message ?? cur) });
    cur = err.cause;
  }
  return out;
}

/** Why a request failed at the network level, in words. */
function describeNetworkError(e: unknown): { tls: boolean; text: string } {
  const chain = errorChain(e);
  const tls = chain.find((c) => c.code && TLS_CODES.test(c.code));
  if (tls) return { tls: true, text: `TLS certificate not accepted (${tls.code}: ${tls.message})` };
  const coded = chain.find((c) => c.code && c.code !== 'UND_ERR_SOCKET');
  const socket = chain.find((c) => c.code === 'UND_ERR_SOCKET' || /other side closed|terminated|socket hang up/i.test(c.message));
  if (coded?.code === 'ECONNRESET' || socket) return { tls: false, text: 'connection reset by the server' };
  if (coded?.code === 'ECONNREFUSED') return { tls: false, text: 'connection refused' };
  if (coded?.code === 'ENOTFOUND' || coded?.code === 'EAI_AGAIN') return { tls: false, text: `host not found (${coded.code})` };
  if (coded?.code === 'UND_ERR_CONNECT_TIMEOUT') return { tls: false, text: 'no connection within the connect timeout' };
  if (coded?.code === 'UND_ERR_HEADERS_TIMEOUT' || coded?.code === 'UND_ERR_BODY_TIMEOUT') return { tls: false, text: 'the server stopped answering' };
  const last = chain[chain.length - 1];
  return { tls: false, text: (coded ? `${coded.code}: ${coded.message}` : last?.message) ?? 'network error' };
}

export function headersObject(h: { forEach(cb: (value: string, key: string) => void): void }): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** Plain http:// would send the token in clear text; only loopback (tests, local tunnels) may use it. */
export function checkUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new RemoteError('refused-url', `not a valid URL: ${raw}`);
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && isLoopback(u.hostname)) return u;
  if (u.protocol === 'http:') throw new RemoteError('refused-url', `refusing plain http:// to ${u.host}: credentials would travel unencrypted; use https://`);
  throw new RemoteError('refused-url', `unsupported URL scheme ${u.protocol} (use https://)`);
}

export class HttpClient {
  readonly opts: HttpOptions;
  private readonly dispatcher: Dispatcher;
  private sent = 0;
  /** When the vendor said its window is used up: no request before this time. */
  private blockedUntil = 0;
  private blockedWhy = '';

  constructor(
    opts: Partial<HttpOptions> & { env: Record<string, string | undefined> },
    private readonly secrets: Secrets,
    private readonly rules: RateLimitRules | undefined,
    private readonly onEvent: (e: HttpEvent) => void = () => undefined,
    private readonly signal?: AbortSignal,
  ) {
    this.opts = { ...DEFAULT_HTTP, ...opts };
    const env = this.opts.env;
    const pick = (k: string): string | undefined => env[k] ?? env[k.toLowerCase()];
    // Verification is stated explicitly on every TLS hop, so NODE_TLS_REJECT_UNAUTHORIZED=0 in the
    // environment cannot switch it off for a pull.
    const tls = {
      rejectUnauthorized: true,
      ...(this.opts.caCerts.length ? { ca: [...rootCertificates, ...this.opts.caCerts] } : {}),
    };
    const httpProxy = pick('HTTP_PROXY');
    const httpsProxy = pick('HTTPS_PROXY');
    const noProxy = pick('NO_PROXY');
    this.dispatcher = new EnvHttpProxyAgent({
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      ...(noProxy !== undefined ? { noProxy } : {}),
      connect: { ...tls, timeout: this.opts.connectTimeoutMs },
      requestTls: tls,
      proxyTls: tls,
      headersTimeout: this.opts.timeoutMs,
      bodyTimeout: this.opts.timeoutMs,
    });
    for (const p of [httpProxy, httpsProxy]) {
      if (p) {
        try {
          const u = new URL(p);
          this.secrets.add(decodeURIComponent(u.password));
        } catch {
          // Not a URL: undici refuses it on first use, and the message is redacted below.
        }
      }
    }
  }

  get requestsSent(): number {
    return this.sent;
  }

  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }

  private async wait(ms: number, reason: string): Promise<void> {
    this.onEvent({ type: 'wait', reason, waitMs: ms });
    await this.opts.sleep(ms, this.signal);
  }

  private cancelled(): EngineError {
    return new EngineError('cancelled', 'pull cancelled');
  }

  /** One attempt: the response with its whole body, or a thrown network error. */
  private async attempt(req: HttpRequest): Promise<{ res: Omit<HttpResponse, 'attempts' | 'json'> }> {
    const started = this.opts.now();
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
    const res = await fetch(req.url, {
      method: req.method,
      headers: { 'user-agent': this.opts.userAgent, accept: 'application/json', ...req.headers },
      ...(req.body !== undefined ? { body: req.body } : {}),
      dispatcher: this.dispatcher,
      signal,
      redirect: 'error',
    });
    const parts: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > this.opts.maxBodyBytes) {
          await res.body.cancel().catch(() => undefined);
          throw new RemoteError('bad-response', `response body over ${Math.round(this.opts.maxBodyBytes / 1048576)} MB; refused`);
        }
        parts.push(Buffer.from(chunk));
      }
    }
    return {
      res: {
        status: res.status,
        statusText: res.statusText,
        headers: headersObject(res.headers),
        body: Buffer.concat(parts),
        fetchedAt: new Date(started),
        elapsedMs: Math.round(this.opts.now() - started),
      },
    };
  }

  /**
   * Sends a request until it gets an answer worth returning: any 2xx (with complete JSON when
   * asked), or a 4xx other than a rate limit (the caller reads the vendor's message). 5xx,
   * network errors and incomplete bodies are retried with backoff; rate limits are waited out.
   */
  async request(reqIn: HttpRequest, opts: { json?: boolean } = {}): Promise<HttpResponse> {
    const url = checkUrl(reqIn.url);
    const req = { ...reqIn, url: url.toString() };
    const shown = `${req.method} ${this.secrets.url(req.url)}`;
    let failures = 0;
    let rateWaits = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.signal?.aborted) throw this.cancelled();
      const now = this.opts.now();
      if (this.blockedUntil > now) await this.wait(this.blockedUntil - now, this.blockedWhy);
      if (this.opts.budget !== null && this.sent >= this.opts.budget) {
        throw new RemoteError('budget', `request budget of ${this.opts.budget} used; resume the pull to continue`);
      }
      this.sent++;
      this.onEvent({ type: 'request', method: req.method, url: this.secrets.url(req.url) });
      let res: Omit<HttpResponse, 'attempts' | 'json'>;
      try {
        ({ res } = await this.attempt(req));
      } catch (e) {
        if (this.signal?.aborted) throw this.cancelled();
        if (e instanceof RemoteError) throw e;
        const why = describeNetworkError(e);
        const text = /aborted|timeout/i.test(String((e as Error)?.name) + String((e as Error)?.message)) && !why.tls
          ? `no complete answer within ${fmtWait(this.opts.timeoutMs)}`
          : why.text;
        if (why.tls) {
          throw new RemoteError('tls', this.secrets.redact(stripUserInfo(`${shown}: ${text}. AuditLens always verifies TLS; for a private CA pass its certificate (--ca-file)`)));
        }
        failures++;
        if (failures > this.opts.retries) {
          throw new RemoteError('network', this.secrets.redact(stripUserInfo(`${shown}: ${text} (gave up after ${failures} tries)`)));
        }
        const ms = backoffMs(failures, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
        this.onEvent({ type: 'retry', attempt: failures, reason: this.secrets.redact(stripUserInfo(text)), waitMs: ms });
        await this.opts.sleep(ms, this.signal);
        continue;
      }
      this.noteLimits(res.headers);
      if (isRateLimited(res.status, res.headers, this.rules)) {
        rateWaits++;
        const asked = rateLimitWait(res.headers, this.rules, this.opts.now());
        const ms = asked?.ms ?? backoffMs(rateWaits, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
        const reason = `${res.status} rate limited${asked ? ` (${asked.why})` : ''}`;
        if (ms > this.opts.maxWaitMs || rateWaits > this.opts.maxRateWaits) {
          throw new RemoteError(
            'rate-limited',
            this.secrets.redact(`${shown}: ${reason}; the wait of ${fmtWait(ms)} is longer than allowed — resume the pull later`),
            res.status,
          );
        }
        await this.wait(ms, reason);
        continue;
      }
      if (res.status >= 500 || res.status === 408) {
        failures++;
        const reason = `${res.status} ${res.statusText || 'server error'}`;
        if (failures > this.opts.retries) {
          throw new RemoteError('status', this.secrets.redact(`${shown}: ${reason} (gave up after ${failures} tries)`), res.status);
        }
        const asked = rateLimitWait(res.headers, undefined, this.opts.now());
        const ms = asked?.ms ?? backoffMs(failures, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
        this.onEvent({ type: 'retry', attempt: failures, reason, waitMs: ms });
        await this.opts.sleep(ms, this.signal);
        continue;
      }
      let json: unknown;
      if (opts.json && res.status >= 200 && res.status < 300) {
        try {
          json = JSON.parse(res.body.toString('utf8'));
        } catch (e) {
          failures++;
          const reason = `the body is not complete JSON (${res.body.length} bytes: ${(e as Error).message})`;
          if (failures > this.opts.retries) {
            throw new RemoteError('bad-response', `${shown}: ${reason} (gave up after ${failures} tries)`, res.status);
          }
          const ms = backoffMs(failures, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
          this.onEvent({ type: 'retry', attempt: failures, reason, waitMs: ms });
          await this.opts.sleep(ms, this.signal);
          continue;
        }
      }
      return { ...res, ...(json !== undefined ? { json } : {}), attempts: attempt };
    }
  }

  /** A response saying the window is used up blocks the next request until the reset. */
  private noteLimits(headers: Record<string, string>): void {
    if (remaining(headers, this.rules) !== 0) return;
    const ms = resetMs(headers, this.rules, this.opts.now());
    if (ms === undefined || ms <= 0) return;
    this.blockedUntil = this.opts.now() + Math.min(ms, this.opts.maxWaitMs);
    this.blockedWhy = `rate limit used up (${this.rules?.remainingHeader} 0), waiting for ${this.rules?.resetHeader}`;
  }
}
