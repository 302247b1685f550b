import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveStaticFile } from './serve-static.ts';

/**
 * The built renderer is served from a private `auditlens://app/` origin rather than file://, so
 * the page gets a real origin for CSP 'self', cannot read arbitrary local files, and the sender
 * check in ipc.ts has a URL nobody else can produce.
 */
export const APP_SCHEME = 'auditlens';
export const APP_HOST = 'app';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

export function serveRenderer(session: Session, rendererDir: string, csp: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file =
      url.host === APP_HOST ? await resolveStaticFile(rendererDir, url.pathname, { followSymlinks: false }) : null;
    if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    return new Response(await readFile(file), {
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/** True for pages of the app itself: the built renderer, or the Vite dev server in development. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node gives non-special schemes an origin of "null", so compare scheme and host directly.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
}
