import type { ApiEventName, ApiMethod } from './api.ts';

/**
 * IPC channel names, shared by the preload (sender) and main/ipc.ts (receiver) so the two can
 * never drift apart. Prefixed so they cannot collide with Electron's own or a library's channels.
 */
export function methodChannel(method: ApiMethod): string {
  return `auditlens:call:${method}`;
}

export function eventChannel(event: ApiEventName): string {
  return `auditlens:event:${event}`;
}
