import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../main/engine/api.ts';
import {
  BIG_ID,
  HOSTILE_FILE_NAME,
  hostileNdjson,
  SMALL_GOOD_LINES,
  smallNdjson,
  writeLargeNdjson,
  XSS_IMG,
  XSS_SCRIPT,
} from './investigate-data.ts';
import { chromiumMissing } from './chromium.ts';
import { openInvestigation, type Investigation } from './investigate-fixture.ts';

/**
 * Getting evidence in, end to end in Chromium against the serve host: a new case from the start
 * screen, import by upload and by drop with progress, summary, rejects and cancel, the raw record
 * tree, the sources panel, hostile input everywhere, and case files that cannot be opened.
 */

describe.skipIf(chromiumMissing !== null)(
  `investigator UI: cases and imports in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 90_000 },
  () => {
    let t: Investigation;

    beforeAll(async () => {
      t = await openInvestigation();
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it('creates a new case from the start screen (the .duckdb extension added)', async () => {
      await t.page.goto(t.server.url);
      await t.page.getByTestId('start-screen').waitFor();
      await t.page.getByTestId('new-case-path').fill(join(t.dir, 'investigation'));
      await t.shot('investigate-10-start-screen-new-case');
      await t.page.getByTestId('new-case-submit').click();
      await t.page.getByTestId('empty-state').getByText('no events yet').waitFor();
      expect((await t.callApi<{ path: string }>('caseInfo')).path).toBe(join(t.dir, 'investigation.duckdb'));
      await t.shot('investigate-11-new-empty-case');
    });

    it('imports an uploaded file, shows the summary, and opens its rejects', async () => {
      await t.page.getByTestId('import-input').setInputFiles({
        name: 'small-export.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: smallNdjson(),
      });
      const dialog = t.page.getByTestId('import-panel');
      await dialog.getByTestId('import-summary').waitFor();
      const row = dialog.getByTestId('import-file-row');
      expect(await row.getAttribute('data-phase')).toBe('done');
      expect(await row.getByTestId('import-rate').textContent()).toMatch(/5 events · [\d,]+ events\/s/);
      const result = dialog.getByTestId('import-result');
      expect(await result.textContent()).toContain('small-export.ndjson');
      expect(await result.textContent()).toContain('generic');
      await t.shot('investigate-12-import-summary');

      await dialog.getByTestId('open-rejects').click();
      const rejects = t.page.getByTestId('rejects-dialog');
      await rejects.getByTestId('reject-row').first().waitFor();
      expect(await rejects.getByTestId('reject-row').count()).toBe(1);
      expect(await rejects.getByTestId('reject-row').textContent()).toContain('small-export.ndjson:4');
      expect(await rejects.getByTestId('reject-row').textContent()).toContain('mallory');
      await t.shot('investigate-13-rejects');
      await t.page.keyboard.press('Escape');
      await rejects.waitFor({ state: 'hidden' });
      await dialog.getByTestId('import-close').click();
      await dialog.waitFor({ state: 'hidden' });
      await t.statusBar().getByText(`${SMALL_GOOD_LINES} events ·`).waitFor();
    });

    it('shows the raw record as a tree that keeps big numbers, with copy of path and value', async () => {
      await t.page.locator('tr[data-testid="event-row"]').first().click();
      const pane = t.page.getByTestId('detail-pane');
      await pane.getByTestId('json-tree').waitFor();
      expect(await pane.getByTestId('field-locator').textContent()).toContain('small-export.ndjson:1');
      const seq = pane.locator('[data-testid="json-node"][data-path="$.seq"]');
      expect(await seq.locator('.json-number').textContent()).toBe(BIG_ID);
      await seq.locator('.json-row').first().hover();
      await seq.getByTestId('json-copy-value').first().click();
      await expect.poll(t.clipboard).toBe(BIG_ID);
      const tag = pane.locator('[data-testid="json-node"][data-path="$.resource.tags[1]"]');
      await tag.locator('.json-row').hover();
      await tag.getByTestId('json-copy-path').click();
      await expect.poll(t.clipboard).toBe('$.resource.tags[1]');
      const resource = pane.locator('[data-testid="json-node"][data-path="$.resource"]');
      await resource.locator('.json-row').first().hover();
      await resource.getByTestId('json-copy-value').first().click();
      await expect.poll(t.clipboard).toBe('{"type":"document","name":"report-0.pdf","tags":["q1","finance"]}');
      await t.page.getByTestId('toast').last().waitFor();
      await t.shot('investigate-14-detail-json-tree');
      // Collapse a node and see its summary.
      await resource.getByRole('button', { name: 'Collapse' }).first().click();
      await resource.getByText('{ 3 keys }').waitFor();

      // "Filter by this value" on a normalized field.
      await pane.getByTestId('field-actor').hover();
      await pane.getByTestId('field-actor').getByTestId('field-filter-in').click();
      await t.page.getByTestId('chip').first().waitFor();
      await t.statusBar().getByText('3 events (filtered)').waitFor();
      await t.page.getByTestId('clear-all').click();
      await t.statusBar().getByText(`${SMALL_GOOD_LINES} events ·`).waitFor();
      await t.page.keyboard.press('Escape');
    });

    it('shows per-file progress for a large upload and cancels it, leaving the case as it was', async () => {
      const large = writeLargeNdjson(t.dir);
      await t.page.getByTestId('import-input').setInputFiles(large);
      const dialog = t.page.getByTestId('import-panel');
      // Past hashing and reading, while DuckDB commits the file: a bar part way and a speed to show.
      const row = dialog.locator('[data-testid="import-file-row"][data-phase="committing"]');
      await row.waitFor();
      expect(Number(await row.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
      await t.shot('investigate-15-import-progress');
      await dialog.getByTestId('import-cancel').click();
      await dialog.getByText('Import cancelled').waitFor();
      await dialog.getByTestId('import-close').click();
      expect((await t.callApi<{ events: number }>('caseInfo')).events).toBe(SMALL_GOOD_LINES);
    });

    it('imports a file dropped on the window, and shows hostile values as text everywhere', async () => {
      // A drop as the browser delivers it: dragenter/dragover (overlay), then drop with the file.
      await t.page.evaluate(
        ({ name, content }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([content], name, { type: 'application/x-ndjson' }));
          (window as unknown as { __drop: DataTransfer }).__drop = dt;
          const target = document.querySelector('.results') ?? document.body;
          for (const type of ['dragenter', 'dragover']) {
            target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
          }
        },
        { name: HOSTILE_FILE_NAME, content: hostileNdjson().toString('utf8') },
      );
      await t.page.getByTestId('drop-overlay').waitFor();
      await t.shot('investigate-16-drop-overlay');
      await t.page.evaluate(() => {
        const dt = (window as unknown as { __drop: DataTransfer }).__drop;
        const target = document.querySelector('.results') ?? document.body;
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await t.page.getByTestId('drop-overlay').waitFor({ state: 'detached' });
      const dialog = t.page.getByTestId('import-panel');
      await dialog.getByTestId('import-summary').waitFor();
      expect(await dialog.getByTestId('import-result').textContent()).toContain(HOSTILE_FILE_NAME);
      await dialog.getByTestId('import-close').click();
      await t
        .statusBar()
        .getByText(`${SMALL_GOOD_LINES + 3} events ·`)
        .waitFor();

      await t.page.getByTestId('column-chooser-button').click();
      await t.page.getByTestId('column-toggle-locator').check();
      await t.page.keyboard.press('Escape');
      const hostileRow = t.page.locator('tr[data-testid="event-row"]').filter({ hasText: XSS_IMG }).first();
      await hostileRow.waitFor();
      await t.shot('investigate-17-hostile-table');
      await hostileRow.click();
      const pane = t.page.getByTestId('detail-pane');
      await pane.getByTestId('json-tree').waitFor();
      await pane.getByText('Expand all').click();
      await pane.getByText(XSS_SCRIPT).first().waitFor();
      await t.shot('investigate-18-hostile-detail');
      await t.page.keyboard.press('Escape');

      await t.page.getByTestId('sources-button').click();
      const sources = t.page.getByTestId('sources-dialog');
      await sources.getByTestId('batch-row').nth(1).waitFor();
      expect(await sources.getByTestId('batch-row').nth(1).textContent()).toContain(HOSTILE_FILE_NAME);
      await t.shot('investigate-19-sources');

      expect(await t.page.locator('img[src="x"]').count()).toBe(0);
      expect(await t.page.locator('script:not([src])').count()).toBe(0);
      expect(await t.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('lists sources and batches with hashes, and opens a batch’s rejects', async () => {
      const sources = t.page.getByTestId('sources-dialog');
      const first = sources.getByTestId('batch-row').first();
      expect(await first.textContent()).toContain('small-export.ndjson');
      await first.getByTestId('copy-sha').click();
      await expect.poll(t.clipboard).toMatch(/^[0-9a-f]{64}$/);
      await first.getByTestId('batch-mapping-toggle').click();
      const mapping = sources.getByTestId('batch-mapping');
      await mapping.waitFor();
      expect(await mapping.textContent()).toMatch(/actor.*samples/);
      await t.shot('investigate-19b-sources-mapping');
      await first.getByTestId('batch-mapping-toggle').click();
      await mapping.waitFor({ state: 'hidden' });
      await first.getByTestId('batch-rejects').click();
      await t.page.getByTestId('rejects-dialog').getByTestId('reject-row').waitFor();
      await t.page.keyboard.press('Escape');
      await t.page.getByTestId('rejects-dialog').waitFor({ state: 'hidden' });
      await t.page.keyboard.press('Escape');
      await sources.waitFor({ state: 'hidden' });
      expect(await t.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('says clearly why a file is not a case, or is from a newer AuditLens', async () => {
      const notCase = join(t.dir, 'not-a-case.duckdb');
      writeFileSync(notCase, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]));
      const newer = join(t.dir, 'newer.duckdb');
      const other = await createEngine({ dataDir: join(t.dir, 'home2') });
      await other.createCase(newer);
      await other.current?.db.run("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
      await other.dispose();

      await t.page.getByTestId('close-case').click();
      await t.page.getByTestId('recent-case').filter({ hasText: 'investigation.duckdb' }).waitFor();
      await t.page.getByTestId('open-case-path').fill(notCase);
      await t.page.getByTestId('open-case-submit').click();
      await t.page.getByTestId('start-error').getByText('not an AuditLens case').waitFor();
      await t.shot('investigate-20-open-not-a-case');
      await t.page.getByTestId('open-case-path').fill(newer);
      await t.page.getByTestId('open-case-submit').click();
      await t.page.getByTestId('start-error').getByText('newer AuditLens').waitFor();
      await t.shot('investigate-21-open-newer-schema');
    });

    it('names an export opened as a case as one, and offers to import it into a new case', async () => {
      const exported = join(t.dir, 'okta-export.ndjson');
      writeFileSync(exported, smallNdjson());
      await t.page.getByTestId('open-case-path').fill(exported);
      await t.page.getByTestId('open-case-submit').click();
      const error = t.page.getByTestId('start-error');
      await error.getByText('That file is an export, not a case').waitFor();
      expect(await error.textContent()).toContain('is an audit-log export (NDJSON), not a case file. Create a new case and import it there; the file stays untouched.');
      await error.getByTestId('import-export-into-new-case').click();
      expect(await t.page.getByTestId('new-case-path').inputValue()).toBe(join(t.dir, 'okta-export.duckdb'));
      await t.page.getByTestId('pending-import').getByText('Then imports okta-export.ndjson into it').waitFor();
      await t.shot('investigate-21b-export-offer');
      await t.page.getByTestId('new-case-submit').click();
      await t.page.locator('tr[data-testid="event-row"]').first().waitFor();
      expect(await t.engine.current?.reader.value('SELECT count(*) FROM batches')).toBe(1n);
      await t.page.getByTestId('close-case').click();
      await t.page.getByTestId('recent-case').filter({ hasText: 'investigation.duckdb' }).waitFor();
    });

    it('looks right in dark mode', async () => {
      await t.page.emulateMedia({ colorScheme: 'dark' });
      await t.shot('investigate-22-dark-start');
      await t.page.getByTestId('recent-case').filter({ hasText: 'investigation.duckdb' }).click();
      await t.page.locator('tr[data-testid="event-row"]').first().click();
      await t.page.getByTestId('detail-pane').getByTestId('json-tree').waitFor();
      await t.shot('investigate-23-dark-detail');
      await t.page.emulateMedia({ colorScheme: 'light' });
    });

    it('says apart records that share a vendor id with a different record, keeps both and marks them', async () => {
      const okta = (published: string): string =>
        JSON.stringify({
          uuid: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
          published,
          eventType: 'user.session.start',
          displayMessage: 'User login to Okta',
          actor: { id: '00u1', type: 'User', alternateId: 'dana@acme.example', displayName: 'Dana' },
          outcome: { result: 'SUCCESS' },
          client: { ipAddress: '203.0.113.77' },
        });
      await t.page.getByTestId('import-input').setInputFiles({
        name: 'okta-shared-uuid.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(`${okta('2025-03-04T02:09:41.000Z')}\n${okta('2025-03-04T02:19:41.000Z')}\n`),
      });
      const dialog = t.page.getByTestId('import-panel');
      const note = dialog.getByTestId('import-id-conflicts');
      await note.waitFor();
      expect(await note.textContent()).toContain('2 records share an id with a different record; both kept');
      await t.shots('investigate-24-import-id-conflicts');
      await dialog.getByTestId('import-close').click();
      await t.page.getByTestId('filter-input').fill('id_conflict');
      await t.page.getByTestId('filter-input').press('Enter');
      await t.statusBar().getByText('2 events (filtered)').waitFor();
      await t.page.locator('tr[data-testid="event-row"]').first().click();
      const field = t.page.getByTestId('detail-pane').getByTestId('field-id_conflict');
      await field.getByText('another, different record carries this vendor event ID').waitFor();
      await t.page.getByTestId('detail-pane').getByTestId('id-conflict-note').waitFor();
      expect(await t.page.getByTestId('detail-pane').getByTestId('field-vendor_event_id').textContent()).toContain(
        'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
      );
      await t.shots('investigate-25-detail-id-conflict');
      // The note's button narrows to every record with that vendor id: the filter bar's own chip.
      await t.page.getByTestId('id-conflict-show').click();
      await t.page.getByTestId('filter-bar').getByText('dc9fd3c0-598c-11ef-8478-2b7584bf8d5a').waitFor();
      await t.statusBar().getByText('2 events (filtered)').waitFor();
      await t.page.getByTestId('clear-all').click();
      await t.statusBar().getByText('10 events ·').waitFor();
    });

    it('produced no console errors, CSP violations or dialogs', () => {
      expect(t.problems).toEqual([]);
    });
  },
);
