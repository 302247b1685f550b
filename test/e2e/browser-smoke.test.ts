import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRequest } from '../../preload/api.ts';
import type { ServeHandle } from '../../main/serve.ts';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';
import { chromiumMissing } from './chromium.ts';
import { HOSTILE_ACTOR, writeSmokeData, type SmokeData } from './smoke-data.ts';

/**
 * The real thing, end to end: real engine and DuckDB case, the serve host, the built renderer and
 * Debian's Chromium. Screenshots land in test-results/screens/ for a human to look at.
 */

describe.skipIf(chromiumMissing !== null)(
  `browser smoke over the serve host${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 60_000 },
  () => {
    let s: BrowserSession;
    let dir: string;
    let server: ServeHandle;
    let page: Page;
    let data: SmokeData;
    let problems: string[] = [];

    const shot = (name: string): Promise<void> => s.shot(name);
    const statusBar = () => page.getByTestId('status-bar');

    async function importViaApi(req: ImportRequest): Promise<void> {
      const result = await s.callApi<{ eventsTotal: number }>('importFiles', req);
      expect(result.eventsTotal).toBeGreaterThan(0);
    }

    beforeAll(async () => {
      s = await openBrowserSession({
        name: 'smoke',
        viewport: { width: 1440, height: 860 },
        prepare: async (w) => {
          const created = await w.engine.createCase(join(w.dir, 'smoke.duckdb'));
          if (!created.ok) throw new Error(created.error.message);
        },
      });
      ({ dir, server, page, problems } = s);
      data = writeSmokeData(dir);
    }, 120_000);

    afterAll(async () => {
      await s?.close();
    });

    it('opens on an empty case and strips the token from the address bar', async () => {
      await page.goto(server.url);
      await page.getByTestId('app-ready').waitFor();
      await page.getByTestId('empty-state').getByText('no events yet').waitFor();
      expect(page.url()).not.toContain('token=');
      await shot('01-empty-case');
    });

    it('shows imported events as soon as the import finishes (pushed over the event stream)', async () => {
      await importViaApi({ paths: [data.cloudtrailPath], vendor: 'cloudtrail' });
      await importViaApi({ paths: [data.oktaPath], vendor: 'okta' });
      const total = data.cloudtrailEvents + data.oktaEvents;
      await statusBar().getByText(`${total} events`).waitFor();
      await page.getByTestId('event-row').first().waitFor();
      expect(await page.getByTestId('event-row').count()).toBeGreaterThan(10);
      await expect(statusBar().textContent()).resolves.toMatch(/query \d+ ms · UTC/);
      await shot('02-events');
    });

    it('renders hostile log values as text', async () => {
      await page.getByTestId('event-row').filter({ hasText: HOSTILE_ACTOR }).first().waitFor();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('loads later pages on demand when scrolling to the end', async () => {
      const last = data.cloudtrailEvents + data.oktaEvents - 1;
      await page
        .getByTestId('event-table')
        .locator('.event-scroller')
        .evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
      await page.locator(`tr[data-index="${last}"][data-testid="event-row"]`).waitFor();
      await shot('03-scrolled-to-end');
    });

    it('narrows the rows with a filter', async () => {
      await page.getByTestId('filter-input').fill("action = 'DeleteBucket'");
      await page.getByTestId('filter-input').press('Enter');
      await statusBar().getByText(`${data.deleteBucketEvents} events (filtered)`).waitFor();
      // The old result's table is gone once the new total shows; wait for the new rows to render.
      await page.getByTestId('event-row').first().waitFor();
      const actions = await page.getByTestId('event-row').locator('td[data-col="action"]').allTextContents();
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(['DeleteBucket']));
      await shot('04-filtered');
    });

    it('shows an invalid filter as an inline error and keeps the last good result', async () => {
      await page.getByTestId('filter-input').fill("actor = 'x' AND nonsense_column > 3");
      await page.getByTestId('filter-input').press('Enter');
      await page.getByTestId('filter-error').waitFor();
      expect(await page.getByTestId('filter-error').textContent()).toMatch(/\S/);
      await statusBar().getByText(`${data.deleteBucketEvents} events (filtered)`).waitFor();
      await shot('05-filter-error');

      // Statements smuggled into the expression are refused the same way, not run.
      await page.getByTestId('filter-input').fill('1=1; DROP TABLE events; --');
      await page.getByTestId('filter-input').press('Enter');
      await page.getByTestId('filter-error').waitFor();
    });

    it('opens the detail pane with fields, changes and the raw record on a row click', async () => {
      await page.getByTestId('filter-input').fill("vendor = 'okta'");
      await page.getByTestId('filter-input').press('Enter');
      await statusBar().getByText(`${data.oktaEvents} events (filtered)`).waitFor();
      await page.getByTestId('event-row').first().click();
      const pane = page.getByTestId('detail-pane');
      await pane.waitFor();
      await pane.getByText('Raw record').waitFor();
      await pane.getByText('user.account.update_profile').first().waitFor();
      await pane.locator('table.changes').getByText('Manager').first().waitFor();
      await shot('06-detail');
    });

    it('moves the selection with the keyboard', async () => {
      await page.keyboard.press('j');
      await page.getByTestId('detail-pane').getByText('user1@example.com').first().waitFor();
      await page.keyboard.press('ArrowUp');
      await page.getByTestId('detail-pane').getByText('user0@example.com').first().waitFor();
    });

    it('closes the detail pane with Escape', async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('detail-pane').waitFor({ state: 'detached' });
    });

    it('looks right in dark mode', async () => {
      await page.getByTestId('filter-input').fill('');
      await page.getByTestId('filter-input').press('Enter');
      await statusBar()
        .getByText(`${data.cloudtrailEvents + data.oktaEvents} events ·`)
        .waitFor();
      await page.getByTestId('event-row').nth(3).click();
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.getByTestId('detail-pane').waitFor();
      await shot('07-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('keeps working after a reload, authenticated by the cookie alone', async () => {
      await page.reload();
      await page.getByTestId('app-ready').waitFor();
      await page.getByTestId('event-row').first().waitFor();
    });

    it('produced no console errors, CSP violations or dialogs', () => {
      expect(problems).toEqual([]);
    });
  },
);
