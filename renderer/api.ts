import type { AuditBridge } from '../preload/api.ts';
import { createHttpBridge } from './http-bridge.ts';
import { takeTokenFromUrl } from './page-token.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served to a browser. */
    auditlens?: AuditBridge;
  }
}

function pickBridge(): AuditBridge {
  if (window.auditlens) return window.auditlens;
  const token = takeTokenFromUrl(window.location, window.history);
  return createHttpBridge({ apiBase: new URL('/api/', window.location.origin).href, token });
}

/** The only way the renderer reaches the engine, whichever host it runs in. */
export const api: AuditBridge = pickBridge();
