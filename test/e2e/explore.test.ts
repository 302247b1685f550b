import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventScope } from '../../preload/api.ts';
import { presetRange } from '../../renderer/features/filters/time-presets.ts';
import { chromiumMissing } from './chromium.ts';
import { HOSTILE_IMG, HOSTILE_MARKER } from './explore-data.ts';
import { countOf, startExplore, waitForCount as waitForCountOn, type ExploreSession } from './explore-setup.ts';

/**
 * The investigator's exploring tools end to end, on the demo case in Chromium over the serve host:
 * filter expression (completion, inline errors, history), chips from facets, search, the histogram
 * brush, time presets, the UTC/local switch, and hostile values. Screenshots go to
 * test-results/screens/explore-*.png. No sleeps: every step waits for what it expects to see.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENS = join(ROOT, 'test-results', 'screens');
/** A zone with an offset in March, so local and UTC times differ visibly. */
const LOCAL_ZONE = 'Europe/Berlin';

describe.skipIf(chromiumMissing !== null)(
  `explore: filters, chips, facets, histogram, zones${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 60_000 },
  () => {
    let s: ExploreSession;
    let page: Page;
    let total: number;

    const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENS, `explore-${name}.png`) });
    const count = (scope: EventScope): Promise<number> => countOf(s.engine, scope);
    const waitForCount = (n: number): Promise<void> => waitForCountOn(page, n);
    const filterInput = () => page.getByTestId('filter-input');
    const applyFilter = async (text: string): Promise<void> => {
      await filterInput().fill(text);
      await filterInput().press('Enter');
    };
    /**
     * The plot area once the histogram shows `n` events and no query is running: the chart is
     * rebuilt when its data arrives, so measuring (and dragging) earlier could hit the old one.
     */
    const plotBox = async (n: number): Promise<{ x: number; y: number; width: number; height: number }> => {
      await page.waitForFunction(
        (expected) =>
          !document.querySelector('[data-testid="histogram"]')?.classList.contains('loading') &&
          document.querySelector('[data-testid="histogram-summary"] strong')?.textContent === expected &&
          (document.querySelector('[data-testid="histogram-plot"] .u-over')?.clientWidth ?? 0) > 0,
        n.toLocaleString('en-US'),
      );
      const box = await page.getByTestId('histogram-plot').locator('.u-over').boundingBox();
      if (!box) throw new Error('the histogram has no plot area');
      return box;
    };

    beforeAll(async () => {
      mkdirSync(SCREENS, { recursive: true });
      s = await startExplore(ROOT, LOCAL_ZONE);
      page = s.page;
      total = s.total;
    }, 120_000);

    afterAll(async () => {
      await s?.close();
    });

    it('shows facets, the histogram and the table for the whole case', async () => {
      await page.goto(s.server.url);
      await page.getByTestId('event-row').first().waitFor();
      await waitForCount(total);
      await page.getByTestId('facet-actor').getByTestId('facet-value').first().waitFor();
      await page.getByTestId('histogram-plot').locator('canvas').waitFor();
      await page.getByTestId('histogram-summary').getByText(`${total} events`).waitFor();
      for (const column of ['actor', 'action', 'target', 'src_ip', 'outcome', 'vendor', 'service']) {
        await page.getByTestId(`facet-${column}`).waitFor();
      }
      await shot('01-overview');
    });

    it('completes column names and values from the keyboard, then applies', async () => {
      await filterInput().click();
      await filterInput().pressSequentially('act');
      const list = page.getByTestId('completion-list');
      await list.getByText('Columns').waitFor();
      expect(await list.getByTestId('completion-item').allTextContents()).toEqual(['action', 'action_class', 'actor', 'actor_id', 'actor_type']);
      await filterInput().press('ArrowDown');
      await filterInput().press('ArrowDown');
      await filterInput().press('ArrowDown');
      await filterInput().press('Enter');
      expect(await filterInput().inputValue()).toBe('actor');
      await filterInput().pressSequentially(" = 'da");
      await list.getByText('Values of actor').waitFor();
      await list.getByText('dana@acme.example').waitFor();
      await shot('02-value-completion');
      await filterInput().press('ArrowDown');
      await filterInput().press('Enter');
      expect(await filterInput().inputValue()).toBe("actor = 'dana@acme.example'");
      await filterInput().press('Enter');
      await waitForCount(await count({ filter: "actor = 'dana@acme.example'" }));
    });

    it('marks an invalid expression where the engine points and keeps the previous rows', async () => {
      const before = await count({ filter: "actor = 'dana@acme.example'" });
      const bad = "actor = 'dana@acme.example' AND AND";
      await applyFilter(bad);
      await page.getByTestId('filter-error').waitFor();
      // The engine points at the second AND: the mark sits on its first letter.
      expect(await page.getByTestId('filter-error-mark').textContent()).toBe('A');
      await page.getByTestId('filter-error').getByText(`at character ${bad.lastIndexOf('AND') + 1}`).waitFor();
      await waitForCount(before);
      expect(await page.getByTestId('event-row').count()).toBeGreaterThan(0);
      await shot('03-filter-error');

      // Parses, but fails on the first row: caught before the table is replaced.
      await applyFilter("batch_id = 'abc'");
      await page.getByTestId('filter-error').getByText(/convert/i).waitFor();
      await waitForCount(before);
      // An unknown column is marked too, although the engine gives no position for it.
      await applyFilter("actor = 'x' OR nonsense_column > 3");
      await page.getByTestId('filter-error').getByText(/unknown column/).waitFor();
      expect(await page.getByTestId('filter-error-mark').textContent()).toBe('n');
    });

    it('remembers applied expressions in the history', async () => {
      await page.getByTestId('filter-history').click();
      await page.getByTestId('completion-list').getByText('Recent filters').waitFor();
      await page.getByTestId('completion-item').filter({ hasText: "actor = 'dana@acme.example'" }).waitFor();
      await shot('03b-history');
      await filterInput().press('Escape');
      await page.getByTestId('completion-list').waitFor({ state: 'detached' });
      await page.getByTestId('filter-clear').click();
      await waitForCount(total);
      await page.getByTestId('filter-error').waitFor({ state: 'detached' });
    });

    it('adds include and exclude chips from facets, and the facet counts follow', async () => {
      const okta = page.getByTestId('facet-vendor').getByTestId('facet-value').filter({ hasText: 'okta' });
      await okta.click();
      await page.getByTestId('chip').filter({ hasText: 'okta' }).waitFor();
      await waitForCount(await count({ filter: "vendor = 'okta'" }));
      // The vendor facet now counts okta only.
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="facet-vendor"] [data-testid="facet-value"]').length === 1,
      );
      const failure = page.getByTestId('facet-outcome').getByTestId('facet-value').filter({ hasText: 'failure' });
      await failure.click({ modifiers: ['Alt'] });
      const excluded = page.locator('[data-testid="chip"][data-exclude="true"]');
      await excluded.waitFor();
      const bothFilter = "vendor = 'okta' AND (outcome IS NULL OR outcome <> 'failure')";
      await waitForCount(await count({ filter: bothFilter }));
      await shot('04-chips');

      // A chip flips between exclude and include with a click.
      await excluded.getByTestId('chip-toggle').click();
      await page.locator('[data-testid="chip"][data-exclude="false"]').filter({ hasText: 'failure' }).waitFor();
      await waitForCount(await count({ filter: "vendor = 'okta' AND outcome = 'failure'" }));
      for (let n = await page.getByTestId('chip').count(); n > 0; n--) {
        await page.getByTestId('chip-remove').first().click();
      }
      await waitForCount(total);
    });

    it('narrows by free-text search', async () => {
      await page.getByTestId('search-input').fill('203.0.113.77');
      await page.getByTestId('search-input').press('Enter');
      await waitForCount(await count({ search: '203.0.113.77' }));
      await page.getByTestId('search-input').fill('');
      await page.getByTestId('search-input').press('Enter');
      await waitForCount(total);
    });

    it('sets the time range by brushing the histogram, and double-click resets it', async () => {
      const box = await plotBox(total);
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.3, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.55, y, { steps: 8 });
      await page.mouse.up();
      await page.waitForFunction(() => (document.querySelector('[data-testid="time-from"]') as HTMLInputElement | null)?.value !== '');
      const from = await page.getByTestId('time-from').inputValue();
      const to = await page.getByTestId('time-to').inputValue();
      // Brushes snap to whole buckets (hours on the demo); the fields show them in UTC.
      expect(from).toMatch(/^2025-03-0\d \d\d:00$/);
      const range = { from: `${from.replace(' ', 'T')}:00Z`, to: `${to.replace(' ', 'T')}:00Z` };
      const narrowed = await count({ timeRange: range });
      expect(narrowed).toBeLessThan(total);
      await waitForCount(narrowed);
      const after = await plotBox(narrowed);
      await page.mouse.move(after.x + after.width * 0.5, after.y + after.height / 2);
      await page.getByTestId('histogram-tooltip').waitFor();
      await shot('05-brushed');

      await page.mouse.dblclick(after.x + after.width / 2, after.y + after.height / 2);
      await waitForCount(total);
      expect(await page.getByTestId('time-from').inputValue()).toBe('');
    });

    it('offers presets relative to the end of the data', async () => {
      await page.getByTestId('time-preset-day').click();
      await waitForCount(await count({ timeRange: presetRange('day', s.timeMax) }));
      await page.getByTestId('time-preset-day').and(page.locator('[aria-pressed="true"]')).waitFor();
    });

    it('switches every shown time between UTC and the local zone, naming the zone', async () => {
      const range = presetRange('day', s.timeMax);
      const utcFrom = await page.getByTestId('time-from').inputValue();
      expect(utcFrom).toBe(range.from.slice(0, 16).replace('T', ' '));
      await page.getByTestId('status-bar').getByText(/· UTC/).waitFor();

      await page.getByTestId('zone-local').click();
      await page.getByTestId('status-bar').getByText(`${LOCAL_ZONE} (local)`).waitFor();
      // Berlin is an hour ahead of UTC in March.
      const local = new Date(Date.parse(range.from) + 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      await page.waitForFunction(
        (v) => (document.querySelector('[data-testid="time-from"]') as HTMLInputElement | null)?.value === v,
        local,
      );
      await page.getByTestId('histogram-summary').getByText(`${LOCAL_ZONE} (local)`).waitFor();
      await shot('06-local-zone');

      await page.getByTestId('zone-utc').click();
      await page.waitForFunction(
        (v) => (document.querySelector('[data-testid="time-from"]') as HTMLInputElement | null)?.value === v,
        utcFrom,
      );
      await page.getByTestId('time-clear').click();
      await waitForCount(total);
    });

    it('shows hostile values in facets, chips and the histogram as text only', async () => {
      await page.getByTestId('search-input').fill(HOSTILE_MARKER);
      await page.getByTestId('search-input').press('Enter');
      await waitForCount(s.data.hostileEvents);
      const value = page.getByTestId('facet-actor').getByTestId('facet-value').filter({ hasText: HOSTILE_IMG });
      await value.waitFor();
      await value.click();
      const chip = page.getByTestId('chip');
      await chip.waitFor();
      expect(await chip.locator('.chip-value').textContent()).toBe(HOSTILE_IMG);
      await waitForCount(s.data.hostileEvents);
      const box = await plotBox(s.data.hostileEvents);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.getByTestId('histogram-tooltip').waitFor();
      await shot('07-hostile');
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('body script').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('looks right in dark mode', async () => {
      await page.getByTestId('clear-all').click();
      await waitForCount(total);
      await page.getByTestId('facet-vendor').getByTestId('facet-value').first().click();
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.getByTestId('chip').waitFor();
      await shot('08-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('produced no console errors, CSP violations or dialogs', async () => {
      expect(await page.evaluate(() => (window as { __csp?: string[] }).__csp)).toEqual([]);
      expect(s.problems).toEqual([]);
    });
  },
);
