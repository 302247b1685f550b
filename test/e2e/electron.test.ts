import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../preload/api.ts';
import { createEngine } from '../../main/engine/api.ts';
import { ensureDesktopBuilt } from '../../scripts/lib/build-if-stale.ts';
import { findElectronRuntime } from '../../scripts/lib/electron-runtime.ts';
import { writeSmokeData, type SmokeData } from './smoke-data.ts';

/**
 * The desktop flows through Playwright's Electron support: the same smoke as the browser test,
 * plus the window's security properties as seen from inside the page. Where no Electron binary
 * can run (CI containers, this kind of machine), the whole suite reports itself skipped and why.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENS = join(ROOT, 'test-results', 'screens');
const runtime = findElectronRuntime(ROOT);

describe.skipIf(!runtime.ok)(
  `Electron app${runtime.ok ? '' : ` (skipped: no Electron runtime: ${runtime.reason})`}`,
  { timeout: 90_000 },
  () => {
    let dir: string;
    let app: ElectronApplication;
    let page: Page;
    let data: SmokeData;

    beforeAll(async () => {
      if (!runtime.ok) return;
      dir = mkdtempSync(join(tmpdir(), 'auditlens-electron-'));
      data = writeSmokeData(dir);
      const casePath = join(dir, 'case.duckdb');
      // Prepare the case with the engine, then close it: the app must open it like a user would.
      const engine = await createEngine({ dataDir: join(dir, 'home') });
      const created = await engine.createCase(casePath);
      if (!created.ok) throw new Error(created.error.message);
      await engine.importFiles({ paths: [data.cloudtrailPath], vendor: 'cloudtrail' });
      await engine.importFiles({ paths: [data.oktaPath], vendor: 'okta' });
      await engine.dispose();

      await ensureDesktopBuilt(ROOT);
      app = await electron.launch({
        executablePath: runtime.executable,
        args: [ROOT, casePath],
        cwd: ROOT,
        // The built renderer, never a dev server that happens to be configured in this shell.
        env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'ELECTRON_RENDERER_URL')) as Record<
          string,
          string
        >,
      });
      page = await app.firstWindow();
      await page.getByTestId('app-ready').waitFor();
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('opens the case given on the command line and lists its events', async () => {
      const total = data.cloudtrailEvents + data.oktaEvents;
      await page.getByTestId('status-bar').getByText(`${total} events`).waitFor();
      await page.getByTestId('event-row').first().waitFor();
      await page.screenshot({ path: join(SCREENS, 'electron-01-events.png') });
    });

    it('exposes only the contract on window.auditlens, and no Node', async () => {
      const seen = await page.evaluate(() => ({
        keys: Object.keys((window as unknown as { auditlens: object }).auditlens).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        url: location.href,
      }));
      expect(seen.keys).toEqual([...API_METHOD_NAMES, 'on'].sort());
      expect(seen.require).toBe('undefined');
      expect(seen.process).toBe('undefined');
      expect(seen.url).toMatch(/^auditlens:\/\/app\//);
    });

    it('refuses navigation and new windows', async () => {
      const before = page.url();
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      const opened = await page.evaluate(() => window.open('https://example.com/') === null);
      expect(opened).toBe(true);
      expect(page.url()).toBe(before);
      expect(app.windows()).toHaveLength(1);
    });

    it('filters, reports a bad filter inline, and opens the detail pane', async () => {
      const input = page.getByTestId('filter-input');
      await input.fill("action = 'DeleteBucket'");
      await input.press('Enter');
      await page.getByTestId('status-bar').getByText(`${data.deleteBucketEvents} events (filtered)`).waitFor();
      await input.fill('nonsense_column = 1');
      await input.press('Enter');
      await page.getByTestId('filter-error').waitFor();
      await input.fill("vendor = 'okta'");
      await input.press('Enter');
      await page.getByTestId('status-bar').getByText(`${data.oktaEvents} events (filtered)`).waitFor();
      await page.getByTestId('event-row').first().click();
      await page.getByTestId('detail-pane').getByText('Raw record').waitFor();
      await page.screenshot({ path: join(SCREENS, 'electron-02-detail.png') });
    });
  },
);
