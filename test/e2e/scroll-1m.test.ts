import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, columnDef } from '../../renderer/features/table/columns.ts';
import { chromiumMissing } from './chromium.ts';
import { buildCase, openScrollView, viewFilled, type ScrollView, type ShownRow } from './scroll-fixture.ts';

/**
 * Issue 3: "scroll to the last row of a 1M-event case and see it filled". A generated 1,000,000-event
 * case, served and opened in Chromium; the bottom (by scrolling and by the End key) and the middle
 * must show filled rows, and those rows must be the engine's rows at the same offsets.
 */

const EVENTS = 1_000_000;
/** Deep pages on a cold case wait for the sort index; a loaded 2-core machine is slow at that. */
const FILL_TIMEOUT = 90_000;

describe.skipIf(chromiumMissing !== null)(
  `1M-event case: scrolling to the end and the middle${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 180_000 },
  () => {
    let dir = '';
    let v: ScrollView;
    let timeMax: string | null = null;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'auditlens-scroll-1m-'));
      const ndjson = join(dir, 'events.ndjson');
      const casePath = join(dir, 'scroll-1m.duckdb');
      expect(await buildCase(casePath, ndjson, EVENTS)).toBe(EVENTS);
      rmSync(ndjson); // 360 MB nobody needs any more
      v = await openScrollView(casePath, { firstRowTimeoutMs: 120_000 });
      const info = await v.engine.caseInfo();
      if (!info.ok) throw new Error(info.error.message);
      timeMax = info.value.timeMax;
    }, 600_000);

    afterAll(async () => {
      await v?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The visible rows are consecutive and show exactly what the engine has at their offsets. */
    async function expectEngineRows(rows: ShownRow[]): Promise<void> {
      const first = rows[0];
      if (!first) throw new Error('no visible rows');
      const expected = await v.engineRows(first.index, rows.length);
      rows.forEach((row, i) => {
        expect(row.index).toBe(first.index + i);
        expect(row.loading).toBe(false);
        const event = expected[i];
        if (!event) throw new Error(`the engine has no row at ${row.index}`);
        expect(Object.keys(row.cells).length).toBeGreaterThanOrEqual(5);
        for (const [col, text] of Object.entries(row.cells)) {
          const def = columnDef(col);
          if (!def) throw new Error(`unknown column ${col}`);
          expect(text, `row ${row.index}, column ${col}`).toBe(cellText(def, event, 'UTC'));
        }
      });
    }

    it('opens with the total in the status bar', async () => {
      expect(v.total).toBe(EVENTS);
      await v.page.getByTestId('status-bar').getByText('1,000,000 events').waitFor();
    });

    it('scrolled to the bottom, shows the last event filled', async () => {
      await v.page.evaluate(() => {
        const s = document.querySelector<HTMLElement>('.event-scroller');
        if (s) s.scrollTop = s.scrollHeight;
      });
      await v.page
        .locator(`tr[data-index="${EVENTS - 1}"][data-testid="event-row"]`)
        .waitFor({ timeout: FILL_TIMEOUT });
      await v.page.waitForFunction(viewFilled, EVENTS, { timeout: FILL_TIMEOUT });
      const view = await v.view();
      expect(view.covered).toBe(true);
      expect(view.scrollTop + view.clientHeight).toBeGreaterThanOrEqual(view.scrollHeight - 2);
      const last = view.rows[view.rows.length - 1];
      expect(last?.index).toBe(EVENTS - 1);
      expect(view.rows.length).toBeGreaterThan(10);
      await expectEngineRows(view.rows);
      // The last row by the engine's sort (time ascending) is the newest event of the case.
      const [lastEvent] = await v.engineRows(EVENTS - 1, 1);
      expect(lastEvent?.event_time).toBe(timeMax);
      await v.shot('scroll-1m-bottom');
    });

    it('at the bottom, rows are exactly 26 px apart and their separators are drawn', async () => {
      // Before the row window, a 26M px scroller lost whole-pixel precision past 16,777,216 px:
      // rows drew at uneven spacing and their bottom borders went missing.
      await v.page.evaluate(() => {
        const s = document.querySelector<HTMLElement>('.event-scroller');
        if (s) s.scrollTop = s.scrollHeight;
      });
      await v.page.waitForFunction(viewFilled, EVENTS, { timeout: FILL_TIMEOUT });
      const geo = await v.page.evaluate(() => {
        const s = document.querySelector<HTMLElement>('.event-scroller');
        if (!s) throw new Error('no scroller');
        const rows = [...s.querySelectorAll<HTMLTableRowElement>('tbody tr[data-index]')]
          .map((tr) => ({ index: Number(tr.dataset.index), top: tr.getBoundingClientRect().top, bottom: tr.getBoundingClientRect().bottom }))
          .sort((x, y) => x.index - y.index);
        // Inside the first cell's left padding: only background and separator, never text.
        const cell = s.querySelector('tbody td[data-col]')?.getBoundingClientRect();
        return { rows: rows.slice(-12), scrollHeight: s.scrollHeight, stripX: cell ? cell.left + 3 : -1 };
      });
      expect(geo.scrollHeight).toBeLessThan(8_000_000);
      const last = geo.rows[geo.rows.length - 1];
      expect(last?.index).toBe(EVENTS - 1);
      for (let i = 1; i < geo.rows.length; i++) {
        const [a, b] = [geo.rows[i - 1], geo.rows[i]];
        if (!a || !b) continue;
        expect(b.index).toBe(a.index + 1);
        expect(b.top - a.top, `rows ${a.index}→${b.index}`).toBe(26);
        expect(a.bottom - a.top).toBe(26);
      }
      // The separators, in pixels: a 1 px strip through the rows, decoded in the page.
      expect(geo.stripX).toBeGreaterThan(0);
      const first = geo.rows[0];
      if (!first || !last) throw new Error('no rows');
      const png = await v.page.screenshot({ clip: { x: Math.floor(geo.stripX), y: first.top, width: 1, height: last.bottom - first.top } });
      const column = await v.page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, 1, bitmap.height).data;
        return Array.from({ length: bitmap.height }, (_, y) => `${data[y * 4]},${data[y * 4 + 1]},${data[y * 4 + 2]}`);
      }, png.toString('base64'));
      const rowCount = geo.rows.length;
      expect(column.length).toBe(rowCount * 26);
      const separator = column[25];
      const fill = column[12];
      expect(separator).not.toBe(fill);
      for (let r = 0; r < rowCount; r++) {
        expect(column[r * 26 + 25], `separator under row ${first.index + r}`).toBe(separator);
        expect(column[r * 26 + 12], `inside row ${first.index + r}`).toBe(fill);
      }
      await v.shot('scroll-1m-bottom-rows');
    });

    it('jumped to the middle, shows filled rows from the middle of the case', async () => {
      await v.page.evaluate(() => {
        const s = document.querySelector<HTMLElement>('.event-scroller');
        if (s) s.scrollTop = (s.scrollHeight - s.clientHeight) / 2;
      });
      await v.page.waitForFunction(viewFilled, EVENTS, { timeout: FILL_TIMEOUT });
      const view = await v.view();
      const first = view.rows[0]?.index ?? -1;
      expect(first).toBeGreaterThan(EVENTS * 0.45);
      expect(first).toBeLessThan(EVENTS * 0.55);
      expect(view.rows.length).toBeGreaterThan(10);
      await expectEngineRows(view.rows);
      await v.shot('scroll-1m-middle');
    });

    it('after a reload, End selects the last event and shows it filled', async () => {
      // A fresh page: nothing cached, so End has to fetch the last page itself.
      await v.page.reload();
      await v.page.getByTestId('event-row').first().waitFor({ timeout: FILL_TIMEOUT });
      await v.page.keyboard.press('End');
      const lastRow = v.page.locator(`tr[data-index="${EVENTS - 1}"]`);
      await v.page
        .locator(`tr[data-index="${EVENTS - 1}"][aria-selected="true"][data-testid="event-row"]`)
        .waitFor({ timeout: FILL_TIMEOUT });
      await v.page.waitForFunction(viewFilled, EVENTS, { timeout: FILL_TIMEOUT });
      const view = await v.view();
      expect(view.rows[view.rows.length - 1]?.index).toBe(EVENTS - 1);
      await expectEngineRows(view.rows);
      // Fully inside the scroller, not under the sticky header or past the bottom edge.
      const box = await lastRow.boundingBox();
      const scroller = await v.page.locator('.event-scroller').boundingBox();
      if (!box || !scroller) throw new Error('no boxes');
      expect(box.y + box.height).toBeLessThanOrEqual(scroller.y + scroller.height + 1);
      await v.page.getByTestId('status-bar').getByText('1,000,000 events').waitFor();
      await v.shot('scroll-1m-end');
    });

    it('produced no console errors, page errors or dialogs', () => {
      expect(v.problems).toEqual([]);
    });
  },
);
