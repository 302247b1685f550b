import type { AuditBridge } from '../preload/api.ts';
import { createHttpBridge } from './http-bridge.ts';
import { takeTokenFromUrl } from './page-token.ts';
import { createUploader, type UploadFn } from './upload.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served to a browser. */
    auditlens?: AuditBridge;
  }
}

interface Host {
  api: AuditBridge;
  /** Browser only: files reach the engine by upload. In the desktop app they are imported by path. */
  upload: UploadFn | null;
}

function pickHost(): Host {
  if (window.auditlens) return { api: window.auditlens, upload: null };
  const token = takeTokenFromUrl(window.location, window.history);
  const apiBase = new URL('/api/', window.location.origin).href;
  return { api: createHttpBridge({ apiBase, token }), upload: createUploader({ apiBase, token }) };
}

const host = pickHost();

/** The only way the renderer reaches the engine, whichever host it runs in. */
export const api: AuditBridge = host.api;

/** Upload for import, in the browser; null in the desktop app (which has paths and menus instead). */
export const upload: UploadFn | null = host.upload;

export const isDesktop = upload === null;
