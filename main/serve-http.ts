import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../preload/api.ts';

/** Small HTTP helpers of the serve host: errors as Results, bounded bodies, the request deadline. */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // The engine speaks numbers, but a stray bigint must not turn a good answer into a 500.
  const text = JSON.stringify(body, (_k, v: unknown) =>
    typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
  );
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ApiError['code'], message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { ok: false, error: { code, message } });
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
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

/** How long a client may take to send a whole request (headers and body). */
export const REQUEST_DEADLINE_MS = 30_000;

export interface Deadline {
  /** For requests that may legitimately take longer (an authenticated upload, guarded otherwise). */
  lift(): void;
}

/**
 * Node's own requestTimeout is server-wide, and would cut off an upload of a large export. This is
 * the same rule per request: a request still incomplete after the deadline loses its connection,
 * so nobody can hold sockets open by trickling a body, before or after being refused.
 */
export function requestDeadline(req: IncomingMessage, ms = REQUEST_DEADLINE_MS): Deadline {
  const timer = setTimeout(() => {
    if (!req.complete) req.socket.destroy();
  }, ms);
  timer.unref();
  // Not cleared when the answer goes out: after a refusal Node keeps reading the body for
  // keep-alive, and a trickled body must still run into the deadline.
  const clear = (): void => clearTimeout(timer);
  req.once('end', clear);
  return { lift: clear };
}
