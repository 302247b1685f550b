import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  API_EVENTS,
  API_METHOD_NAMES,
  type ApiEventName,
  type ApiMethod,
  type AuditApi,
  type AuditBridge,
  type AuditEvents,
  type Result,
} from './api.ts';
import { eventChannel, methodChannel } from './channels.ts';
import { installFileDrop } from './drop.ts';

/**
 * The preload: builds window.auditlens from the contract's method and event lists and exposes
 * nothing else. No ipcRenderer, no generic invoke(channel): the page can call exactly the API
 * methods and listen to exactly the API events, whatever script ends up running in it.
 */

const methods: Partial<Record<ApiMethod, (...args: unknown[]) => Promise<Result<unknown>>>> = {};
for (const method of API_METHOD_NAMES) {
  const channel = methodChannel(method);
  methods[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>;
}

function on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void {
  if (!Object.hasOwn(API_EVENTS, event)) throw new Error(`Unknown event ${String(event)}`);
  const channel = eventChannel(event);
  // The IpcRendererEvent (with its sender) stays here; the page only ever sees the payload.
  const handler = (_e: IpcRendererEvent, payload: AuditEvents[E]): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

// Main implements exactly the contract's Results on these channels, so the record is an AuditApi.
const bridge: AuditBridge = { ...(methods as AuditApi), on };

contextBridge.exposeInMainWorld('auditlens', bridge);

// Drops are handled here, not in the page: only the preload can turn a dropped File into a path.
// Nothing is exposed for it; the import runs over the same channel as the API's importFiles.
if (typeof window !== 'undefined') {
  installFileDrop(
    window,
    (file) => webUtils.getPathForFile(file),
    (paths) => void ipcRenderer.invoke(methodChannel('importFiles'), { paths }),
  );
}
