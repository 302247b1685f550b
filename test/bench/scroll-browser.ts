/**
 * Browser scrolling benchmark (issue 3): a large case served to Chromium, the table scrolled from
 * top to bottom, and for every stop how long rows stay placeholders after the scroll stops
 * (target: filled within 200 ms). Not part of `npm test`; `npm run bench` runs it on the 1M case.
 *
 *   npx tsx test/bench/scroll-browser.ts              1M events (.bench/scroll-1m.duckdb, built once)
 *   npx tsx test/bench/scroll-browser.ts --10m        also 10M events (.bench/scroll-10m.duckdb)
 *   npx tsx test/bench/scroll-browser.ts --case X     an existing case (run.ts passes the one it imported)
 *
 * Stops: 40 jumps to evenly spaced scrollTop positions from top to bottom, then 5 segments of
 * continuous wheel scrolling. A stop counts as settled once no scroll event came for a moment and
 * every row in the visible area (below the sticky header) is filled; the figure is the time from the
 * last scroll event to the first frame of that. Measured inside the page, once per animation frame.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumMissing } from '../e2e/chromium.ts';
import { buildCase, openScrollView, viewFilled, watchSettle, type ScrollView, type Settle } from '../e2e/scroll-fixture.ts';

const TARGET_MS = 200;
const JUMPS = 40;
const WHEEL_SEGMENTS = [0.1, 0.3, 0.5, 0.7, 0.9];
const WHEEL_EVENTS = 40;
const WHEEL_DELTA = 600;
/** Scrolling counts as stopped after this long without a scroll event. */
const QUIET_MS = 150;
const STOP_TIMEOUT_MS = 60_000;

const dir = join(process.cwd(), '.bench');
const args = process.argv.slice(2);

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const note = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface Scroller {
  scrollHeight: number;
  clientHeight: number;
}

const scrollerSize = (page: Page): Promise<Scroller> =>
  page.evaluate(() => {
    const s = document.querySelector<HTMLElement>('.event-scroller');
    if (!s) throw new Error('no .event-scroller in the page');
    return { scrollHeight: s.scrollHeight, clientHeight: s.clientHeight };
  });

async function settle(page: Page, total: number, scrollTop?: number): Promise<Settle> {
  return page.evaluate(watchSettle, { total, scrollTop, quietMs: QUIET_MS, timeoutMs: STOP_TIMEOUT_MS });
}

function summary(label: string, stops: Settle[]): string {
  const xs = stops.map((s) => s.ms);
  const over = xs.filter((x) => x > TARGET_MS).length;
  const instant = stops.filter((s) => s.unfilledFrames === 0).length;
  const timedOut = stops.filter((s) => s.timedOut).length;
  return (
    `${label}: placeholders after the scroll stopped p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))} ` +
    `(target ≤ ${TARGET_MS} ms: ${over === 0 ? 'met' : `${over} of ${xs.length} stops over`}); ` +
    `${instant} of ${xs.length} never showed a placeholder` +
    (timedOut ? `; ${timedOut} never filled within ${STOP_TIMEOUT_MS / 1000} s` : '')
  );
}

