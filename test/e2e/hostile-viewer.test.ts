import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';
import { chromiumMissing } from './chromium.ts';

/** Hostile evidence in a real Chromium: a read-only case holding a record built to break the viewer, and a pane that throws. */

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
        // One record nested 20,000 levels deep: pretty-printing it unbounded threw and blanked the page.
        const deep = `{"id":"deep","timestamp":"2025-03-01T10:00:59Z","user":"mallory","action":"nest","payload":${'['.repeat(20_000)}1${']'.repeat(20_000)}}`;
        // An actor name that reads backwards past U+202E ("adminexe.png" on screen, unless marked).
        const spoof = JSON.stringify({ id: 'spoof', timestamp: '2025-03-01T10:00:40Z', user: 'admin\u202Egnp.exe', action: 'log\u200Bin' });
        writeFileSync(file, [...Array.from({ length: 12 }, (_, i) => record(i)), deep, spoof].join('\n'));
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

  it('shows a record nested 20,000 levels deep as bounded text, and the page stays alive', async () => {
    await page.getByTestId('event-row').filter({ hasText: 'mallory' }).click();
    const pane = page.getByTestId('detail-pane');
    const note = pane.getByTestId('raw-too-deep');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Nesting 20,001 levels deep \(deeper than 256\) is shown as text; levels past 64 stay\s+on one line, as recorded\.$/);
    const shown = (await pane.getByTestId('raw-text').textContent()) ?? '';
    // 64 indented levels, then the rest exactly as recorded.
    expect(shown).toContain(`${'  '.repeat(64)}${'['.repeat(100)}`);
    expect(shown.length).toBeLessThan(300_000);
    await s.shots('hostile-deep-record');
    await page.getByTestId('event-row').filter({ hasText: 'user2' }).first().click();
    await pane.getByTestId('json-tree').waitFor();
    expect(s.problems).toEqual([]);
  });

  it('shows bidi controls and invisible characters as markers in the table, facets and detail', async () => {
    const row = page.getByTestId('event-row').filter({ hasText: 'admin' });
    expect(await row.locator('td[data-col="actor"]').textContent()).toBe('admin⟦U+202E⟧gnp.exe');
    expect(await row.locator('td[data-col="action"]').textContent()).toBe('log⟦U+200B⟧in');
    expect(await page.getByTestId('facet-value').filter({ hasText: 'admin' }).textContent()).toMatch(/^admin⟦U\+202E⟧gnp\.exe1$/);
    await row.click();
    const pane = page.getByTestId('detail-pane');
    await pane.getByText('admin⟦U+202E⟧gnp.exe').first().waitFor();
    // Nowhere on the page is the override itself left to act on the text.
    expect(await page.evaluate(() => /[\u202A-\u202E\u2066-\u2069\u200B]/.test(document.body.innerText))).toBe(false);
    await s.shots('hostile-bidi');
    expect(s.problems).toEqual([]);
  });

  it('a pane that throws shows a message in its place; the table and the other panes keep working', async () => {
    // A value no view expects (here: a change entry that is null), delivered as if another tool wrote it.
    await page.route('**/api/getEvents', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { ok: boolean; value?: { rows: { actor: string | null; changes: unknown }[] } };
      for (const r of body.value?.rows ?? []) if (r.actor === 'user1') r.changes = [null];
      await route.fulfill({ response: res, json: body });
    });
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await page.getByTestId('event-row').filter({ hasText: 'user1' }).first().click();
    const failed = page.getByTestId('pane-failed');
    await failed.waitFor();
    expect(await failed.getAttribute('data-pane')).toBe('detail pane');
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.textContent()).toMatch(/^The detail pane could not be shown.+The rest of the viewer works as before\.Try again$/);
    await s.shots('hostile-pane-failed');
    // The rest is alive: the table answers, another row opens its detail as usual.
    await page.getByTestId('event-row').filter({ hasText: 'user2' }).first().click();
    await page.getByTestId('detail-pane').getByTestId('json-tree').waitFor();
    expect(await failed.count()).toBe(0);
    await page.unroute('**/api/getEvents');
    // React reports the caught error, and the boundary says which pane it replaced: nothing else.
    expect(s.problems.filter((p) => !/Cannot read properties of null|the detail pane failed|error occurred in/i.test(p))).toEqual([]);
    expect(s.problems.some((p) => /the detail pane failed and was replaced by a message/.test(p))).toBe(true);
  });
});
