import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = (event: { preventDefault(): void }) => void;
  class FakeWebContents {
    readonly listeners = new Map<string, Listener>();
    openHandler: (() => { action: string }) | null = null;
    on(name: string, l: Listener): this {
      this.listeners.set(name, l);
      return this;
    }
    setWindowOpenHandler(h: () => { action: string }): void {
      this.openHandler = h;
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    loadedUrl = '';
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      FakeBrowserWindow.created.push(this);
    }
    once(): void {}
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
  }
  return { FakeBrowserWindow, FakeWebContents };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  nativeTheme: { shouldUseDarkColors: false },
}));

const { createMainWindow, applySessionPolicy } = await import('../../main/window.ts');

describe('main window policy', () => {
  const win = createMainWindow({ preloadPath: '/app/out/preload/index.cjs', startUrl: 'auditlens://app/index.html' });
  const created = electron.FakeBrowserWindow.created[0];

  it('isolates and sandboxes the renderer without Node', () => {
    expect(created?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(win).toBe(created);
  });

  it('loads the app URL', () => {
    expect(created?.loadedUrl).toBe('auditlens://app/index.html');
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('cancels %s', (name) => {
    const preventDefault = vi.fn();
    created?.webContents.listeners.get(name)?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open', () => {
    expect(created?.webContents.openHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('session policy', () => {
  it('adds the CSP header to every response and denies all permissions', () => {
    type HeadersHook = (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
    type PermissionHook = (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    // Assigned from inside the fake session's setters; a holder object keeps TypeScript's narrowing honest.
    const hooks: { headers?: HeadersHook; permission?: PermissionHook; check?: () => boolean } = {};
    const session = {
      webRequest: { onHeadersReceived: (f: HeadersHook) => (hooks.headers = f) },
      setPermissionRequestHandler: (f: PermissionHook) => (hooks.permission = f),
      setPermissionCheckHandler: (f: () => boolean) => (hooks.check = f),
    };
    applySessionPolicy(session as unknown as Electron.Session, "default-src 'self'");

    const answer = vi.fn();
    hooks.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, answer);
    expect(answer).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'self'"] },
    });
    const granted = vi.fn();
    hooks.permission?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(hooks.check?.()).toBe(false);
  });
});
