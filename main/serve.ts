import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { callApi, isApiMethod } from './api-dispatch.ts';
import { withCall } from './engine/query-pool.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import type { EngineHost } from './engine/api.ts';
import { openEventStream } from './serve-events.ts';
import { HttpError, readBody, requestDeadline, sendError, sendJson, type Deadline } from './serve-http.ts';
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
import { createUploadStore, sweepStaleUploads, UploadError } from './serve-upload.ts';

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
  /** Largest file the browser may upload for import (POST /api/upload). */
  maxUploadBytes?: number;
  /** Where uploads are kept while the server runs (a fresh folder inside it); the OS temp dir by default. */
  uploadDir?: string;
  /** Slow-client guards (tests shorten them): whole request, and silence during an upload. */
  requestDeadlineMs?: number;
  uploadIdleMs?: number;
}

export interface ServeHandle {
  url: string;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../out/renderer/', import.meta.url));
const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_MAX_UPLOAD = 8 * 1024 * 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The first page URL carries the token; never let it leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const NEED_TOKEN_PAGE = `<!doctype html><meta charset="utf-8"><title>AuditLens</title>
<p>This AuditLens viewer needs its access link. Open the full URL (with <code>?token=…</code>)
printed by <code>auditlens serve</code> or <code>npm start</code>.</p>`;

export async function startServer(opts: ServeOptions): Promise<ServeHandle> {
  const engine = opts.engine;
  const boundHost = opts.host ?? '127.0.0.1';
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const token = newToken();
  await sweepStaleUploads(opts.uploadDir);
  const streams = new Set<{ close(): void }>();
  const uploads = createUploadStore({
    maxBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD,
    ...(opts.uploadDir ? { parentDir: opts.uploadDir } : {}),
    ...(opts.uploadIdleMs ? { idleMs: opts.uploadIdleMs } : {}),
  });

  // Filled in once listening, when the real port is known; no request is handled before that.
  let hosts = new Set<string>();
  let origins = new Set<string>();
  let cookie = '';

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, deadline: Deadline): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new HttpError(405, 'refused', 'Use POST to upload');
    }
    // A form cannot send this type, so a cross-site form post never gets as far as the disk.
    if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'bad-input', 'Uploads take the file bytes as application/octet-stream');
    }
    // An authenticated upload may take minutes; it is guarded by an idle timeout instead.
    deadline.lift();
    try {
      const file = await uploads.receive(req, url.searchParams.get('name'));
      sendJson(res, 200, { ok: true, value: file });
    } catch (e) {
      if (!(e instanceof UploadError)) throw e;
      // The rest of a refused body is not read; tell the browser the connection ends here.
      res.setHeader('Connection', 'close');
      throw new HttpError(
        e.status,
        e.status === 500 ? 'internal' : e.status === 400 ? 'bad-input' : 'refused',
        e.message,
      );
    }
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
    url: URL,
    deadline: Deadline,
  ): Promise<void> {
    if (name === 'upload') {
      await handleUpload(req, res, url, deadline);
      return;
    }
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
    // A requester that goes away (a newer query for the same view, a closed tab) cancels the
    // call: its running statement is interrupted instead of holding a connection to the end.
    const gone = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) gone.abort();
    };
    res.on('close', onClose);
    try {
      sendJson(res, 200, await withCall(() => callApi(engine, name, args), gone.signal));
    } finally {
      res.off('close', onClose);
    }
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

  async function handle(req: IncomingMessage, res: ServerResponse, deadline: Deadline): Promise<void> {
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
      await handleApi(req, res, pathname.slice('/api/'.length), url, deadline);
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
    const deadline = requestDeadline(req, opts.requestDeadlineMs);
    handle(req, res, deadline).catch((e: unknown) => {
      if (e instanceof HttpError) sendError(res, e.status, e.code, e.message);
      else sendError(res, 500, 'internal', 'Internal server error');
    });
  });
  // Slow-loris guards: headers within 10 s, the whole request within 30 s (requestDeadline, which
  // does what Node's requestTimeout does but can be lifted for an authenticated upload).
  server.requestTimeout = 0;
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
      await uploads.dispose();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}
