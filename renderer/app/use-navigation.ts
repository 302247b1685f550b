import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventRow } from '../../preload/api.ts';
import type { PageCache } from '../features/table/page-cache.ts';
import { rowToJson } from '../features/table/row-json.ts';
import { copyText } from './clipboard.ts';
import { commandForKey, INITIAL_NAV, navReduce, type NavCommand, type NavState } from './keyboard.ts';

export interface Navigation {
  nav: NavState;
  dispatch(cmd: NavCommand): void;
  /** The selected event, kept while its page reloads so the detail pane does not flicker. */
  selectedRow: EventRow | undefined;
}

const ROW_HEIGHT = 26;

/** Text fields, and panels that handle their own keys (marked data-own-keys), keep their keys. */
function ownsKeys(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('input, textarea, select, [contenteditable="true"], [data-own-keys]') !== null
  );
}

/** A dialog or popover is open: keys belong to it (it handles its own Escape). */
function layerOpen(): boolean {
  return document.querySelector('dialog[open], [data-layer]') !== null;
}

function pageRows(): number {
  const scroller = document.querySelector('.event-scroller');
  return scroller ? Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 2) : 20;
}

/** `/`: the search box when the filter bar has one, else the filter expression. */
function focusSearch(): void {
  const el =
    document.querySelector<HTMLInputElement>('[data-testid="search-input"]') ??
    document.querySelector<HTMLInputElement>('[data-testid="filter-input"]');
  el?.focus();
  el?.select();
}

/**
 * Selection, detail pane and shortcut list, driven by the pure reducer in keyboard.ts, plus the
 * one window-level key listener that feeds it. `cache` identifies the result: a new one (new
 * filter, sort or case contents) drops the selection, whose index would point at another event.
 */
export function useNavigation(
  cache: PageCache | null,
  /** b / t / n on the selected event (the annotations feature supplies it). */
  onAnnotate?: (what: 'bookmark' | 'tag' | 'note', row: EventRow) => void,
): Navigation {
  const [nav, setNav] = useState<NavState>(INITIAL_NAV);
  const live = useRef({ nav, cache, onAnnotate });
  live.current = { nav, cache, onAnnotate };

  useEffect(() => setNav((s) => navReduce(s, { type: 'reset' }, 0)), [cache]);

  const dispatch = useCallback((cmd: NavCommand) => {
    const { nav: current, cache: c } = live.current;
    if (cmd.type === 'focus-search') focusSearch();
    if (cmd.type === 'annotate' && current.selected !== null) {
      const row = c?.row(current.selected);
      if (row) live.current.onAnnotate?.(cmd.what, row);
    }
    if (cmd.type === 'copy-row' && current.selected !== null) {
      const row = c?.row(current.selected);
      if (row) void copyText(rowToJson(row), 'event as JSON');
    }
    setNav((s) => navReduce(s, cmd, live.current.cache?.total ?? 0));
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || ownsKeys(e.target)) return;
      if (layerOpen()) {
        // The shortcut list closes with the key that opened it, too.
        if (e.key === '?' && document.querySelector('[data-testid="shortcuts"][open]')) {
          e.preventDefault();
          dispatch({ type: 'close-shortcuts' });
        }
        return;
      }
      // Enter and Space on a focused button press that button, as everywhere else.
      if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLButtonElement) return;
      const hasTextSelection = (window.getSelection()?.toString() ?? '') !== '';
      const cmd = commandForKey(e, { pageRows: pageRows(), hasTextSelection });
      if (!cmd) return;
      if ((cmd.type === 'copy-row' || cmd.type === 'annotate') && live.current.nav.selected === null) return;
      e.preventDefault();
      // Capture phase plus this: `/` is not also typed into the field it focuses, and older
      // handlers further down do not act on it a second time.
      if (cmd.type === 'focus-search') e.stopPropagation();
      dispatch(cmd);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dispatch]);

  const lastRow = useRef<{ cache: PageCache | null; index: number; row: EventRow } | null>(null);
  let selectedRow: EventRow | undefined;
  if (nav.selected !== null) {
    selectedRow = cache?.row(nav.selected);
    const last = lastRow.current;
    if (selectedRow) lastRow.current = { cache, index: nav.selected, row: selectedRow };
    else if (last?.cache === cache && last.index === nav.selected) selectedRow = last.row;
  }
  return { nav, dispatch, selectedRow };
}
