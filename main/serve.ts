import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ApiError } from '../preload/api.ts';
import { callApi, isApiMethod } from './api-dispatch.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import type { EngineHost } from './engine/api.ts';
import { openEventStream } from './serve-events.ts';
import {
  allowedHostHeaders,
  allowedOrigins,
  bearerToken,
  cookieName,
  cookieToken,
  displayHost,
  newToken,
  tokenMatches,
} from './serve-guard.ts';
import { contentTypeFor, resolveStaticFile } from './serve-static.ts';

/**
 * The serve host: the renderer and the API over HTTP on loopback, for machines without an
 * Electron runtime and for end-to-end tests in a real Chromium. A product feature, so it is
 * locked down like one (see serve-guard.ts for why each check exists).
 */

export interface ServeOptions {
  engine: EngineHost;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default; `0.0.0.0` exposes the case to the network and should be a deliberate choice. */
  host?: string;
  /** The built renderer (`out/renderer`). */
  rendererDir?: string;
  /** Extra host names the Host header may carry (e.g. a workstation's DNS name). */
  allowedHostNames?: string[];
  /** Largest accepted request body. API arguments are small; 1 MiB is generous. */
  maxBodyBytes?: number;
}

export interface ServeHandle {
  url: string;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../out/renderer/', import.meta.url));
const DEFAULT_MAX_BODY = 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The first page URL carries the token; never let it leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // The engine speaks numbers, but a stray bigint must not turn a good answer into a 500.
  const text = JSON.stringify(body, (_k, v: unknown) =>
    typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
  );
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ApiError['code'], message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { ok: false, error: { code, message } });
}

const NEED_TOKEN_PAGE = `<!doctype html><meta charset="utf-8"><title>AuditLens</title>
<p>This AuditLens viewer needs its access link. Open the full URL (with <code>?token=…</code>)
printed by <code>auditlens serve</code> or <code>npm start</code>.</p>`;

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, 'refused', 'Request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, 'refused', 'Request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startServer(opts: ServeOptions): Promise<ServeHandle> {
  const engine = opts.engine;
  const boundHost = opts.host ?? '127.0.0.1';
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const token = newToken();
  const streams = new Set<{ close(): void }>();

  // Filled in once listening, when the real port is known; no request is handled before that.
  let hosts = new Set<string>();
  let origins = new Set<string>();
  let cookie = '';

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (name === 'events') {
      if (req.method !== 'GET') throw new HttpError(405, 'refused', 'Use GET for the event stream');
      const stream = openEventStream(req, res, engine);
      streams.add(stream);
      req.on('close', () => streams.delete(stream));
      return;
    }
    if (!isApiMethod(name)) throw new HttpError(404, 'not-found', `No API method named ${JSON.stringify(name)}`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new HttpError(405, 'refused', 'Use POST for API calls');
    }
    // Requiring JSON also keeps plain HTML forms (which cannot send it) from reaching the API.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'bad-input', 'API calls take a JSON array of arguments');
    }
    const text = await readBody(req, maxBody);
    let args: unknown;
    try {
      args = text === '' ? [] : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'bad-input', 'The request body is not valid JSON');
    }
    if (!Array.isArray(args))
      throw new HttpError(400, 'bad-input', 'The request body must be a JSON array of arguments');
    sendJson(res, 200, await callApi(engine, name, args));
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      throw new HttpError(405, 'refused', 'Method not allowed');
    }
    const file = await resolveStaticFile(rendererDir, pathname);
    if (!file) {
      if (pathname === '/' || pathname === '/index.html') {
        throw new HttpError(
          503,
          'not-found',
          `The viewer is not built (no ${rendererDir}); run npm run build:renderer`,
        );
      }
      throw new HttpError(404, 'not-found', 'Not found');
    }
    const info = await stat(file);
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'Content-Length': info.size,
      // The page must always be revalidated so a rebuilt viewer is picked up; it is tiny anyway.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);

    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(host)) throw new HttpError(403, 'refused', 'Host not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin.toLowerCase())) {
      throw new HttpError(403, 'refused', 'Origin not allowed');
    }

    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      throw new HttpError(400, 'bad-input', 'Bad request URL');
    }
    const pathname = url.pathname;
    const isPage = pathname === '/' || pathname === '/index.html';
    // Another site may link to the viewer (the user pasted the link into a web chat), but it may
    // not make the browser fetch from it: subresource and script requests must be same-origin.
    const navigating = req.headers['sec-fetch-mode'] === 'navigate' && isPage;
    if (req.headers['sec-fetch-site'] === 'cross-site' && !navigating) {
      throw new HttpError(403, 'refused', 'Cross-site request refused');
    }
    const isApi = pathname.startsWith('/api/');
    const queryToken = url.searchParams.get('token');
    // The query token is accepted only where nothing else can carry it: the first page load and
    // EventSource (which cannot set headers). Elsewhere it would end up in logs and history.
    const queryAllowed = isPage || pathname === '/api/events';
    const authed =
      tokenMatches(token, bearerToken(req)) ||
      tokenMatches(token, cookieToken(req, cookie)) ||
      (queryAllowed && tokenMatches(token, queryToken));

    if (!authed) {
      if (isPage && queryToken === null) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(NEED_TOKEN_PAGE);
        return;
      }
      throw new HttpError(401, 'refused', 'Missing or wrong access token');
    }

    if (isApi) {
      await handleApi(req, res, pathname.slice('/api/'.length));
      return;
    }
    if (isPage && queryToken !== null) {
      // Later requests (assets, reloads after the renderer strips the token from the address bar)
      // authenticate with this cookie. Strict SameSite: no other site can make the browser send it.
      res.setHeader('Set-Cookie', `${cookie}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    }
    await handleStatic(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) sendError(res, e.status, e.code, e.message);
      else sendError(res, 500, 'internal', 'Internal server error');
    });
  });
  // Slow-loris guard; the SSE stream is exempt because it is a response, not a request.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, boundHost, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHostHeaders(boundHost, port, opts.allowedHostNames);
  origins = allowedOrigins(hosts);
  cookie = cookieName(port);

  return {
    url: `http://${displayHost(boundHost)}:${port}/?token=${token}`,
    token,
    close: async () => {
      for (const stream of streams) stream.close();
      streams.clear();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}
