import { BrowserWindow, nativeTheme, type Session, type WebContents } from 'electron';

/**
 * The window security policy, one place for all of it (the Electron security checklist):
 * isolated, sandboxed renderer without Node; no navigation away from the app, no new windows,
 * no webviews, no permissions; CSP on every response.
 */

export interface MainWindowOptions {
  preloadPath: string;
  startUrl: string;
}

export function createMainWindow({ preloadPath, startUrl }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 820,
    minHeight: 520,
    show: false,
    title: 'AuditLens',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181c' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  hardenWebContents(win.webContents);
  // Shown once painted, so the user never sees a white flash before the dark theme applies.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl);
  return win;
}

/**
 * Applied to every WebContents (also from app 'web-contents-created'), so a future window cannot
 * forget it. Log values can contain links and markup; none of them may take the app anywhere.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function applySessionPolicy(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // The viewer needs no camera, notifications, clipboard-read, geolocation, …
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
