import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { EventRow } from '../../preload/api.ts';
import type { EngineHost } from '../../main/engine/api.ts';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import type { ServeHandle } from '../../main/serve.ts';
import { writeNdjson } from '../bench/generate.ts';
import { openBrowserSession } from './browser-session.ts';

/**
 * A large case in Chromium for the scrolling test (scroll-1m.test.ts) and the scrolling benchmark
 * (test/bench/scroll-browser.ts): building the case, serving it, and reading from inside the page
 * which rows the investigator actually sees and whether they are still placeholders.
 *
 * The functions handed to page.evaluate are serialized and run in the page, so they declare no
 * named inner functions (the TypeScript loaders may wrap those in helpers the page does not have).
 */

export { ROOT, SCREENS } from './browser-session.ts';

function removeCase(casePath: string): void {
  for (const p of [casePath, `${casePath}.wal`, `${casePath}.tmp`]) rmSync(p, { force: true, recursive: true });
}

/**
 * Imports `ndjsonPath` (written with writeNdjson first when it does not exist) into a new case at
 * `casePath`. The case is built under another name and renamed at the end, so an interrupted build
 * never leaves a half-filled case behind under the real name. Returns the number of events.
 */
export async function buildCase(casePath: string, ndjsonPath: string, events: number): Promise<number> {
  if (!existsSync(ndjsonPath)) await writeNdjson(ndjsonPath, events);
  const building = `${casePath}.building.duckdb`;
  removeCase(building);
  removeCase(casePath);
  const c = await Case.open(building, { create: true });
  let imported = 0;
  try {
    const summary = await importPaths(c, { paths: [ndjsonPath] });
    const failed = summary.batches.filter((b) => b.error);
    if (failed.length > 0) throw new Error(`import failed: ${JSON.stringify(failed)}`);
    imported = summary.eventsTotal;
  } finally {
    c.close();
  }
  renameSync(building, casePath);
  if (existsSync(`${building}.wal`)) renameSync(`${building}.wal`, `${casePath}.wal`);
  return imported;
}

/** One table row as the page shows it. */
export interface ShownRow {
  index: number;
  /** Still a placeholder (its page has not arrived). */
  loading: boolean;
  /** Cell text by column id (`data-col`); empty for a placeholder. */
  cells: Record<string, string>;
}

