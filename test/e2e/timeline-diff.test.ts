import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TZ, writeDemoFiles } from '../../main/demo/files.ts';
import type { ImportSummary } from '../../preload/api.ts';
import { chromiumMissing } from './chromium.ts';
import { openInvestigation, type Investigation } from './investigate-fixture.ts';
import { HOSTILE_ACTOR, HOSTILE_ADDED_LINE, HOSTILE_PROCESS, writeHostileYepcode } from './timeline-diff-data.ts';

/**
 * Timelines, object history and diffs end to end in Chromium against the serve host, on the demo
 * evidence plus a YepCode export whose actor, process name and code are markup.
 */

const pwned = (t: Investigation): Promise<unknown> => t.page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

/**
 * Polls that wait on an engine answer. vitest's default (1 s) is shorter than one query takes on a
 * loaded CI machine: the history then failed to appear in time and every later step saw it hidden.
 */
const ANSWER = { timeout: 30_000 } as const;

describe.skipIf(chromiumMissing !== null)(
  `timelines, history and diffs in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 90_000 },
  () => {
    let t: Investigation;

    /** Applies a filter-bar expression and waits for the table to show that many events. */
    async function filterTable(expression: string, expected?: number): Promise<void> {
      const events = expected ?? (await t.callApi<number>('countEvents', { filter: expression }));
      // The table is under the investigation area while a tab is shown.
      if (await t.page.getByTestId('investigation').isVisible()) await t.page.getByTestId('investigation-back').click();
      const input = t.page.getByTestId('filter-input');
      await input.fill(expression);
      await input.press('Enter');
      await t.statusBar().getByText(`${events} ${events === 1 ? 'event' : 'events'} (filtered)`).waitFor();
    }

    /**
     * The history of process prc_7Hq2LmN4 (invoice-sync) on screen, whatever the test before left showing, so one failure
     * shows up as itself and not as every later test finding the view hidden.
     */
    async function showInvoiceSyncHistory(): Promise<Locator> {
      const tab = t.page.getByTestId('investigation-tab').filter({ hasText: 'history: prc_7Hq2LmN4' });
      if (!(await tab.isVisible())) await t.page.getByTestId('investigation-dock').click();
      await tab.click();
      const view = t.page.locator('[data-testid="history-view"]:visible');
      await expect.poll(() => view.getByTestId('history-summary').textContent(), ANSWER).toMatch(/^4 versions/);
      return view;
    }

    /** Right-click a cell and wait for its menu (a click on a row still being drawn opens none). */
    async function cellMenu(col: string): Promise<Locator> {
      const menu = t.page.getByRole('menu');
      await expect
        .poll(async () => {
          if (!(await menu.isVisible())) await t.page.getByTestId('event-row').first().locator(`[data-col="${col}"]`).click({ button: 'right' });
          return menu.isVisible();
        }, ANSWER)
        .toBe(true);
      return menu;
    }

    async function openDetailOfFirstRow(): Promise<Locator> {
      // A click that lands just before the rows of a new result arrive is dropped with the old
      // result's selection: click again until a row of this result is selected.
      const selected = t.page.locator('tr[data-testid="event-row"][aria-selected="true"]');
      await expect
        .poll(async () => {
          if (!(await selected.isVisible())) await t.page.getByTestId('event-row').first().click();
          return selected.isVisible();
        }, ANSWER)
        .toBe(true);
      // The table's own detail pane (timelines inside the investigation area have theirs).
      const pane = t.page.locator('.workspace > [data-testid="detail-pane"]');
      await pane.getByTestId('investigate-buttons').waitFor();
      return pane;
    }

    // A renderer build and eight imports: minutes on a loaded 2-core machine (CI runs the unit
    // tests beside the browser); a hang still fails.
    beforeAll(async () => {
      t = await openInvestigation();
      const files = [...writeDemoFiles(join(t.dir, 'evidence')), writeHostileYepcode(t.dir)];
      await t.callApi('createCase', join(t.dir, 'timeline.duckdb'));
      const summary = await t.callApi<ImportSummary>('importFiles', { paths: files, tz: DEMO_TZ });
      expect(summary.batches.filter((b) => b.error || b.rejects > 0)).toEqual([]);
      await t.page.goto(t.server.url);
      await t.page.getByTestId('event-row').first().waitFor();
    }, 300_000);

    afterAll(async () => {
      await t?.close();
    });

    it('opens the history of process invoice-sync from the detail pane', async () => {
      await filterTable(`target_id = 'prc_7Hq2LmN4' AND action = 'UPDATED'`, 2);
      const detail = await openDetailOfFirstRow();
      await t.shot('timeline-01-detail-investigate-buttons');
      await detail.getByTestId('open-history').click();
      const view = t.page.getByTestId('history-view');
      await view.waitFor();
      await expect.poll(() => view.getByTestId('history-summary').textContent(), ANSWER).toMatch(/^4 versions from \d+ events$/);
      // The state before the first edit comes first: the original code, read from the first change's old value.
      const rows = view.getByTestId('history-version');
      await expect.poll(() => rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version)), ANSWER).toEqual([
        'initial',
        '0',
        '1',
        '2',
        '3',
      ]);
      await rows.nth(1).click();
      const change = view.getByTestId('history-version-detail').getByTestId('change-diff');
      await change.locator('[data-kind="insert"]', { hasText: 'paste.example.net' }).first().waitFor();
      await t.shot('timeline-02-history-version-change');
    });

    it('shows the same history, in the same tab, from an execution of the process and from its Target cell', async () => {
      const versions = (): Promise<string[]> =>
        t.page
          .locator('[data-testid="history-view"]:visible [data-testid="history-version"]')
          .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version ?? ''));
      const before = await versions();
      const tabs = await t.page.getByTestId('investigation-tab').count();
      // An EXECUTED event logs the process with type EXECUTION; its history is still the process's.
      await filterTable(`target_id = 'prc_7Hq2LmN4' AND action = 'EXECUTED'`);
      const detail = await openDetailOfFirstRow();
      expect(await detail.locator('h2').textContent()).toBe('EXECUTED');
      await detail.getByTestId('open-history').click();
      await expect.poll(versions, ANSWER).toEqual(before);
      expect(await t.page.getByTestId('investigation-tab').count()).toBe(tabs);
      await t.page.getByTestId('investigation-back').click();
      await (await cellMenu('target')).getByTestId('menu-history').click();
      await expect.poll(versions, ANSWER).toEqual(before);
      expect(await t.page.getByTestId('investigation-tab').count()).toBe(tabs);
      expect(await t.page.getByTestId('investigation-tab').filter({ hasText: 'history: prc_7Hq2LmN4' }).count()).toBe(1);
    });

    it('shows the state at a chosen time', async () => {
      const state = (await showInvoiceSyncHistory()).getByTestId('state-at-time');
      await state.getByTestId('state-time-input').fill('2025-03-04 02:30');
      await expect.poll(() => state.getByTestId('state-version').textContent(), ANSWER).toContain('#2');
      expect(await state.getByTestId('state-field').first().textContent()).toContain('https://paste.example.net/u/8f3k');
      await state.getByTestId('state-time-input').fill('2025-03-04 02:00');
      await expect.poll(() => state.getByTestId('state-version').textContent(), ANSWER).toContain('Initial');
      expect(await state.getByTestId('state-field').first().textContent()).not.toContain('paste.example.net');
      await t.shot('timeline-03-history-state-at-time');
    });

    it('diffs the two code versions side by side with the changed lines highlighted', async () => {
      const view = await showInvoiceSyncHistory();
      await view.locator('[data-version="0"]').getByTestId('history-pick').check();
      await view.locator('[data-version="2"]').getByTestId('history-pick').check();
      await view.getByTestId('history-compare').click();
      const diff = t.page.locator('[data-testid="diff-panel"][data-state="ready"]');
      await diff.waitFor();
      expect(await diff.getByTestId('diff-label-a').textContent()).toContain('#1');
      expect(await diff.getByTestId('diff-label-b').textContent()).toContain('#3');
      // Version 1 posted the environment to a paste site; version 3 hides the URL in base64.
      await diff.locator('[data-testid="diff-line"][data-kind="change"]').first().waitFor();
      const removed = diff.locator('.text.delete', { hasText: 'https://paste.example.net/u/8f3k' });
      const added = diff.locator('.text.insert', { hasText: 'aHR0cHM6Ly9wYXN0ZS5leGFtcGxlLm5ldC91LzhmM2s=' });
      await removed.first().waitFor();
      await added.first().waitFor();
      expect(await diff.locator('.word.added').count()).toBeGreaterThan(0);
      expect(await diff.getByTestId('diff-fold').count()).toBeGreaterThan(0);
      await t.shot('timeline-04-diff-side-by-side');
      await diff.getByTestId('diff-mode-inline').click();
      await diff.locator('.diff-line.inline.insert').first().waitFor();
      await t.shot('timeline-05-diff-inline');
      await diff.getByTestId('diff-fold').first().click();
      await diff.getByTestId('diff-mode-side').click();
      expect(await diff.getByTestId('diff-summary').textContent()).toMatch(/1 of 1 field changed · \+\d+ −\d+ lines/);
    });

    it("opens an actor's timeline with lanes across at least three sources", async () => {
      await filterTable(`actor = 'dana@acme.example' AND target_id = 'prc_7Hq2LmN4' AND action = 'UPDATED'`, 2);
      const detail = await openDetailOfFirstRow();
      await detail.getByTestId('open-actor-timeline').click();
      const view = t.page.getByTestId('timeline-view');
      await view.getByTestId('lane-chart').locator('canvas').waitFor();
      const lanes = await view.getByTestId('lane-label').locator('.lane-name').allTextContents();
      expect(lanes.length).toBeGreaterThanOrEqual(3);
      expect(lanes).toEqual(expect.arrayContaining(['okta', 'yepcode', 'squadcast']));
      const total = Number((await view.getByTestId('timeline-summary').textContent())?.match(/^(\d+) events/)?.[1]);
      expect(total).toBeGreaterThan(20);
      await view.getByTestId('timeline-event').first().waitFor();
      await t.shot('timeline-06-actor-timeline');

      // Brushing across the night of the attack narrows the list to that window.
      const span = (await view.getByTestId('timeline-summary').textContent())?.match(/(\d{4}-\d\d-\d\d \d\d:\d\d) → (\d{4}-\d\d-\d\d \d\d:\d\d)/);
      if (!span) throw new Error('no time span in the summary');
      const [min, max] = [Date.parse(`${span[1]}Z`), Date.parse(`${span[2]}Z`)];
      const at = (iso: string): number => (Date.parse(iso) - min) / (max - min);
      const over = await view.getByTestId('lane-chart').locator('.u-over').boundingBox();
      if (!over) throw new Error('no chart');
      await t.page.mouse.move(over.x + over.width * at('2025-03-04T01:00:00Z'), over.y + 10);
      await t.page.mouse.down();
      await t.page.mouse.move(over.x + over.width * at('2025-03-04T04:00:00Z'), over.y + over.height - 10, { steps: 6 });
      await t.page.mouse.up();
      const windowBar = view.getByTestId('timeline-window');
      await windowBar.waitFor();
      await expect.poll(async () => Number((await windowBar.textContent())?.match(/(\d+) events/)?.[1] ?? -1), ANSWER).toBeGreaterThan(0);
      const inWindow = Number((await windowBar.textContent())?.match(/(\d+) events/)?.[1]);
      expect(inWindow).toBeLessThan(total);
      const listed = view.getByTestId('timeline-event');
      await expect.poll(async () => (await listed.count()) > 0 && (await listed.count()) <= inWindow, ANSWER).toBe(true);
      const firstTime = Date.parse(`${(await listed.first().locator('span.mono').first().textContent())?.replace(' ', 'T')}Z`);
      expect(firstTime).toBeGreaterThanOrEqual(Date.parse('2025-03-04T00:45:00Z'));
      await t.shot('timeline-07-actor-timeline-brushed');

      // Clicking an event selects it and shows its detail next to the list.
      await listed.filter({ hasText: 'prc_7Hq2LmN4' }).first().click();
      await view.getByTestId('detail-pane').waitFor();
      expect(await view.locator('[data-testid="timeline-event"][aria-selected="true"]').count()).toBe(1);
      await t.shot('timeline-08-actor-timeline-selected');
    });

    it('shows what the same actor, IP and target did around an event, in a chosen window', async () => {
      const view = t.page.getByTestId('timeline-view');
      await view.getByTestId('timeline-around').click();
      const ctx = t.page.locator('[data-testid="context-view"]:visible');
      await ctx.getByTestId('context-actor').getByTestId('context-row').first().waitFor();
      const count = async (): Promise<number> => ctx.getByTestId('context-row').count();
      const narrow = await count();
      // The event itself sits in every column that has a value, marked.
      expect(await ctx.getByTestId('context-actor').locator('.ctx-row.self').count()).toBe(1);
      await t.shot('timeline-09-around-event-15min');
      await ctx.getByTestId('context-window-360').click();
      await expect.poll(count, ANSWER).toBeGreaterThan(narrow);
      await t.shot('timeline-10-around-event-6h');
    });

    it('opens two timelines side by side, and puts a timeline in the table', async () => {
      const ctx = t.page.locator('[data-testid="context-view"]:visible');
      await ctx.getByTestId('context-ip').getByRole('button', { name: 'Timeline' }).click();
      await t.page.locator('[data-testid="timeline-view"][data-entity^="ip:"]').getByTestId('timeline-event').first().waitFor();
      const actorTab = t.page.getByTestId('investigation-tab').filter({ hasText: 'actor: dana@acme.example' });
      await actorTab.locator('xpath=..').getByTestId('investigation-tab-beside').click();
      await expect.poll(() => t.page.getByTestId('investigation-pane').count(), ANSWER).toBe(2);
      await expect.poll(() => t.page.locator('[data-testid="investigation-pane"] [data-testid="lane-chart"] canvas').count(), ANSWER).toBe(2);
      await t.shot('timeline-11-two-timelines-side-by-side');

      const ipView = t.page.locator('[data-testid="timeline-view"][data-entity^="ip:"]');
      const ipTotal = Number((await ipView.getByTestId('timeline-summary').textContent())?.match(/^(\d+) events/)?.[1]);
      await ipView.getByTestId('timeline-show-in-table').click();
      await t.page.getByTestId('investigation').waitFor({ state: 'hidden' });
      await t.statusBar().getByText(`${ipTotal} ${ipTotal === 1 ? 'event' : 'events'} (filtered)`).waitFor();
      await t.page.getByTestId('investigation-dock').waitFor();
      await t.shot('timeline-12-shown-in-table');
    });

    it('renders hostile code, names and actors as text in the diff and the timeline', async () => {
      await filterTable(`target_id = '${HOSTILE_PROCESS}'`, 2);
      const detail = await openDetailOfFirstRow();
      await detail.getByTestId('open-history').click();
      const view = t.page.locator('[data-testid="history-view"]:visible');
      await expect.poll(() => view.getByTestId('history-summary').textContent(), ANSWER).toBe('2 versions from 2 events');
      await view.locator('[data-testid="history-version"][data-version="0"]').click();
      const change = view.getByTestId('change-diff');
      await change.locator('[data-kind="insert"]', { hasText: HOSTILE_ADDED_LINE.trim() }).first().waitFor();
      await view.getByTestId('change-diff-open').click();
      const diff = t.page.locator('[data-testid="diff-panel"][data-state="ready"]:visible');
      await diff.waitFor();
      // The markup is there, as characters.
      await diff.locator('.text', { hasText: "el.textContent = '<script>window.__pwned=1</script>';" }).first().waitFor();
      await diff.locator('.text', { hasText: '// &lt;b&gt; stays an entity: &amp;' }).first().waitFor();
      await diff.locator('.text.insert', { hasText: HOSTILE_ADDED_LINE.trim() }).first().waitFor();
      await diff.locator('.text.insert', { hasText: 'return "</div></td></tr>&amp;lt;";' }).first().waitFor();
      await t.shot('timeline-13-hostile-diff');

      await t.page.getByTestId('investigation-back').click();
      await (await openDetailOfFirstRow()).getByTestId('open-actor-timeline').click();
      // The actor timeline from before is still shown beside it.
      const tl = t.page.locator(`[data-testid="timeline-view"][data-entity="actor:${HOSTILE_ACTOR}"]`);
      await expect.poll(() => tl.getByTestId('timeline-entity').textContent(), ANSWER).toBe(HOSTILE_ACTOR);
      await tl.getByTestId('timeline-event').first().waitFor();
      expect(await tl.getByTestId('timeline-event').first().textContent()).toContain(HOSTILE_PROCESS);
      await tl.getByTestId('lanes-by-action').click();
      await expect.poll(() => tl.getByTestId('lane-label').allTextContents(), ANSWER).toEqual(['UPDATED2']);
      await t.shot('timeline-14-hostile-timeline');

      const investigation = t.page.getByTestId('investigation');
      expect(await investigation.locator('img, script, [onerror], [onmouseover]').count()).toBe(0);
      expect(await t.page.locator('img[src="x"]').count()).toBe(0);
      expect(await pwned(t)).toBeUndefined();
    });

    it('keeps its tabs when more evidence is imported into the same case', async () => {
      const tabs = await t.page.getByTestId('investigation-tab').count();
      expect(tabs).toBeGreaterThan(3);
      const file = join(t.dir, 'late.ndjson');
      writeFileSync(file, `${JSON.stringify({ time: '2025-03-05T10:00:00Z', user: 'late@example.com', action: 'login' })}\n`);
      const before = (await t.callApi<{ events: number }>('caseInfo')).events;
      await t.callApi('importFiles', { paths: [file] });
      await t.page.getByText(String(before + 1), { exact: true }).waitFor();
      expect(await t.page.getByTestId('investigation-tab').count()).toBe(tabs);
    });

    it('produced no console errors, CSP violations or dialogs', () => {
      expect(t.problems).toEqual([]);
    });
    it("shows an UPDATED event's own change as a diff in the detail pane, and opens timelines from a cell", async () => {
      await filterTable(`target_id = 'prc_7Hq2LmN4' AND action = 'UPDATED'`, 2);
      const detail = await openDetailOfFirstRow();
      await detail.getByTestId('change-diff').locator('[data-kind="insert"]').first().waitFor();
      await t.page.keyboard.press('Escape');
      await (await cellMenu('actor')).getByTestId('menu-timeline').click();
      await t.page.locator('[data-testid="timeline-view"][data-entity="actor:dana@acme.example"]:visible').first().waitFor();
      await t.page.getByTestId('investigation-back').click();
      await (await cellMenu('target')).getByTestId('menu-history').click();
      // Earlier tests left their tabs open: the one now shown is the new one.
      await t.page.locator('[data-testid="history-view"]:visible').first().waitFor();
    });
  },
);
