import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Result } from '../../preload/api.ts';
import { buildDemo } from '../../main/demo/demo-case.ts';
import { createEngine, type EngineHost, type EngineOptions } from '../../main/engine/api.ts';
import { startServer, type ServeHandle } from '../../main/serve.ts';
import { buildRenderer, isStale, rendererInputs } from '../../scripts/lib/build-if-stale.ts';
import { CHROMIUM_LAUNCH } from './chromium.ts';

/**
 * The one browser-session fixture every end-to-end test builds on: a renderer build shared per
 * state of its sources (sharedRendererBuild), an engine with its own data dir (recent cases, demo
 * case), the serve host on loopback, and one Chromium page. Console errors, page errors and dialogs are collected in `problems`; screenshots
 * land in test-results/screens/ for a human to look at.
 */

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENS = join(ROOT, 'test-results', 'screens');

export interface SessionOptions {
  /** Temp folder prefix, for telling leftovers apart. */
  name?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  timezoneId?: string;
  /** Grant clipboard read/write to the app's origin. */
  clipboard?: boolean;
  /** Record CSP violations in the page (`window.__csp`), for a final check. */
  watchCsp?: boolean;
  /** Extra engine options (a case to open, a demo path). */
  engine?: Omit<EngineOptions, 'dataDir'>;
  /** Runs after the engine starts and before the server does: create a case, import data. */
  prepare?: (s: { dir: string; engine: EngineHost }) => Promise<void>;
  /** Extra serve-host options. */
  uploads?: boolean;
}

export interface BrowserSession {
  dir: string;
  engine: EngineHost;
  server: ServeHandle;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings, page errors and dialogs: expected to stay empty. */
  problems: string[];
  /** A screenshot of the page as it is now. */
  shot(name: string): Promise<void>;
  /**
   * Screenshots at 1440x900 and 1280x720, light and dark (`<name>-1440-light.png` …); the page is
   * left at its original size and scheme. `settle` runs after each change (wait for a redraw).
   */
  shots(name: string, settle?: (page: Page) => Promise<void>): Promise<void>;
  /** Calls the API over HTTP with the session's token. */
  callApi<T>(method: string, ...args: unknown[]): Promise<T>;
  /** CSP violations seen by the page (with `watchCsp`). */
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The renderer built once per state of its sources and shared by every end-to-end file of a run
 * (and the next run, until a renderer source changes): on a loaded machine the build was most of
 * each file's setup. It lives in a temp folder of its own, never out/renderer, so a test still
 * never serves whatever an `npm start` left there. E2E files run one after another, so a rebuild
 * never pulls the folder from under a running server; the swap is a rename all the same.
 */
async function sharedRendererBuild(): Promise<string> {
  const key = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
  const shared = join(tmpdir(), `auditlens-e2e-renderer-${key}`);
  if (!isStale([join(shared, 'index.html')], rendererInputs(ROOT))) return shared;
  const fresh = mkdtempSync(`${shared}-build-`);
  await buildRenderer(ROOT, fresh);
  rmSync(shared, { recursive: true, force: true });
  renameSync(fresh, shared);
  return shared;
}

export async function openBrowserSession(opts: SessionOptions = {}): Promise<BrowserSession> {
  const dir = mkdtempSync(join(tmpdir(), `auditlens-${opts.name ?? 'e2e'}-`));
  mkdirSync(SCREENS, { recursive: true });
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
    const rendererDir = await sharedRendererBuild();
    engine = await createEngine({ buildDemo, ...opts.engine, dataDir: join(dir, 'home') });
    await opts.prepare?.({ dir, engine });
    server = await startServer({ engine, rendererDir, ...(opts.uploads === false ? {} : { uploadDir: dir }) });
    const srv = server;
    browser = await chromium.launch(CHROMIUM_LAUNCH);
    const viewport = opts.viewport ?? { width: 1440, height: 900 };
    const colorScheme = opts.colorScheme ?? 'light';
    const context = await browser.newContext({
      viewport,
      colorScheme,
      ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    });
    if (opts.clipboard) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(srv.url).origin });
    }
    const page = await context.newPage();
    if (opts.watchCsp) {
      await page.addInitScript(() => {
        const w = window as { __csp?: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp?.push(`${e.violatedDirective}: ${e.blockedURI}`));
      });
    }
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    const shot = async (name: string): Promise<void> => {
      await page.screenshot({ path: join(SCREENS, `${name}.png`) });
    };
    return {
      dir,
      engine,
      server: srv,
      browser,
      context,
      page,
      problems,
      shot,
      shots: async (name, settle) => {
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
            await page.setViewportSize(size);
            await settle?.(page);
            await shot(`${name}-${size.width}-${scheme}`);
          }
        }
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize(viewport);
        await settle?.(page);
      },
      callApi: async <T>(method: string, ...args: unknown[]): Promise<T> => {
        const res = await fetch(new URL(`/api/${method}`, srv.url), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.token}` },
          body: JSON.stringify(args),
        });
        const r = (await res.json()) as Result<T>;
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
        return r.value;
      },
      cspViolations: () => page.evaluate(() => (window as { __csp?: string[] }).__csp ?? []),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
