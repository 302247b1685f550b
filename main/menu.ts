import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { ApiError, Result } from '../preload/api.ts';
import type { EngineHost } from './engine/api.ts';

const MAX_RECENT_ITEMS = 10;

/**
 * The application menu. File actions go straight to the engine; the renderer hears about their
 * effect through the usual case-changed / import-done events, exactly as for the serve host.
 */
export function installMenu(engine: EngineHost, getWindow: () => BrowserWindow | null): void {
  const report = async (what: string, result: Result<unknown>): Promise<void> => {
    if (result.ok) return;
    const win = getWindow();
    const options = { type: 'error' as const, message: what, detail: describe(result.error) };
    await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };

  const openCase = async (): Promise<void> => {
    const win = getWindow();
    const options: Electron.OpenDialogOptions = {
      title: 'Open case',
      properties: ['openFile'],
      filters: [{ name: 'AuditLens case', extensions: ['duckdb'] }],
    };
    const picked = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
    const path = picked.filePaths[0];
    if (!picked.canceled && path) await report('The case could not be opened', await engine.openCase(path));
  };

  const newCase = async (): Promise<void> => {
    const win = getWindow();
    const options: Electron.SaveDialogOptions = {
      title: 'New case',
      defaultPath: 'case.duckdb',
      filters: [{ name: 'AuditLens case', extensions: ['duckdb'] }],
    };
    const picked = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
    if (!picked.canceled && picked.filePath) {
      await report('The case could not be created', await engine.createCase(picked.filePath));
    }
  };

  const saveCaseAs = async (): Promise<void> => {
    const win = getWindow();
    const options: Electron.SaveDialogOptions = {
      title: 'Save case as',
      defaultPath: 'case-copy.duckdb',
      filters: [{ name: 'AuditLens case', extensions: ['duckdb'] }],
    };
    const picked = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
    if (!picked.canceled && picked.filePath) {
      await report('The case could not be saved as a new file', await engine.saveCaseAs(picked.filePath));
    }
  };

  const importFiles = async (): Promise<void> => {
    const win = getWindow();
    const options: Electron.OpenDialogOptions = {
      title: 'Import audit logs',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Audit logs', extensions: ['json', 'ndjson', 'jsonl', 'csv', 'tsv', 'gz', 'zip'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const picked = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
    if (!picked.canceled && picked.filePaths.length > 0) {
      await report('The import failed', await engine.importFiles({ paths: picked.filePaths }));
    }
  };

  const openRecent = async (path: string): Promise<void> => {
    await report('The case could not be opened', await engine.openCase(path));
  };

  const isMac = process.platform === 'darwin';
  // Rebuilt whenever a case opens or closes: Open Recent and Reveal depend on it.
  const template = (recent: string[], casePath: string | null): MenuItemConstructorOptions[] => [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => void newCase() },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => void openCase() },
        {
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent
            .slice(0, MAX_RECENT_ITEMS)
            .map((path) => ({ label: path, click: () => void openRecent(path) })),
        },
        {
          label: 'Import Files…',
          accelerator: 'CmdOrCtrl+I',
          enabled: casePath !== null,
          click: () => void importFiles(),
        },
        { label: 'Save Case As…', accelerator: 'CmdOrCtrl+Shift+S', enabled: casePath !== null, click: () => void saveCaseAs() },
        { type: 'separator' },
        {
          label: isMac ? 'Reveal Case File in Finder' : 'Show Case File in Folder',
          enabled: casePath !== null,
          click: () => {
            if (casePath) shell.showItemInFolder(casePath);
          },
        },
        { label: 'Close Case', enabled: casePath !== null, click: () => void engine.closeCase() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  const rebuild = async (): Promise<void> => {
    const recent = await engine.recentCases();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(template(recent.ok ? recent.value : [], engine.current?.path ?? null)),
    );
  };
  engine.on('case-changed', () => void rebuild());
  void rebuild();
}

function describe(error: ApiError): string {
  const where = error.file ? `\n${error.file}${error.line !== undefined ? `:${error.line}` : ''}` : '';
  return `${error.message}${where}`;
}
