import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaEvent, startFakeOkta, type FakeOkta } from '../collect/fake/okta.ts';
import { instantHttp } from '../collect/helpers.ts';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';
import { chromiumMissing } from './chromium.ts';

/**
 * Pulling from a vendor API in the viewer, end to end against the serve host and a fake Okta on
 * loopback: the "Add API source" form, progress with the current window and the latest wait,
 * cancel, the coverage bar with its gap, resume, and the vendor's own message on a refused token.
 */

const TOKEN = 'okta-e2e-token-9b41d7';
const T0 = Date.parse('2025-03-01T00:00:00Z');

describe.skipIf(chromiumMissing !== null)(
  `API sources in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`,
  { timeout: 90_000 },
  () => {
    let s: BrowserSession;
    let fake: FakeOkta;

    beforeAll(async () => {
      // 72 hours of events, one every 36 minutes.
      fake = await startFakeOkta({ events: Array.from({ length: 120 }, (_, i) => oktaEvent(i + 1, T0 + i * 36 * 60_000)), token: TOKEN });
      s = await openBrowserSession({
        name: 'api-sources',
        uploads: false,
        engine: { env: {}, http: instantHttp() },
        prepare: async ({ dir, engine }) => {
          const created = await engine.createCase(join(dir, 'pulls.duckdb'));
          if (!created.ok) throw new Error(created.error.message);
        },
      });
      await s.page.goto(s.server.url);
    }, 120_000);

    afterAll(async () => {
      await s?.close();
      await fake?.close();
    });

    const dialog = () => s.page.getByTestId('api-sources-dialog');

    async function fillOkta(o: { from: string; to: string; credential: string }): Promise<void> {
      const d = dialog();
      await d.getByTestId('add-api-source').click();
      await d.getByTestId('pull-vendor').selectOption('okta');
      await d.getByTestId('pull-base-url').fill(fake.server.url);
      await d.getByTestId('pull-credential').fill(o.credential);
      await d.getByTestId('pull-from').fill(o.from);
      await d.getByTestId('pull-to').fill(o.to);
    }

    it('opens with nothing pulled, and the form says what is missing before anything is sent', async () => {
      await s.page.getByTestId('api-sources-button').click();
      await dialog().getByText('No API source pulled yet.').waitFor();
      await dialog().getByTestId('add-api-source').click();
      await dialog().getByTestId('pull-vendor').selectOption('okta');
      await dialog().getByTestId('pull-from').fill('');
      await dialog().getByTestId('pull-run-button').click();
      const problems = await dialog().getByTestId('pull-problems').textContent();
      expect(problems).toContain('Base URL is required');
      expect(problems).toContain('From is required');
      expect(problems).toContain('set OKTA_TOKEN');
      expect(fake.server.requests).toEqual([]);
      await s.shots('api-sources-10-form-problems');
      await dialog().getByRole('button', { name: 'Back' }).click();
    });

    it('pulls a range with progress, then shows it complete with a full coverage bar', async () => {
      await fillOkta({ from: '2025-03-01', to: '2025-03-02', credential: TOKEN });
      await s.shots('api-sources-11-form-okta');
      await dialog().getByTestId('pull-run-button').click();
      const run = dialog().getByTestId('pull-run');
      await run.getByTestId('pull-status').waitFor();
      expect(await run.getAttribute('data-state')).toBe('complete');
      expect(await run.getByTestId('pull-events').textContent()).toContain('40');
      expect(await dialog().getByTestId('pull-credential').count()).toBe(0);
      await s.shots('api-sources-12-pull-complete');
      await dialog().getByTestId('pull-dismiss').click();
      await dialog().getByTestId('coverage-item').waitFor();
      expect(await dialog().getByTestId('coverage-share').textContent()).toBe('fully covered');
      expect(await dialog().getByTestId('coverage-gap').count()).toBe(0);
      expect(await dialog().getByTestId('pull-row').getAttribute('data-status')).toBe('complete');
    });

    it('shows the current window and the latest wait while pulling, cancels, keeps the gap visible, and resumes', async () => {
      const start = fake.server.requests.length;
      let hung = (): void => undefined;
      const hanging = new Promise<void>((resolve) => {
        hung = resolve;
      });
      // The second request of this pull is rate limited; from the fourth on (the second day's
      // window: the first is one page and the empty page after it) the server stops answering.
      fake.server.fault = (r) => {
        if (r.n === start + 2) return { kind: 'status', status: 429, headers: { 'retry-after': '2' }, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' } };
        if (r.n >= start + 4) {
          hung();
          return { kind: 'hang' };
        }
        return undefined;
      };
      await fillOkta({ from: '2025-03-02', to: '2025-03-04', credential: TOKEN });
      await dialog().getByTestId('pull-run-button').click();
      await hanging;
      const run = dialog().getByTestId('pull-run');
      await run.getByTestId('pull-last').getByText(/429/).waitFor();
      expect(await run.getByTestId('pull-phase').textContent()).toMatch(/window 2 of 2.*2025-03-03 00:00:00 → 2025-03-04 00:00:00 UTC/);
      await s.shots('api-sources-13-pull-running');
      fake.server.fault = () => undefined;
      await run.getByTestId('pull-cancel').click();
      await run.getByTestId('pull-status').waitFor();
      expect(await run.getAttribute('data-state')).toBe('cancelled');
      await dialog().getByTestId('pull-dismiss').click();
      await dialog().getByTestId('coverage-gap').first().waitFor();
      expect(await dialog().getByTestId('coverage-gap').first().textContent()).toMatch(/2025-03-03 → 2025-03-04.*cancelled/);
      expect(await dialog().getByTestId('coverage-share').textContent()).toMatch(/66% covered, 1 gap/);
      await s.shots('api-sources-14-gap-after-cancel');

      await dialog().locator('[data-testid="pull-row"][data-status="cancelled"]').getByTestId('pull-resume').click();
      await dialog().getByTestId('pull-resume-credential').fill(TOKEN);
      await dialog().getByTestId('pull-resume-form').getByRole('button', { name: 'Resume' }).click();
      await run.getByTestId('pull-status').waitFor();
      expect(await run.getAttribute('data-state')).toBe('complete');
      await dialog().getByTestId('pull-dismiss').click();
      await dialog().getByTestId('coverage-share').getByText('fully covered').waitFor();
      const events = await s.callApi<number>('countEvents', {});
      expect(events).toBe(fake.events.filter((e) => Date.parse(e.published) < Date.parse('2025-03-04T00:00:00Z')).length);
      await s.shots('api-sources-15-resumed');
    });

    it('shows the vendor message when the token is refused', async () => {
      await fillOkta({ from: '2025-03-01', to: '2025-03-02', credential: 'not-the-token' });
      await dialog().getByTestId('pull-run-button').click();
      const run = dialog().getByTestId('pull-run');
      await run.getByTestId('pull-status').waitFor();
      expect(await run.getAttribute('data-state')).toBe('failed');
      expect(await run.getByRole('alert').textContent()).toContain('Invalid token provided');
      await s.shots('api-sources-16-refused-token');
      expect(await s.page.content()).not.toContain(TOKEN);
      expect(s.problems).toEqual([]);
    });
  },
);
