/**
 * Browser diff benchmark (issue 4): two 1 MB versions of a process's source, compared side by side
 * in Chromium through the real UI (serve host, engine, object history, "Compare"). Prints the time
 * from the click to the first frame with diff rows on screen (target: within 1 s), and the longest
 * main-thread task meanwhile (the diff runs in a worker, so the window should stay responsive).
 * Not part of `npm test`:
 *
 *   npx tsx test/bench/diff-browser.ts
 *
 * Scenarios: a 1 MB source with scattered edits (about 1 line in 100), one with every third line
 * changed, and two unrelated 1 MB texts (the worst case for a line diff).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary } from '../../preload/api.ts';
import { chromiumMissing } from '../e2e/chromium.ts';
import { openInvestigation, type Investigation } from '../e2e/investigate-fixture.ts';

const TARGET_MS = 1000;
const TARGET_BYTES = 1024 * 1024;

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** About 1 MB of code-like lines, each unique (as real source mostly is). */
function source(seed: string): string[] {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const line =
      i % 12 === 0
        ? `function step${i}(${seed}) {`
        : i % 12 === 11
          ? '}'
          : `  const v${i} = compute(${seed}, ${i}, "${(i * 2654435761).toString(36)}"); // ${seed} ${i}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines;
}

interface Scenario {
  name: string;
  id: string;
  before: string;
  after: string;
}

function scenarios(): Scenario[] {
  const base = source('input');
  const scattered = base.flatMap((l, i) => (i % 97 === 5 ? [`${l} /* edited */`] : i % 211 === 7 ? [l, '  audit(); // inserted'] : [l]));
  const dense = base.map((l, i) => (i % 3 === 0 ? l.replace('compute', 'computeFast') : l));
  return [
    { name: 'scattered edits (~1 in 100 lines)', id: 'prc_scattered', before: base.join('\n'), after: scattered.join('\n') },
    { name: 'every third line changed', id: 'prc_dense', before: base.join('\n'), after: dense.join('\n') },
    { name: 'two unrelated texts', id: 'prc_unrelated', before: base.join('\n'), after: source('other').join('\n') },
  ];
}

/** A YepCode export: per scenario one process updated from `before` to `after`. */
function writeExport(dir: string, list: Scenario[]): string {
  const events = list.map((s, i) => ({
    User: 'bench@example.com',
    IP: '192.0.2.1',
    ID: s.id,
    Type: 'PROCESS',
    Event: 'UPDATED',
    Time: `2025-03-04 0${i}:00:00`,
    content: { before: s.before, after: s.after },
  }));
  const path = join(dir, 'yepcode-big-code.json');
  writeFileSync(path, JSON.stringify(events));
  return path;
}

interface Timing {
  ms: number;
  longestTaskMs: number;
  rows: number;
}

/**
 * Clicks Compare in the page and waits, frame by frame, for diff rows to be on screen. The page
 * function declares no named functions: tsx would wrap them in a `__name` helper the page lacks.
 */
async function measure(t: Investigation): Promise<Timing> {
  return t.page.evaluate(async () => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    const button = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="history-compare"]')].find((b) => b.offsetParent !== null);
    if (!button) throw new Error('no Compare button');
    const t0 = performance.now();
    button.click();
    let rows = 0;
    while (rows === 0) {
      await new Promise((r) => requestAnimationFrame(r));
      const panel = [...document.querySelectorAll<HTMLElement>('[data-testid="diff-panel"][data-state="ready"]')].find((p) => p.offsetParent !== null);
      rows = panel ? panel.querySelectorAll('[data-testid="diff-line"]').length : 0;
      if (performance.now() - t0 > 60_000) throw new Error('no diff rows within 60 s');
    }
    // The frame after the rows were committed is the one they are painted in.
    await new Promise((r) => requestAnimationFrame(r));
    const ms = performance.now() - t0;
    observer.disconnect();
    return { ms, longestTaskMs: Math.max(0, ...longTasks), rows };
  });
}

async function run(t: Investigation, s: Scenario): Promise<void> {
  const history = t.page.locator(`[data-testid="history-view"][data-target="${s.id}"]`);
  await history.waitFor();
  await history.locator('[data-version="initial"]').getByTestId('history-pick').check();
  await history.locator('[data-version="0"]').getByTestId('history-pick').check();
  const timing = await measure(t);
  await t.shot(`diff-bench-${s.id}`);
  const verdict = timing.ms <= TARGET_MS ? 'ok' : 'OVER TARGET';
  say(
    `  ${s.name.padEnd(36)} ${timing.ms.toFixed(0).padStart(5)} ms to rendered · longest main-thread task ${timing.longestTaskMs.toFixed(0)} ms · ${timing.rows} rows in the DOM · ${verdict}`,
  );
}

async function main(): Promise<void> {
  if (chromiumMissing) {
    say(`browser diff benchmark skipped: ${chromiumMissing}`);
    return;
  }
  const t = await openInvestigation();
  try {
    const list = scenarios();
    await t.callApi('createCase', join(t.dir, 'diff-bench.duckdb'));
    const summary = await t.callApi<ImportSummary>('importFiles', { paths: [writeExport(t.dir, list)], tz: 'UTC' });
    if (summary.eventsTotal !== list.length) throw new Error(`imported ${summary.eventsTotal} events, expected ${list.length}`);
    await t.page.goto(t.server.url);
    await t.page.getByTestId('event-row').first().waitFor();
    say(`diff of two ~1 MB texts, rendered in Chromium (target ≤ ${TARGET_MS} ms):`);
    for (const s of list) {
      // Each process's history is opened from the table like an investigator would: filter, select, History.
      const input = t.page.getByTestId('filter-input');
      if (await t.page.getByTestId('investigation').isVisible()) await t.page.getByTestId('investigation-back').click();
      await input.fill(`target_id = '${s.id}'`);
      await input.press('Enter');
      await t.statusBar().getByText('1 event (filtered)').waitFor();
      await t.page.getByTestId('event-row').first().click();
      await t.page.locator('.workspace > [data-testid="detail-pane"]').getByTestId('open-history').click();
      await run(t, s);
    }
    if (t.problems.length) say(`page problems: ${t.problems.join('; ')}`);
  } finally {
    await t.close();
  }
}

await main();
