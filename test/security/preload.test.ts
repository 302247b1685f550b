import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_EVENTS, API_METHOD_NAMES, type AuditBridge } from '../../preload/api.ts';

const electron = vi.hoisted(() => {
  const exposed: { key: string; api: unknown }[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed,
    listeners,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }),
    },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from-main' })),
      on: (channel: string, l: (...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(l);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: AuditBridge;

beforeAll(async () => {
  await import('../../preload/index.ts');
  bridge = electron.exposed[0]?.api as AuditBridge;
});

describe('preload', () => {
  it('exposes one object, as window.auditlens', () => {
    expect(electron.exposed.map((e) => e.key)).toEqual(['auditlens']);
  });

  it('exposes exactly the contract methods plus on, and nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual([...API_METHOD_NAMES, 'on'].sort());
    for (const key of Object.keys(bridge))
      expect(typeof (bridge as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('does not hand out ipcRenderer or a generic invoke', () => {
    const keys = Object.keys(bridge);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'require', 'process']) {
      expect(keys).not.toContain(forbidden);
    }
  });

  it('sends each method over its own channel with the given arguments', async () => {
    await expect(bridge.getEvents({ filter: 'x', offset: 200, limit: 200 })).resolves.toEqual({
      ok: true,
      value: 'from-main',
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('auditlens:call:getEvents', {
      filter: 'x',
      offset: 200,
      limit: 200,
    });
  });

  it('subscribes to contract events only, passes only the payload, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = bridge.on('case-changed', (info) => seen.push(info));
    const set = electron.listeners.get('auditlens:event:case-changed');
    expect(set?.size).toBe(1);
    const fakeIpcEvent = { sender: { send: () => undefined }, ports: [] };
    for (const l of set ?? []) l(fakeIpcEvent, null);
    expect(seen).toEqual([null]); // the IpcRendererEvent (with its sender) never reaches the page
    off();
    expect(set?.size).toBe(0);
    expect(Object.keys(API_EVENTS)).toContain('case-changed');
  });

  it('refuses to subscribe to anything outside API_EVENTS', () => {
    // @ts-expect-error: not an API event, which is the point
    expect(() => bridge.on('ELECTRON_BROWSER_REQUIRE', () => undefined)).toThrow(/Unknown event/);
    expect(electron.listeners.has('auditlens:event:ELECTRON_BROWSER_REQUIRE')).toBe(false);
  });
});
