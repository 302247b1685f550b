import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';
import { chromiumMissing } from './chromium.ts';

/** Hostile evidence in a real Chromium: a read-only case, and (below) records built to break the viewer. */

const record = (i: number): string =>
  JSON.stringify({ id: `e${i}`, timestamp: `2025-03-01T10:00:${String(i).padStart(2, '0')}Z`, user: `user${i % 3}`, action: 'update' });

describe.skipIf(chromiumMissing !== null)(`a read-only case in the viewer${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, { timeout: 90_000 }, () => {
  let s: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    s = await openBrowserSession({
      name: 'read-only',
      engine: { readOnly: true },
      prepare: async ({ dir, engine }) => {
        const path = join(dir, 'evidence.duckdb');
        const file = join(dir, 'a.ndjson');
        writeFileSync(file, Array.from({ length: 12 }, (_, i) => record(i)).join('\n'));
        const c = await Case.open(path, { create: true });
        await importPaths(c, { paths: [file] });
        c.close();
        const opened = await engine.openCase(path);
        if (!opened.ok) throw new Error(opened.error.message);
      },
    });
    page = s.page;
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('shows a read-only badge, offers no import, and still browses the events', async () => {
    await page.goto(s.server.url);
    await page.getByTestId('app-ready').waitFor();
    const badge = page.getByTestId('read-only-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('read-only');
    expect(await badge.getAttribute('title')).toMatch(/can be browsed, not changed/);
    expect(await page.getByTestId('import-button').count()).toBe(0);
    await page.getByText('user1').first().waitFor();
    await s.shots('hostile-read-only');
    const refused = await s.callApi<unknown>('setSession', { key: 'columns', value: {} }).catch((e: Error) => e.message);
    expect(refused).toMatch(/open read-only/);
    expect(s.problems).toEqual([]);
  });
});
