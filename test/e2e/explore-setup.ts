import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EventScope } from '../../preload/api.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { startServer, type ServeHandle } from '../../main/serve.ts';
import { buildRenderer } from '../../scripts/lib/build-if-stale.ts';
import { CHROMIUM_LAUNCH } from './chromium.ts';
import { writeExploreData, type ExploreData } from './explore-data.ts';

/** The explore test's world: a case with the demo and hostile data, the serve host, a Chromium page. */
export interface ExploreSession {
  engine: EngineHost;
  server: ServeHandle;
  page: Page;
  data: ExploreData;
  /** Events in the case, and its newest event time. */
  total: number;
  timeMax: string;
  /** Console errors and warnings, page errors and dialogs, collected for a final check. */
  problems: string[];
  close(): Promise<void>;
}

export async function startExplore(root: string, timezoneId: string): Promise<ExploreSession> {
  const dir = mkdtempSync(join(tmpdir(), 'auditlens-explore-'));
  let engine: EngineHost | undefined;
  let server: ServeHandle | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.close();
    await engine?.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const data = writeExploreData(dir);
    // A private build per run keeps the test independent of whatever is in out/renderer.
    const rendererDir = join(dir, 'renderer');
    await buildRenderer(root, rendererDir);
    engine = await createEngine({ dataDir: join(dir, 'home') });
    const created = await engine.createCase(join(dir, 'explore.duckdb'));
    if (!created.ok) throw new Error(created.error.message);
    const demo = await engine.importFiles({ paths: data.demoFiles, tz: 'UTC' });
    const hostile = await engine.importFiles({ paths: [data.hostilePath], vendor: 'cloudtrail' });
    if (!demo.ok || !hostile.ok) throw new Error('import failed');
    const info = await engine.caseInfo();
    if (!info.ok || !info.value.timeMax) throw new Error('no case info');
    server = await startServer({ engine, rendererDir });
    browser = await chromium.launch(CHROMIUM_LAUNCH);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', timezoneId });
    // Counted in the page itself too: a refused inline style (uPlot, React) must not happen at all.
    await page.addInitScript(() => {
      const w = window as { __csp?: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp?.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    return { engine, server, page, data, total: info.value.events, timeMax: info.value.timeMax, problems, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The engine's own count for a scope: what the status bar must show. */
export async function countOf(engine: EngineHost, scope: EventScope): Promise<number> {
  const r = await engine.countEvents(scope);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Waits until the status bar starts with exactly this count (not a longer number ending in it). */
export async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="status-bar"] span')?.textContent?.startsWith(expected),
    `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`,
  );
}
