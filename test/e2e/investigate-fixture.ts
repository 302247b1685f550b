import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Result } from '../../preload/api.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { startServer, type ServeHandle } from '../../main/serve.ts';
import { buildRenderer } from '../../scripts/lib/build-if-stale.ts';
import { CHROMIUM_LAUNCH } from './chromium.ts';

/**
 * One investigator session for the end-to-end tests: a private renderer build, an engine with its
 * own data dir (recent cases, demo case), the serve host, and a Chromium page allowed to use the
 * clipboard. Screenshots land in test-results/screens/ for a human to look at.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENS = join(ROOT, 'test-results', 'screens');

export interface Investigation {
  dir: string;
  engine: EngineHost;
  server: ServeHandle;
  page: Page;
  /** Console errors and warnings, page errors and dialogs: expected to stay empty. */
  problems: string[];
  shot(name: string): Promise<void>;
  statusBar(): Locator;
  /** Column ids of the table header, in display order. */
  headerOrder(): Promise<string[]>;
  /** The text of one column in the rendered (loaded) rows. */
  columnTexts(col: string): Promise<string[]>;
  clipboard(): Promise<string>;
  selectedIndex(): Promise<string | null>;
  callApi<T>(method: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function openInvestigation(): Promise<Investigation> {
  const dir = mkdtempSync(join(tmpdir(), 'auditlens-investigate-'));
  mkdirSync(SCREENS, { recursive: true });
  const rendererDir = join(dir, 'renderer');
  await buildRenderer(ROOT, rendererDir);
  const engine = await createEngine({ dataDir: join(dir, 'home') });
  const server = await startServer({ engine, rendererDir, uploadDir: dir });
  const browser: Browser = await chromium.launch(CHROMIUM_LAUNCH);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });

  return {
    dir,
    engine,
    server,
    page,
    problems,
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENS, `${name}.png`) });
    },
    statusBar: () => page.getByTestId('status-bar'),
    headerOrder: () =>
      page.locator('thead th[data-col]').evaluateAll((ths) => ths.map((t) => (t as HTMLElement).dataset.col ?? '')),
    columnTexts: (col) => page.locator(`tr[data-testid="event-row"] td[data-col="${col}"]`).allTextContents(),
    clipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    selectedIndex: () => page.locator('tr[aria-selected="true"]').first().getAttribute('data-index'),
    callApi: async <T>(method: string, ...args: unknown[]): Promise<T> => {
      const res = await fetch(new URL(`/api/${method}`, server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: JSON.stringify(args),
      });
      const r = (await res.json()) as Result<T>;
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    },
    close: async () => {
      await browser.close();
      await server.close();
      await engine.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
