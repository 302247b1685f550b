import type { Locator } from 'playwright-core';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';

/**
 * One investigator session for the end-to-end tests: the shared browser session (private renderer
 * build, engine with its own data dir, serve host, Chromium page allowed to use the clipboard) plus
 * the table helpers the investigate tests read the page with.
 */

export interface Investigation extends BrowserSession {
  statusBar(): Locator;
  /** Column ids of the table header, in display order. */
  headerOrder(): Promise<string[]>;
  /** The text of one column in the rendered (loaded) rows. */
  columnTexts(col: string): Promise<string[]>;
  clipboard(): Promise<string>;
  selectedIndex(): Promise<string | null>;
}

export async function openInvestigation(): Promise<Investigation> {
  const s = await openBrowserSession({ name: 'investigate', clipboard: true });
  const { page } = s;
  return {
    ...s,
    statusBar: () => page.getByTestId('status-bar'),
    headerOrder: () =>
      page.locator('thead th[data-col]').evaluateAll((ths) => ths.map((t) => (t as HTMLElement).dataset.col ?? '')),
    columnTexts: (col) => page.locator(`tr[data-testid="event-row"] td[data-col="${col}"]`).allTextContents(),
    clipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    selectedIndex: () => page.locator('tr[aria-selected="true"]').first().getAttribute('data-index'),
  };
}