async function bench(v: ScrollView, label: string): Promise<void> {
  const { page, total } = v;
  say(`browser scroll, ${label} (${total.toLocaleString('en-US')} events; Chromium 1440×900, ${JUMPS} jumps + ${WHEEL_SEGMENTS.length} wheel segments):`);

  // A fresh page, timed from navigation to a filled first screen.
  const t0 = performance.now();
  await page.reload();
  await page.waitForFunction(viewFilled, total, { timeout: STOP_TIMEOUT_MS });
  const firstScreen = performance.now() - t0;
  // The engine builds its sort index in the background after the first page; deep pages wait for it.
  const t1 = performance.now();
  await v.engineRows(Math.floor(total / 2), 1);
  say(`  first screen after a reload ${ms(firstScreen)}; sort index ready ${ms(performance.now() - t1)} later`);

  const jumps: Settle[] = [];
  for (let k = 1; k <= JUMPS; k++) {
    const { scrollHeight, clientHeight } = await scrollerSize(page);
    jumps.push(await settle(page, total, Math.round((k / JUMPS) * (scrollHeight - clientHeight))));
  }
  say(`  ${summary(`${JUMPS} jumps`, jumps)}`);
  const bottom = await v.view();
  const lastShown = bottom.rows[bottom.rows.length - 1]?.index ?? -1;
  say(
    `  at the bottom of the scroller (scrollHeight ${bottom.scrollHeight.toLocaleString('en-US')} px) the last visible row is ` +
      `${(lastShown + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` +
      (lastShown === total - 1 ? '' : ' — THE END OF THE RESULT CANNOT BE SCROLLED TO'),
  );

  const wheels: Settle[] = [];
  let frames = 0;
  let unfilled = 0;
  const box = await page.locator('.event-scroller').boundingBox();
  if (!box) throw new Error('no scroller box');
  for (const at of WHEEL_SEGMENTS) {
    const { scrollHeight, clientHeight } = await scrollerSize(page);
    await settle(page, total, Math.round(at * (scrollHeight - clientHeight)));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Watch while the wheel turns: the watcher cannot finish before the wheel stops, since every
    // scroll event restarts its quiet period, and the wheel events follow each other much faster.
    const watching = page.evaluate(watchSettle, { total, quietMs: 400, timeoutMs: STOP_TIMEOUT_MS });
    for (let i = 0; i < WHEEL_EVENTS; i++) await page.mouse.wheel(0, WHEEL_DELTA);
    const s = await watching;
    if (s.scrollEvents === 0) throw new Error('the wheel did not scroll the table');
    wheels.push(s);
    frames += s.frames;
    unfilled += s.unfilledFrames;
  }
  say(`  ${summary(`${WHEEL_SEGMENTS.length} wheel segments of ${WHEEL_EVENTS}×${WHEEL_DELTA} px`, wheels)}`);
  say(`  while the wheel turned, ${((100 * unfilled) / Math.max(1, frames)).toFixed(0)}% of ${frames} frames showed a placeholder or a blank band`);

  // End from the top, as an investigator would press it.
  await settle(page, total, 0);
  const t2 = performance.now();
  await page.keyboard.press('End');
  const reached = await page
    .locator(`tr[data-index="${total - 1}"][data-testid="event-row"]`)
    .waitFor({ timeout: 20_000 })
    .then(() => page.waitForFunction(viewFilled, total, { timeout: STOP_TIMEOUT_MS }))
    .then(
      () => true,
      () => false,
    );
  say(
    reached
      ? `  End key: last row shown filled after ${ms(performance.now() - t2)}`
      : `  End key: the last row did not appear within 20 s`,
  );
  if (v.problems.length > 0) say(`  page problems: ${v.problems.join(' | ')}`);
}

async function caseFor(events: number): Promise<string> {
  const name = events >= 10_000_000 ? '10m' : '1m';
  const casePath = join(dir, `scroll-${name}.duckdb`);
  if (existsSync(casePath)) return casePath;
  const ndjson = join(dir, `events-${events}.ndjson`);
  note(`building ${casePath} from ${ndjson}${existsSync(ndjson) ? '' : ' (generating it first)'}…`);
  const t0 = performance.now();
  await buildCase(casePath, ndjson, events);
  note(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return casePath;
}

async function main(): Promise<void> {
  if (chromiumMissing) {
    say(`browser scroll benchmark skipped: ${chromiumMissing}`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  const caseArg = args.indexOf('--case');
  const runs: { label: string; casePath: () => Promise<string> }[] = [];
  if (caseArg >= 0) {
    const given = args[caseArg + 1];
    if (!given) throw new Error('--case needs a path');
    runs.push({ label: basename(given), casePath: async () => given });
  } else {
    runs.push({ label: '1M case', casePath: () => caseFor(1_000_000) });
    if (args.includes('--10m')) runs.push({ label: '10M case', casePath: () => caseFor(10_000_000) });
  }
  for (const run of runs) {
    const v = await openScrollView(await run.casePath(), { firstRowTimeoutMs: 300_000 });
    try {
      await bench(v, run.label);
    } finally {
      await v.close();
    }
  }
}

await main();
