import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TZ, writeDemoFiles } from '../../main/demo/files.ts';
import type { CustodyPage, ImportSummary } from '../../preload/api.ts';
import { chromiumMissing } from './chromium.ts';
import { openInvestigation, type Investigation } from './investigate-fixture.ts';
import { SCREENS } from './browser-session.ts';

/**
 * An analysis session end to end in Chromium against the serve host: bookmark, tag and note events
 * (keys and mouse), save a view, open two timelines and a diff, reload and find it all back; export
 * the filtered events and compare the file with the table; write the report and look at it and
 * its print preview. Markup typed as a note or a tag stays text everywhere.
 */

const XSS_NOTE = 'Stage two.\n<img src=x onerror="window.__pwned=1"> came from the proxy';
const XSS_TAG = '<b onmouseover=window.__pwned=2>exfil</b>';
const FILTER = `actor = 'dana@acme.example' AND action = 'UPDATED'`;
/** expect.poll gives up after 1 s by default; on a loaded 2-core machine an API round trip can take longer. */
const WAIT = { timeout: 15_000 };

describe.skipIf(chromiumMissing !== null)(
  `analysis sessions in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 120_000 },
  () => {
    let t: Investigation;
    const pwned = (): Promise<unknown> => t.page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
    const table = (): ReturnType<Investigation['page']['getByTestId']> => t.page.getByTestId('event-table');

    async function applyFilter(expression: string): Promise<void> {
      if (await t.page.getByTestId('investigation').isVisible()) await t.page.getByTestId('investigation-back').click();
      const input = t.page.getByTestId('filter-input');
      await input.fill(expression);
      await input.press('Enter');
      await t.statusBar().getByText('(filtered)').waitFor();
    }

    /** Waits until the saved working state satisfies `test` (saving happens a moment after each change). */
    async function saved(test: (w: Record<string, unknown>) => boolean): Promise<void> {
      await expect.poll(async () => test(((await t.callApi('getSession', 'workspace')) ?? {}) as Record<string, unknown>), WAIT).toBe(true);
    }

    beforeAll(async () => {
      t = await openInvestigation();
      const files = writeDemoFiles(join(t.dir, 'evidence'));
      await t.callApi('createCase', join(t.dir, 'session.duckdb'));
      await t.callApi('setAuthor', 'Dana Investigator');
      const summary = await t.callApi<ImportSummary>('importFiles', { paths: files, tz: DEMO_TZ });
      expect(summary.batches.filter((b) => b.error)).toEqual([]);
      await t.page.goto(t.server.url);
      await t.page.getByTestId('event-row').first().waitFor();
    }, 150_000);

    afterAll(async () => {
      await t?.close();
    });

    it('bookmarks with b, tags with t and writes a note with n, from the keyboard', async () => {
      await applyFilter(FILTER);
      const first = t.page.getByTestId('event-row').first();
      await first.click();
      await t.page.locator('.workspace > [data-testid="detail-pane"]').getByTestId('detail-annotations').waitFor();
      await table().focus();
      await t.page.keyboard.press('b');
      await expect.poll(() => first.getByTestId('star').getAttribute('aria-pressed'), WAIT).toBe('true');
      await t.page.keyboard.press('t');
      const editor = t.page.getByTestId('tag-editor');
      await editor.getByTestId('tag-input').fill('exfil');
      await editor.getByTestId('tag-input').press('Enter');
      await editor.getByTestId('tag-chip').filter({ hasText: 'exfil' }).waitFor();
      await editor.getByTestId('tag-input').fill(XSS_TAG);
      await editor.getByTestId('tag-input').press('Enter');
      await editor.getByTestId('tag-color-purple').click();
      await t.shots('sessions-01-tag-editor');
      // The shots resize the window, and a resize closes popovers (Popover.tsx): Escape would now
      // close the detail pane instead.
      await editor.waitFor({ state: 'hidden' });
      await t.page.keyboard.press('n');
      const note = t.page.getByTestId('note-editor');
      await note.getByTestId('note-input').fill(XSS_NOTE);
      await t.shots('sessions-02-note-editor');
      await note.getByTestId('note-input').press('Control+Enter');
      await note.waitFor({ state: 'hidden' });
      const detail = t.page.locator('.workspace > [data-testid="detail-pane"]');
      expect(await detail.getByTestId('detail-note').locator('.detail-note-text').textContent()).toBe(XSS_NOTE);
      expect(await detail.getByTestId('tag-chip').allTextContents()).toEqual(['exfil×', `${XSS_TAG}×`]);
      // The second row gets a bookmark and the tag from the mouse.
      const second = t.page.getByTestId('event-row').nth(1);
      await second.getByTestId('star').click();
      await expect.poll(() => second.getByTestId('star').getAttribute('aria-pressed'), WAIT).toBe('true');
      await expect.poll(() => first.getByTestId('tag-chip').count(), WAIT).toBe(2);
      expect(await t.page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
      expect(await pwned()).toBeUndefined();
      await t.shots('sessions-03-table-annotated');
    });

    it('refuses a 1 MB note in the dialog and keeps the one there', async () => {
      await t.page.getByTestId('event-row').first().click();
      await table().focus();
      await t.page.keyboard.press('n');
      const note = t.page.getByTestId('note-editor');
      await note.getByTestId('note-input').fill('x'.repeat(1024 * 1024));
      await note.getByTestId('note-count').getByText('too long to keep as a note').waitFor();
      expect(await note.getByTestId('note-save').isDisabled()).toBe(true);
      await t.shot('sessions-04-note-too-long');
      await t.page.keyboard.press('Escape');
      await note.waitFor({ state: 'hidden' });
      expect(await t.page.locator('.workspace > [data-testid="detail-pane"]').getByTestId('detail-note').locator('.detail-note-text').textContent()).toBe(XSS_NOTE);
    });

    it('filters by the annotations and saves the view', async () => {
      await applyFilter('bookmarked');
      await t.statusBar().getByText('2 events (filtered)').waitFor();
      await applyFilter(`tag = 'exfil'`);
      await t.statusBar().getByText('1 event (filtered)').waitFor();
      await applyFilter(`bookmarked AND has_note`);
      await t.statusBar().getByText('1 event (filtered)').waitFor();
      await t.page.getByTestId('views-button').click();
      const menu = t.page.getByTestId('views-menu');
      await menu.getByTestId('view-name').fill('Noted bookmarks');
      await menu.getByTestId('view-save').click();
      await menu.getByTestId('view-item').filter({ hasText: 'Noted bookmarks' }).waitFor();
      await t.shots('sessions-05-views-menu');
      await menu.waitFor({ state: 'hidden' });
      await applyFilter(FILTER);
      // Opening the view puts its filter back exactly.
      await t.page.getByTestId('views-button').click();
      await t.page.getByTestId('view-open').first().click();
      await expect.poll(() => t.page.getByTestId('filter-input').inputValue(), WAIT).toBe('bookmarked AND has_note');
      await t.statusBar().getByText('1 event (filtered)').waitFor();
    });

    it('lists the findings in the annotations panel, in time order with notes', async () => {
      await t.page.getByTestId('annotations-button').click();
      const panel = t.page.locator('[data-testid="annotations-panel"]:visible');
      await expect.poll(() => panel.getByTestId('annotation-item').count(), WAIT).toBe(2);
      expect(await panel.getByTestId('annotation-note').first().textContent()).toBe(XSS_NOTE);
      await t.shots('sessions-06-annotations-panel');
      await t.page.getByTestId('investigation-back').click();
    });

    it('comes back after a reload: view, selection, detail pane, two timelines, a diff and the annotations', async () => {
      await applyFilter(FILTER);
      // A diff: two versions of the process from its history.
      await t.page.locator('tr[data-testid="event-row"]', { hasText: 'prc_7Hq2LmN4' }).first().click();
      const detail = t.page.locator('.workspace > [data-testid="detail-pane"]');
      await detail.getByTestId('open-history').click();
      const history = t.page.locator('[data-testid="history-view"]:visible');
      await history.getByTestId('history-version').nth(2).waitFor();
      await history.locator('[data-version="0"]').getByTestId('history-pick').check();
      await history.locator('[data-version="2"]').getByTestId('history-pick').check();
      await history.getByTestId('history-compare').click();
      await t.page.locator('[data-testid="diff-panel"][data-state="ready"]').waitFor();
      // Two timelines, from the detail pane of the selected event.
      await t.page.getByTestId('investigation-back').click();
      await detail.getByTestId('open-actor-timeline').click();
      await t.page.locator('[data-testid="timeline-view"]:visible').getByTestId('timeline-event').first().waitFor();
      await t.page.getByTestId('investigation-back').click();
      await detail.getByTestId('open-ip-timeline').click();
      await t.page.locator('[data-testid="timeline-view"][data-entity^="ip:"]:visible').getByTestId('timeline-event').first().waitFor();
      await t.page.getByTestId('investigation-back').click();
      const selectedBefore = await t.selectedIndex();
      const tabsBefore = await t.page.getByTestId('investigation-tab').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
      expect(tabsBefore).toEqual(expect.arrayContaining(['timeline', 'timeline', 'diff', 'history', 'annotations']));
      const selectedId = await t.page.locator('tr[aria-selected="true"]').first().getAttribute('data-index');
      await t.page.getByTestId('zone-local').click();
      await saved((w) => {
        const tabs = (w.tabs as { tabs?: unknown[] } | undefined)?.tabs ?? [];
        const scope = w.scope as { filter?: string; zone?: string } | undefined;
        return (
          tabs.length === tabsBefore.length &&
          scope?.filter === FILTER &&
          scope.zone === 'local' &&
          w.detailOpen === true &&
          (w.selection as { index?: number } | null)?.index === Number(selectedBefore)
        );
      });

      await t.page.reload();
      await t.page.getByTestId('event-row').first().waitFor();
      await expect.poll(() => t.page.getByTestId('filter-input').inputValue(), WAIT).toBe(FILTER);
      await expect.poll(() => t.selectedIndex(), WAIT).toBe(selectedId);
      expect(await t.page.getByTestId('zone-local').getAttribute('aria-pressed')).toBe('true');
      await t.page.locator('.workspace > [data-testid="detail-pane"]').getByTestId('detail-annotations').waitFor();
      const tabsAfter = await t.page.getByTestId('investigation-tab').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
      expect(tabsAfter).toEqual(tabsBefore);
      await t.page.getByTestId('investigation-dock').click();
      await t.page.locator('[data-testid="investigation-tab"][data-kind="diff"]').click();
      await t.page.locator('[data-testid="diff-panel"][data-state="ready"]:visible').waitFor();
      await t.page.getByTestId('investigation-back').click();
      expect(await t.page.locator('tr[data-testid="event-row"] [data-testid="star"][aria-pressed="true"]').count()).toBeGreaterThan(0);
      await t.page.getByTestId('views-button').click();
      await t.page.getByTestId('view-item').filter({ hasText: 'Noted bookmarks' }).waitFor();
      await t.page.keyboard.press('Escape');
      await t.shots('sessions-07-after-reload');
    });

    it('exports the filtered events: the file has the table’s rows, in its order, with provenance and masked secrets', async () => {
      // The demo's attacker: epilot calls made with the leaked token.
      const attacker = `vendor = 'epilot' AND src_ip = '203.0.113.77'`;
      await applyFilter(attacker);
      const total = await t.callApi<number>('countEvents', { filter: attacker });
      expect(total).toBeGreaterThan(0);
      // The status bar said "(filtered)" for the last filter already: wait for this one's count and rows.
      await t.statusBar().getByText(`${total.toLocaleString('en-US')} event${total === 1 ? '' : 's'} (filtered)`).waitFor();
      await t.page.locator('tr[data-testid="event-row"] td[data-col="src_ip"]', { hasText: '203.0.113.77' }).first().waitFor();
      const ips = await t.columnTexts('src_ip');
      const actions = await t.columnTexts('action');
      await t.page.getByTestId('case-menu').click();
      await t.page.getByTestId('menu-export').click();
      const dialog = t.page.getByTestId('export-dialog');
      await dialog.getByTestId('export-format').selectOption('ndjson');
      const path = join(t.dir, 'epilot-attacker.ndjson');
      await dialog.getByTestId('export-path-input').fill(path);
      await t.shots('sessions-08-export-dialog');
      await dialog.getByTestId('export-start').click();
      await dialog.getByTestId('export-done').waitFor();
      await t.shot('sessions-09-export-done');
      const sha = await dialog.getByTestId('export-sha256').textContent();
      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(total);
      expect(lines.slice(0, actions.length).map((l) => l.action)).toEqual(actions);
      expect(lines.slice(0, ips.length).map((l) => l.src_ip)).toEqual(ips);
      for (const l of lines) {
        expect(l.origin).toMatch(/epilot/);
        expect(l.origin_sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(l.locator).toBeTruthy();
      }
      // The attacker's bearer token in epilot's http.headers does not leave the case.
      const text = readFileSync(path, 'utf8');
      expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9.demo-token.sig');
      expect(text).toContain('[MASKED]');
      const logged = (await t.callApi<CustodyPage>('listCustody', { actions: ['export'] })).rows[0]?.details as { sha256?: string } | undefined;
      expect(sha).toContain(logged?.sha256 ?? 'no custody entry');
      await dialog.getByTestId('export-close').click();
    });

    it('writes the report; it shows the findings as text, on screen and in its A4 print preview', async () => {
      await t.page.getByTestId('case-menu').click();
      await t.page.getByTestId('menu-report').click();
      const dialog = t.page.getByTestId('report-dialog');
      const path = join(t.dir, 'report.html');
      await dialog.getByTestId('report-title').fill('Invoice-sync compromise');
      await dialog.getByTestId('report-path-input').fill(path);
      await dialog.getByTestId('report-write').click();
      await dialog.getByTestId('report-done').waitFor();
      await dialog.getByTestId('report-close').click();
      const page = await t.context.newPage();
      await page.goto(`file://${path}`);
      await page.getByText('Invoice-sync compromise').first().waitFor();
      expect(await page.locator('.note-text').first().textContent()).toBe(XSS_NOTE);
      expect(await page.locator('.tag').allTextContents()).toEqual(expect.arrayContaining([XSS_TAG, 'exfil']));
      expect(await page.locator('img, script, b[onmouseover]').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: join(SCREENS, 'sessions-10-report.png'), fullPage: false });
      const pdf = join(SCREENS, 'sessions-11-report.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      // Pages of the print preview as images, for a person to look at (poppler-utils, where installed).
      if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, join(SCREENS, 'sessions-11-report-page')]);
      await page.close();
    });

    it('shows every step in the custody log, which offers no way to change it', async () => {
      await t.page.getByTestId('case-menu').click();
      await t.page.getByTestId('menu-custody').click();
      const panel = t.page.getByTestId('custody-panel');
      await panel.getByTestId('custody-row').first().waitFor();
      const actions = await panel.getByTestId('custody-action').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.action));
      expect(actions).toEqual(expect.arrayContaining(['case-created', 'import', 'annotation', 'view-saved', 'export', 'report']));
      await panel.locator('[data-testid="custody-action"][data-action="annotation"]').click();
      await expect.poll(async () => (await panel.getByTestId('custody-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.action))).every((a) => a === 'annotation'), WAIT).toBe(true);
      await t.shots('sessions-12-custody-log');
      expect(await panel.locator('button', { hasText: /delete|edit|remove/i }).count()).toBe(0);
      await t.page.keyboard.press('Escape');
    });

    it('produced no console errors, CSP violations or dialogs', () => {
      expect(t.problems).toEqual([]);
    });
  },
);
