import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_EVENTS, type ApiEventName, type AuditBridge } from '../preload/api.ts';

const EVENT_NAMES = Object.keys(API_EVENTS) as ApiEventName[];

/** Proxies and idle timeouts drop silent connections; a comment line every so often keeps it open. */
const HEARTBEAT_MS = 15_000;

/**
 * Streams engine events to one browser tab as Server-Sent Events. EventSource reconnects by
 * itself, so a dropped stream costs nothing but the events sent while it was down (the renderer
 * refetches state on `case-changed` anyway).
 */
export function openEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  source: Pick<AuditBridge, 'on'>,
): { close(): void } {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write('retry: 2000\n\n');

  const offs = EVENT_NAMES.map((name) =>
    source.on(name, (payload) => {
      // JSON.stringify escapes newlines, so one `data:` line always holds the whole payload.
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const off of offs) off();
    res.end();
  };
  req.on('close', close);
  return { close };
}
