import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { API_METHOD_NAMES } from '../../preload/api.ts';
import { createFakeEngine, FAKE_CASE, type FakeEngine } from '../helpers/fake-engine.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { appFrameCheck, bindApi, forwardEvents } = await import('../../main/ipc.ts');
const { isAppUrl } = await import('../../main/app-protocol.ts');

/** The parts of BrowserWindow / WebFrameMain the sender check reads. */
function fakeWindow(url = 'auditlens://app/index.html') {
  const mainFrame = { processId: 4, routingId: 1, url };
  const webContents = { mainFrame, isDestroyed: () => false, send: vi.fn() };
  return { webContents, isDestroyed: () => false };
}

type FakeWindow = ReturnType<typeof fakeWindow>;

function invokeEvent(win: FakeWindow, frame: { processId: number; routingId: number; url: string } | null) {
  return { sender: win.webContents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

let engine: FakeEngine;
let win: FakeWindow;

beforeAll(() => {
  engine = createFakeEngine();
  win = fakeWindow();
  bindApi(
    engine,
    appFrameCheck(
      () => win as unknown as Electron.BrowserWindow,
      (url) => isAppUrl(url, undefined),
    ),
  );
});

function handler(method: string): Handler {
  const h = electron.handlers.get(`auditlens:call:${method}`);
  if (!h) throw new Error(`no handler for ${method}`);
  return h;
}

describe('IPC binding', () => {
  it('registers one handler per contract method and no other', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => `auditlens:call:${m}`).sort());
  });

  it('answers the app main frame with the engine result', async () => {
    await expect(handler('caseInfo')(invokeEvent(win, win.webContents.mainFrame))).resolves.toEqual({
      ok: true,
      value: FAKE_CASE,
    });
  });

  it('refuses a subframe of the app window', async () => {
    const iframe = { processId: 4, routingId: 9, url: 'auditlens://app/index.html' };
    await expect(handler('caseInfo')(invokeEvent(win, iframe))).resolves.toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });

  it('refuses the main frame once it shows a foreign page', async () => {
    const navigated = fakeWindow('https://evil.example/');
    const check = appFrameCheck(
      () => navigated as unknown as Electron.BrowserWindow,
      (url) => isAppUrl(url, undefined),
    );
    expect(check(invokeEvent(navigated, navigated.webContents.mainFrame))).toBe(false);
  });

  it('refuses a sender that is not the app window, and a destroyed frame', async () => {
    const other = fakeWindow();
    await expect(handler('caseInfo')(invokeEvent(other, other.webContents.mainFrame))).resolves.toMatchObject({
      ok: false,
    });
    await expect(handler('caseInfo')(invokeEvent(win, null))).resolves.toMatchObject({ ok: false });
  });

  it('checks argument shapes before the engine sees them', async () => {
    const before = engine.calls.length;
    const r = await handler('checkFilter')(invokeEvent(win, win.webContents.mainFrame), 42);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(engine.calls.length).toBe(before);
  });

  it('forwards engine events to the window over the event channels', () => {
    const off = forwardEvents(engine, () => [win.webContents as unknown as Electron.WebContents]);
    engine.emit('case-changed', null);
    expect(win.webContents.send).toHaveBeenCalledWith('auditlens:event:case-changed', null);
    off();
  });
});

describe('app URL check', () => {
  it.each([
    ['auditlens://app/index.html', true],
    ['auditlens://other/index.html', false],
    ['file:///etc/passwd', false],
    ['https://app/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url, undefined)).toBe(expected);
  });

  it('trusts the dev server only when one is configured', () => {
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
