import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from './chromium.ts';
import { openInvestigation, type Investigation } from './investigate-fixture.ts';

/**
 * Browsing a case end to end in Chromium against the serve host: the start screen and the demo
 * case, sorting, the column chooser (remembered per case), the cell menu, copy, and the keyboard.
 */

describe.skipIf(chromiumMissing !== null)(
  `investigator UI: browsing in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 90_000 },
  () => {
    let t: Investigation;
    let demoEvents = 0;

    beforeAll(async () => {
      t = await openInvestigation();
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it('starts on the start screen and opens the demo case', async () => {
      await t.page.goto(t.server.url);
      await t.page.getByTestId('start-screen').waitFor();
      await t.page.getByText('None yet').waitFor();
      await t.shot('investigate-01-start-screen');
      await t.page.getByTestId('open-demo').click();
      await t.page.getByTestId('event-row').first().waitFor();
      demoEvents = (await t.callApi<{ events: number }>('caseInfo')).events;
      expect(demoEvents).toBeGreaterThan(100);
      await t.statusBar().getByText(`${demoEvents} events`).waitFor();
      await t.shot('investigate-02-demo-case');
    });

    it('sorts by a header click, ascending then descending, with an indicator', async () => {
      const header = t.page.getByTestId('column-header-actor');
      await header.getByRole('button').click();
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      await expect
        .poll(async () => {
          const values = (await t.columnTexts('actor')).filter(Boolean);
          return values.length > 5 && values.every((v, i) => i === 0 || (values[i - 1] as string) <= v);
        })
        .toBe(true);
      await header.getByRole('button').click();
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      await expect
        .poll(async () => {
          const values = (await t.columnTexts('actor')).filter(Boolean);
          return values.length > 5 && values.every((v, i) => i === 0 || (values[i - 1] as string) >= v);
        })
        .toBe(true);
      expect(await header.locator('.sort-indicator').textContent()).toBe('▼');
      expect(await t.page.getByTestId('column-header-event_time').getAttribute('aria-sort')).toBe('none');
      await t.shot('investigate-03-sorted-by-actor-desc');
      // Back to time order for the rest of the test.
      await t.page.getByTestId('column-header-event_time').getByRole('button').click();
      await expect
        .poll(() => t.page.getByTestId('column-header-event_time').getAttribute('aria-sort'))
        .toBe('ascending');
    });

    it('hides, reorders and resizes columns, and remembers them for the case after a reload', async () => {
      await t.page.getByTestId('column-chooser-button').click();
      await t.page.getByTestId('column-chooser').waitFor();
      await t.page.getByTestId('column-toggle-vendor').uncheck();
      await t.page.getByTestId('column-toggle-service').check();
      await t.page.getByTestId('column-up-outcome').click();
      await t.page.getByTestId('column-up-outcome').click();
      await t.shot('investigate-04-column-chooser');
      await t.page.keyboard.press('Escape');
      await t.page.getByTestId('column-chooser').waitFor({ state: 'detached' });
      // Drag the Action header in front of Time.
      await t.page
        .getByTestId('column-header-action')
        .dragTo(t.page.getByTestId('column-header-event_time'), { targetPosition: { x: 4, y: 10 } });
      // Widen Actor by dragging its right edge.
      const before = (await t.page.getByTestId('column-header-actor').boundingBox())?.width ?? 0;
      const edge = await t.page.getByTestId('column-resizer-actor').boundingBox();
      if (!edge) throw new Error('no resizer');
      await t.page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
      await t.page.mouse.down();
      await t.page.mouse.move(edge.x + 90, edge.y + edge.height / 2, { steps: 5 });
      await t.page.mouse.up();
      await expect
        .poll(async () => (await t.page.getByTestId('column-header-actor').boundingBox())?.width ?? 0)
        .toBeGreaterThan(before + 60);

      const expected = ['action', 'event_time', 'actor', 'outcome', 'target', 'src_ip', 'description', 'service'];
      expect(await t.headerOrder()).toEqual(expected);
      // Stored in the case (debounced), then read back after a reload.
      await expect
        .poll(async () => {
          const stored = await t.callApi<{ columns: { id: string; visible: boolean }[] } | null>(
            'getSession',
            'columns',
          );
          return stored?.columns.filter((c) => c.visible).map((c) => c.id);
        })
        .toEqual(expected);
      await t.page.reload();
      await t.page.getByTestId('event-row').first().waitFor();
      expect(await t.headerOrder()).toEqual(expected);
      expect((await t.page.getByTestId('column-header-actor').boundingBox())?.width ?? 0).toBeGreaterThan(before + 60);
      await t.shot('investigate-05-columns-after-reload');
    });

    it('filters in and out on a cell value from its context menu', async () => {
      const firstActor = t.page.locator('tr[data-testid="event-row"]').first().locator('td[data-col="actor"]');
      const actor = (await firstActor.textContent()) ?? '';
      expect(actor).not.toBe('');
      await firstActor.click({ button: 'right' });
      await t.page.getByTestId('cell-menu').waitFor();
      await t.shot('investigate-06-cell-menu');
      await t.page.getByTestId('menu-filter-in').click();
      await t.page.getByTestId('chip').first().waitFor();
      await t.statusBar().getByText('(filtered)').waitFor();
      await expect.poll(async () => new Set(await t.columnTexts('actor'))).toEqual(new Set([actor]));
      const filteredTotal = (await t.statusBar().textContent())?.match(/([\d,]+) events/)?.[1];

      const firstAction = t.page.locator('tr[data-testid="event-row"]').first().locator('td[data-col="action"]');
      const action = (await firstAction.textContent()) ?? '';
      await firstAction.click({ button: 'right' });
      await t.page.getByTestId('menu-filter-out').click();
      await expect.poll(() => t.page.getByTestId('chip').count()).toBe(2);
      await expect
        .poll(async () => (await t.statusBar().textContent())?.match(/([\d,]+) events/)?.[1])
        .not.toBe(filteredTotal);
      expect(await t.columnTexts('action')).not.toContain(action);
      await t.shot('investigate-07-filtered-in-and-out');
      await t.page.getByTestId('clear-all').click();
      await t.statusBar().getByText(`${demoEvents} events ·`).waitFor();
    });

    it('copies a cell and a row from the context menu', async () => {
      const cell = t.page.locator('tr[data-testid="event-row"]').first().locator('td[data-col="event_time"]');
      const text = (await cell.textContent()) ?? '';
      await cell.click({ button: 'right' });
      await t.page.getByTestId('menu-copy-cell').click();
      await expect.poll(t.clipboard).toBe(text);
      await cell.click({ button: 'right' });
      await t.page.getByTestId('menu-copy-row').click();
      await expect
        .poll(async () => (JSON.parse(await t.clipboard()) as { event_time: string }).event_time)
        .toMatch(/^\d{4}-/);
    });

    it('moves through events with the keyboard and shows the shortcut list', async () => {
      await t.page.locator('tr[data-testid="event-row"]').nth(2).click();
      await t.page.getByTestId('detail-pane').waitFor();
      expect(await t.selectedIndex()).toBe('2');
      await t.page.keyboard.press('Escape');
      await t.page.getByTestId('detail-pane').waitFor({ state: 'detached' });
      await t.page.keyboard.press('j');
      await t.page.keyboard.press('j');
      await t.page.keyboard.press('k');
      expect(await t.selectedIndex()).toBe('3');
      await t.page.keyboard.press('ArrowDown');
      expect(await t.selectedIndex()).toBe('4');
      await t.page.keyboard.press('Enter');
      await t.page.getByTestId('detail-pane').waitFor();
      const eventId = await t.page.getByTestId('field-event_id').locator('dd .long-text').textContent();
      await t.page.keyboard.press('j');
      await expect
        .poll(() => t.page.getByTestId('field-event_id').locator('dd .long-text').textContent())
        .not.toBe(eventId);
      await t.page.keyboard.press('PageDown');
      expect(Number(await t.selectedIndex())).toBeGreaterThan(10);
      await t.page.keyboard.press('End');
      await t.page
        .locator(`tr[data-index="${demoEvents - 1}"][aria-selected="true"][data-testid="event-row"]`)
        .waitFor();
      await t.shot('investigate-08-keyboard-end');
      await t.page.keyboard.press('Home');
      await t.page.locator('tr[data-index="0"][aria-selected="true"]').waitFor();
      // Ctrl+C with nothing selected on the page copies the selected event.
      await t.page.evaluate(() => window.getSelection()?.removeAllRanges());
      await t.page.keyboard.press('Control+c');
      await expect
        .poll(async () => (JSON.parse(await t.clipboard()) as { event_id?: string }).event_id)
        .toBe(await t.page.getByTestId('field-event_id').locator('dd .long-text').textContent());

      await t.page.keyboard.press('?');
      await t.page.getByTestId('shortcuts').getByText('Open the selected event').waitFor();
      await t.shot('investigate-09-shortcuts');
      await t.page.keyboard.press('Escape');
      await expect
        .poll(() => t.page.getByTestId('shortcuts').evaluate((d) => (d as HTMLDialogElement).open))
        .toBe(false);
      await t.page.keyboard.press('Escape');
      await t.page.getByTestId('detail-pane').waitFor({ state: 'detached' });

      await t.page.keyboard.press('/');
      await expect
        .poll(() => t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('search-input');
      expect(await t.page.getByTestId('search-input').inputValue()).toBe('');
      await t.page.keyboard.press('Escape');
    });

    it('produced no console errors, CSP violations or dialogs', () => {
      expect(t.problems).toEqual([]);
    });
  },
);