/** What the scroller shows right now: the rows that intersect its visible area below the sticky header. */
export interface ShownView {
  rows: ShownRow[];
  /** Every pixel of the visible area is covered by a row (no blank band while Virtuoso catches up). */
  covered: boolean;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Runs in the page. */
export const readView = (total: number): ShownView => {
  const scroller = document.querySelector<HTMLElement>('.event-scroller');
  if (!scroller) throw new Error('no .event-scroller in the page');
  const box = scroller.getBoundingClientRect();
  const head = scroller.querySelector('thead')?.getBoundingClientRect();
  const top = Math.max(box.top, head ? head.bottom : box.top);
  // clientHeight leaves out a horizontal scrollbar.
  const bottom = box.top + scroller.clientHeight;
  const rows: ShownRow[] = [];
  let minTop = Infinity;
  let maxBottom = -Infinity;
  for (const tr of scroller.querySelectorAll<HTMLTableRowElement>('tbody tr[data-index]')) {
    const r = tr.getBoundingClientRect();
    if (r.bottom <= top + 0.5 || r.top >= bottom - 0.5) continue;
    minTop = Math.min(minTop, r.top);
    maxBottom = Math.max(maxBottom, r.bottom);
    const cells: Record<string, string> = {};
    for (const td of tr.querySelectorAll<HTMLTableCellElement>('td[data-col]')) {
      cells[td.dataset.col ?? ''] = td.textContent ?? '';
    }
    rows.push({ index: Number(tr.dataset.index), loading: tr.dataset.testid !== 'event-row', cells });
  }
  const last = rows[rows.length - 1];
  const covered =
    rows.length > 0 && minTop <= top + 1 && (maxBottom >= bottom - 1 || (last !== undefined && last.index === total - 1));
  return {
    rows,
    covered,
    scrollTop: scroller.scrollTop,
    scrollHeight: scroller.scrollHeight,
    clientHeight: scroller.clientHeight,
  };
};

/** Runs in the page: true once the visible area is covered by rows that are all filled. */
export const viewFilled = (total: number): boolean => {
  const scroller = document.querySelector<HTMLElement>('.event-scroller');
  if (!scroller) return false;
  const box = scroller.getBoundingClientRect();
  const head = scroller.querySelector('thead')?.getBoundingClientRect();
  const top = Math.max(box.top, head ? head.bottom : box.top);
  const bottom = box.top + scroller.clientHeight;
  let minTop = Infinity;
  let maxBottom = -Infinity;
  let lastIndex = -1;
  for (const tr of scroller.querySelectorAll<HTMLTableRowElement>('tbody tr[data-index]')) {
    const r = tr.getBoundingClientRect();
    if (r.bottom <= top + 0.5 || r.top >= bottom - 0.5) continue;
    if (tr.dataset.testid !== 'event-row') return false;
    minTop = Math.min(minTop, r.top);
    maxBottom = Math.max(maxBottom, r.bottom);
    lastIndex = Math.max(lastIndex, Number(tr.dataset.index));
  }
  return minTop <= top + 1 && (maxBottom >= bottom - 1 || lastIndex === total - 1);
};

export interface SettleArgs {
  total: number;
  /** Set the scroller's scrollTop to this first (a jump); omitted: only watch (e.g. while the wheel turns). */
  scrollTop?: number;
  /** Scrolling counts as stopped after this long without a scroll event. */
  quietMs: number;
  /** Give up after this long. */
  timeoutMs: number;
}

export interface Settle {
  /** From the last scroll event until the visible rows were all filled; 0 when they never were not. */
  ms: number;
  timedOut: boolean;
  /** Scroll events seen while watching. */
  scrollEvents: number;
  /** Animation frames while watching, and how many of them showed a placeholder or a blank band. */
  frames: number;
  unfilledFrames: number;
  scrollTop: number;
}

/**
 * Runs in the page: optionally jumps, then watches every animation frame until scrolling has been
 * quiet for `quietMs` and the visible rows are filled, and reports how long after the last scroll
 * event they became (and stayed) filled.
 */
export const watchSettle = async (a: SettleArgs): Promise<Settle> => {
  const scroller = document.querySelector<HTMLElement>('.event-scroller');
  if (!scroller) throw new Error('no .event-scroller in the page');
  const start = performance.now();
  let lastScroll = start;
  let scrollEvents = 0;
  let filledAt: number | null = null;
  // An AbortController rather than a named listener to remove (see the note at the top).
  const listening = new AbortController();
  scroller.addEventListener(
    'scroll',
    () => {
      lastScroll = performance.now();
      scrollEvents += 1;
      filledAt = null;
    },
    { passive: true, signal: listening.signal },
  );
  let frames = 0;
  let unfilledFrames = 0;
  let timedOut = false;
  try {
    if (a.scrollTop !== undefined) scroller.scrollTop = a.scrollTop;
    for (;;) {
      await new Promise<number>((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames += 1;
      // The same test as viewFilled (inlined: this function must stand alone in the page).
      const box = scroller.getBoundingClientRect();
      const head = scroller.querySelector('thead')?.getBoundingClientRect();
      const top = Math.max(box.top, head ? head.bottom : box.top);
      const bottom = box.top + scroller.clientHeight;
      let minTop = Infinity;
      let maxBottom = -Infinity;
      let lastIndex = -1;
      let placeholder = false;
      for (const tr of scroller.querySelectorAll<HTMLTableRowElement>('tbody tr[data-index]')) {
        const r = tr.getBoundingClientRect();
        if (r.bottom <= top + 0.5 || r.top >= bottom - 0.5) continue;
        if (tr.dataset.testid !== 'event-row') placeholder = true;
        minTop = Math.min(minTop, r.top);
        maxBottom = Math.max(maxBottom, r.bottom);
        lastIndex = Math.max(lastIndex, Number(tr.dataset.index));
      }
      const filled = !placeholder && minTop <= top + 1 && (maxBottom >= bottom - 1 || lastIndex === a.total - 1);
      if (!filled) {
        unfilledFrames += 1;
        filledAt = null;
      } else if (filledAt === null) {
        filledAt = now;
      }
      if (filledAt !== null && now - lastScroll >= a.quietMs) break;
      if (now - start > a.timeoutMs) {
        timedOut = true;
        break;
      }
    }
  } finally {
    listening.abort();
  }
  const settledAt: number = filledAt ?? performance.now();
  return {
    ms: Math.max(0, settledAt - lastScroll),
    timedOut,
    scrollEvents,
    frames,
    unfilledFrames,
    scrollTop: scroller.scrollTop,
  };
};

export interface ScrollView {
  dir: string;
  engine: EngineHost;
  server: ServeHandle;
  page: Page;
  /** Events in the case. */
  total: number;
  /** Console errors and warnings, page errors and dialogs. */
  problems: string[];
  view(): Promise<ShownView>;
  /** The engine's rows for the table's sort (the default: time ascending). */
  engineRows(offset: number, limit: number): Promise<EventRow[]>;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves `casePath` with the shared renderer build and opens it in Chromium (UTC, 1440×900), up to
 * the first filled row of the table.
 */
export async function openScrollView(casePath: string, opts: { firstRowTimeoutMs?: number } = {}): Promise<ScrollView> {
  const s = await openBrowserSession({ name: 'scroll', timezoneId: 'UTC', engine: { casePath } });
  try {
    const info = await s.engine.caseInfo();
    if (!info.ok) throw new Error(info.error.message);
    const total = info.value.events;
    const { page, engine } = s;
    await page.goto(s.server.url);
    await page.getByTestId('event-row').first().waitFor({ timeout: opts.firstRowTimeoutMs ?? 60_000 });
    return {
      dir: s.dir,
      engine,
      server: s.server,
      page,
      total,
      problems: s.problems,
      view: () => page.evaluate(readView, total),
      engineRows: async (offset, limit) => {
        const r = await engine.getEvents({ offset, limit });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.rows;
      },
      shot: s.shot,
      close: s.close,
    };
  } catch (e) {
    await s.close();
    throw e;
  }
}
