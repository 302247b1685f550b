import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_EVENTS, API_METHOD_NAMES, type ApiEventName, type Result } from '../preload/api.ts';
import { eventChannel, methodChannel } from '../preload/channels.ts';
import { callApi } from './api-dispatch.ts';
import type { EngineHost } from './engine/api.ts';

/**
 * The IPC binding of the API: one handler per contract method, each refusing callers that are not
 * the app's own top-level page (an iframe, a page that somehow navigated elsewhere, a devtools
 * extension), then delegating to the same dispatcher the serve host uses.
 */

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'refused', message: 'This request did not come from the AuditLens window' },
};

export function bindApi(engine: EngineHost, isTrustedSender: SenderCheck): () => void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(methodChannel(method), async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) return REFUSED;
      return callApi(engine, method, args);
    });
  }
  return () => {
    for (const method of API_METHOD_NAMES) ipcMain.removeHandler(methodChannel(method));
  };
}

/**
 * A sender is trusted when it is the main frame of the app window and shows an app URL. Frame
 * identity is compared by process and routing id: WebFrameMain wrappers are not guaranteed to be
 * the same JS object on every access.
 */
export function appFrameCheck(getWindow: () => BrowserWindow | null, isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const win = getWindow();
    const frame = event.senderFrame;
    if (!win || win.isDestroyed() || !frame) return false;
    if (event.sender !== win.webContents) return false;
    const main = win.webContents.mainFrame;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return isAppUrl(frame.url);
  };
}

/** Forwards engine events to the given windows' pages, over the channels the preload listens on. */
export function forwardEvents(engine: EngineHost, targets: () => WebContents[]): () => void {
  const names = Object.keys(API_EVENTS) as ApiEventName[];
  const offs = names.map((name) =>
    engine.on(name, (payload) => {
      for (const contents of targets()) {
        if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
      }
    }),
  );
  return () => offs.forEach((off) => off());
}
