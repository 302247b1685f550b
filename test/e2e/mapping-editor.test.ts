import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustodyPage, EventPage, ImportSummary } from '../../preload/api.ts';
import { chromiumMissing } from './chromium.ts';
import { openInvestigation, type Investigation } from './investigate-fixture.ts';

/**
 * The mapping editor end to end in Chromium against the serve host: a generic export whose actor
 * was detected from the e-mail field is re-mapped to the display name by picking the field from
 * the keyboard, with a live preview, a named error for a broken pattern, and applying it in place.
 * Field names and values are markup, and stay text.
 */

const XSS_KEY = '<img src=x onerror="window.__pwned=1">';
const XSS_VALUE = '<script>window.__pwned=2</script>';
const N = 24;
/** The engine maps samples and re-maps events on a loaded 2-core machine: seconds, not milliseconds. */
const SLOW = { timeout: 30_000 };

function writeExport(dir: string): string {
  const lines = Array.from({ length: N }, (_, i) =>
    JSON.stringify({
      ts: `2025-05-${String(1 + (i % 20)).padStart(2, '0')}T09:${String(i).padStart(2, '0')}:00Z`,
      who: { email: `analyst${i % 3}@corp.example`, display: `Analyst ${i % 3}` },
      op: i % 2 ? 'report.export' : 'report.view',
      report: `Q${1 + (i % 4)} revenue`,
      [XSS_KEY]: XSS_VALUE,
    }),
  );
  const file = join(dir, 'reports-audit.ndjson');
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe.skipIf(chromiumMissing !== null)(
  `mapping editor in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 90_000 },
  () => {
    let t: Investigation;
    let ids: string[];
    const editor = (): ReturnType<Investigation['page']['getByTestId']> => t.page.getByTestId('mapping-editor');
    const row = (column: string) => editor().locator(`[data-testid="column-row"][data-column="${column}"]`);
    const previewActors = () => editor().locator('[data-testid="preview-row"] td[data-column="actor"] [data-testid="preview-after"]').allTextContents();

    beforeAll(async () => {
      t = await openInvestigation();
      await t.callApi('createCase', join(t.dir, 'mapping.duckdb'));
      const summary = await t.callApi<ImportSummary>('importFiles', { paths: [writeExport(t.dir)] });
      expect(summary.batches.map((b) => [b.vendor, b.events])).toEqual([['generic', N]]);
      ids = (await t.callApi<EventPage>('getEvents', { sort: { column: 'event_time', dir: 'asc' } })).rows.map((r) => String(r.event_id));
      await t.page.goto(t.server.url);
      await t.page.getByTestId('event-row').first().waitFor();
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it('opens the mapping of a source with its columns, the fields of its records and a preview', async () => {
      await t.page.getByTestId('sources-button').click();
      await t.page.getByTestId('edit-mapping').click();
      await editor().getByTestId('preview-row').first().waitFor();
      expect(await row('actor').getByTestId('column-source').inputValue()).toBe('who.email');
      expect(await row('time').getByTestId('column-source').inputValue()).toBe('ts');
      const paths = await editor().getByTestId('field-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.path));
      expect(paths).toEqual(expect.arrayContaining(['ts', 'who.email', 'who.display', 'op', 'report']));
      expect(await editor().getByTestId('preview-row').count()).toBe(12);
      expect(new Set(await previewActors())).toEqual(new Set(['analyst0@corp.example', 'analyst1@corp.example', 'analyst2@corp.example']));
      // The hostile key and value are listed as text.
      await expect.poll(() => editor().getByText(XSS_VALUE).count(), SLOW).toBeGreaterThan(0);
      expect(await t.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    });

    it('reads a column from a field picked with the keyboard, previewing the change on the records', async () => {
      await row('actor').getByTestId('column-source').focus();
      const filter = editor().getByTestId('field-filter');
      await filter.focus();
      await filter.fill('display');
      await filter.press('ArrowDown');
      await expect.poll(() => t.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path), SLOW).toBe('who.display');
      await t.page.keyboard.press('Enter');
      await expect.poll(() => row('actor').getByTestId('column-source').inputValue(), SLOW).toBe('who.display');
      await expect.poll(async () => new Set(await previewActors()), SLOW).toEqual(new Set(['Analyst 0', 'Analyst 1', 'Analyst 2']));
      expect(await editor().locator('[data-testid="preview-row"] td[data-column="actor"].changed').count()).toBe(12);
      expect(await editor().locator('[data-testid="preview-row"] td[data-column="action"].changed').count()).toBe(0);
      await filter.fill('');
      await t.shots('mapping-editor-01-preview', async (p) => {
        await p.getByTestId('mapping-editor').getByTestId('preview-row').first().waitFor();
      });
    });

    it('names what is wrong, on the column and in the list, and will not apply it', async () => {
      const source = row('actor').getByTestId('column-source');
      await source.fill('{"path": "who.display", "regex": "(Analyst"}');
      const problems = editor().getByTestId('mapping-problems');
      await expect.poll(() => problems.textContent(), SLOW).toMatch(/fields\.actor\.regex: not a valid RE2 pattern/);
      expect(await row('actor').getByTestId('column-error').textContent()).toMatch(/^fields\.actor\.regex: /);
      expect(await source.getAttribute('aria-invalid')).toBe('true');
      expect(await editor().getByTestId('apply-mapping').isDisabled()).toBe(true);
      await t.shots('mapping-editor-02-error', async (p) => {
        await p.getByTestId('mapping-problems').waitFor();
      });
      await source.fill('{"path": "who.display", "regex": "');
      await expect.poll(() => problems.textContent(), SLOW).toMatch(/fields\.actor: not valid JSON/);
      await source.fill('who.display');
      await expect.poll(() => problems.count(), SLOW).toBe(0);
    });

    it('applies the mapping to every event in place (Ctrl+Enter), keeping event ids, and logs it', async () => {
      await editor().getByTestId('preview-row').first().waitFor();
      await expect.poll(() => editor().getByTestId('apply-mapping').isEnabled(), SLOW).toBe(true);
      await row('actor').getByTestId('column-source').press('Control+Enter');
      await expect.poll(() => editor().getByTestId('apply-status').textContent(), SLOW).toBe(`Applied: ${N} of ${N} events changed (actor ${N}).`);
      await expect.poll(() => t.page.locator('.mapping-meta').textContent(), SLOW).toMatch(/mapped by your mapping, stored in the case \(applied .* UTC by /);
      await t.shot('mapping-editor-03-applied-1440-light');
      await t.page.keyboard.press('Escape');
      await expect.poll(() => editor().count(), SLOW).toBe(0);
      const after = (await t.callApi<EventPage>('getEvents', { sort: { column: 'event_time', dir: 'asc' } })).rows;
      expect(after.map((r) => String(r.event_id))).toEqual(ids);
      expect(new Set(after.map((r) => r.actor))).toEqual(new Set(['Analyst 0', 'Analyst 1', 'Analyst 2']));
      const log = await t.callApi<CustodyPage>('listCustody', {});
      expect(log.rows.map((e) => e.action)).toContain('mapping-applied');
      expect(t.problems).toEqual([]);
      expect(await t.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    });
  },
);
