import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { EventScope } from '../../preload/api.ts';
import type { EngineHost } from '../../main/engine/api.ts';
import type { ServeHandle } from '../../main/serve.ts';
import { openBrowserSession } from './browser-session.ts';
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

export async function startExplore(_root: string, timezoneId: string): Promise<ExploreSession> {
  let data: ExploreData | undefined;
  const s = await openBrowserSession({
    name: 'explore',
    timezoneId,
    watchCsp: true,
    uploads: false,
    prepare: async ({ dir, engine }) => {
      data = writeExploreData(dir);
      const created = await engine.createCase(join(dir, 'explore.duckdb'));
      if (!created.ok) throw new Error(created.error.message);
      const demo = await engine.importFiles({ paths: data.demoFiles, tz: 'UTC' });
      const hostile = await engine.importFiles({ paths: [data.hostilePath], vendor: 'cloudtrail' });
      if (!demo.ok || !hostile.ok) throw new Error('import failed');
    },
  });
  const info = await s.engine.caseInfo();
  if (!info.ok || !info.value.timeMax || !data) {
    await s.close();
    throw new Error('no case info');
  }
  return { engine: s.engine, server: s.server, page: s.page, data, total: info.value.events, timeMax: info.value.timeMax, problems: s.problems, close: s.close };
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
