import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SpecValidator } from './openapi.ts';

/**
 * A local fake vendor API on 127.0.0.1: every request is checked against the vendor's spec
 * (violations are answered 400 and recorded in `problems`, which tests expect empty), answered by
 * the vendor's handler, or — when the test asks — misbehaved with: a status (429 with its headers,
 * 500s, a 401), a connection reset halfway through the body, a truncated JSON body with a
 * matching Content-Length, or no answer at all.
 */

export interface FakeRequest {
  /** 1-based number of this request to the server. */
  n: number;
  method: string;
  url: URL;
  path: string;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'hang' }
  /** Answer with exactly what request `of` was answered (a page served again, e.g. in the next window). */
  | { kind: 'replay'; of: number };

export interface FakeOptions {
  spec?: SpecValidator;
  /** Path prefix of the base URL (UbiOps /v2.1), stripped before matching the spec. */
  prefix?: string;
  handler: (r: FakeRequest) => FakeResponse | Promise<FakeResponse>;
  /** Paths the spec does not describe but the vendor serves (Squadcast's token exchange); the handler checks them. */
  unspecified?: (path: string) => boolean;
}

export class FakeServer {
  readonly requests: FakeRequest[] = [];
  readonly problems: string[] = [];
  /** What each request was answered, by request number. */
  readonly answers = new Map<number, FakeResponse>();
  /** The test's misbehaviour plan: asked for every request before the handler. */
  fault: (r: FakeRequest) => Fault | undefined = () => undefined;
  /** Called when a request arrives (tests wait on it). */
  onRequest: (r: FakeRequest) => void = () => undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(opts: FakeOptions): Promise<FakeServer> {
    const holder: { self?: FakeServer } = {};
    const server = createServer((req, res) => {
      if (holder.self) void holder.self.handle(req, res, opts);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const s = new FakeServer(server, `http://127.0.0.1:${port}${opts.prefix ?? ''}`);
    holder.self = s;
    server.on('connection', (sock) => {
      s.sockets.add(sock);
      sock.on('close', () => s.sockets.delete(sock));
    });
    return s;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, opts: FakeOptions): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = opts.prefix ?? '';
    const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const r: FakeRequest = { n: this.requests.length + 1, method: req.method ?? 'GET', url, path, headers, body };
    this.requests.push(r);
    this.onRequest(r);
    const fault = this.fault(r);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'replay') {
      const again = this.answers.get(fault.of);
      if (again) {
        this.answers.set(r.n, again);
        this.send(res, again);
        return;
      }
    }
    if (fault?.kind === 'status') {
      this.send(res, { status: fault.status, headers: fault.headers ?? {}, body: fault.body ?? { error: `fault ${fault.status}` } });
      return;
    }
    const problems = opts.unspecified?.(path) ? [] : (opts.spec?.validate({ method: r.method, path, query: url.searchParams, headers, body }) ?? []);
    let answer: FakeResponse;
    if (problems.length) {
      this.problems.push(...problems.map((p) => `${r.method} ${url.pathname}${url.search}: ${p}`));
      answer = { status: 400, body: { error: problems.join('; ') } };
    } else {
      answer = await opts.handler(r);
      this.answers.set(r.n, answer);
      const shape = opts.spec?.validateResponse(r.method, path, answer.status, answer.body) ?? [];
      this.problems.push(...shape.map((p) => `fake's own answer to ${r.method} ${url.pathname}: ${p}`));
    }
    if (fault?.kind === 'reset') {
      const text = Buffer.from(JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(text.length), ...answer.headers });
      res.write(text.subarray(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
      return;
    }
    if (fault?.kind === 'truncate') {
      const text = Buffer.from(JSON.stringify(answer.body));
      const cut = text.subarray(0, Math.max(1, Math.floor(text.length * 0.6)));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(cut.length), ...answer.headers });
      res.end(cut);
      return;
    }
    this.send(res, answer);
  }

  private send(res: ServerResponse, a: FakeResponse): void {
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(text);
  }

  /** Requests that reached the vendor's handler (not refused by a fault), by path. */
  served(path?: string): FakeRequest[] {
    return this.requests.filter((r) => path === undefined || r.path === path);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
