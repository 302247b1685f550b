import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_START_URL, isAppUrl, registerAppSchemePrivileges, serveRenderer } from './app-protocol.ts';
import { caseFromArgv } from './argv.ts';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './csp.ts';
import { buildDemo } from './demo/demo-case.ts';
import { keychainStore } from './credentials-keychain.ts';
import { createEngine, type EngineHost } from './engine/api.ts';
import { appFrameCheck, bindApi, forwardEvents } from './ipc.ts';
import { installMenu } from './menu.ts';
import { applySessionPolicy, createMainWindow, hardenWebContents } from './window.ts';

/**
 * Electron lifecycle: one instance per user, one engine, one window. Everything the window may do
 * is decided in window.ts (policy) and ipc.ts (API binding); this file only wires them up.
 */

// The Vite dev server URL is honoured only in an unpackaged app, so a packaged build can never be
// pointed at a foreign page through the environment.
const DEV_SERVER_URL = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let engine: EngineHost | null = null;
let mainWindow: BrowserWindow | null = null;
/** Files the OS asked us to open before the engine existed (macOS open-file comes early). */
const pendingCases: string[] = [];

registerAppSchemePrivileges();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the user's cases; it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openCase(path);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const path = caseFromArgv(argv, cwd);
    if (path) void openCase(path);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (engine && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', (event) => {
    if (!engine) return;
    // Close the case file cleanly (DuckDB checkpoints its WAL) before the process goes away.
    event.preventDefault();
    const closing = engine;
    engine = null;
    void closing.dispose().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(onReady)
    .catch((e: unknown) => {
      dialog.showErrorBox('AuditLens could not start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}

async function onReady(): Promise<void> {
  const csp = DEV_SERVER_URL ? devContentSecurityPolicy(DEV_SERVER_URL) : CONTENT_SECURITY_POLICY;
  applySessionPolicy(session.defaultSession, csp);
  serveRenderer(session.defaultSession, RENDERER_DIR, csp);

  const casePath = caseFromArgv(process.argv) ?? pendingCases.shift();
  engine = await createEngineOrEmpty(casePath);
  bindApi(
    engine,
    appFrameCheck(
      () => mainWindow,
      (url) => isAppUrl(url, DEV_SERVER_URL),
    ),
  );
  forwardEvents(engine, () => (mainWindow ? [mainWindow.webContents] : []));
  installMenu(engine, () => mainWindow);
  openWindow();
  for (const path of pendingCases.splice(0)) await openCase(path);
}

/** A case that cannot be opened should not keep the app from starting; say why and start empty. */
async function createEngineOrEmpty(casePath: string | undefined): Promise<EngineHost> {
  // Pull credentials the investigator asks to keep go to the OS keychain, never into a case.
  const credentials = keychainStore(safeStorage, join(app.getPath('userData'), 'credentials.json'));
  if (!casePath) return createEngine({ buildDemo, credentials });
  try {
    return await createEngine({ casePath, buildDemo, credentials });
  } catch (e) {
    dialog.showErrorBox(`Could not open ${casePath}`, e instanceof Error ? e.message : String(e));
    return createEngine({ buildDemo, credentials });
  }
}

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, startUrl: DEV_SERVER_URL ?? APP_START_URL });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function openCase(path: string): Promise<void> {
  if (!engine) {
    pendingCases.push(path);
    return;
  }
  const result = await engine.openCase(path);
  if (!result.ok) dialog.showErrorBox(`Could not open ${path}`, result.error.message);
}
