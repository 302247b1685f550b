import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventQuery, EventScope } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { defaultLayout, parseLayout, sameLayout, SESSION_KEY, type TableLayout } from './column-layout.ts';

/** Dragging a column edge changes the layout many times a second; the case hears about it once. */
const SAVE_DELAY_MS = 400;

export interface TableLayoutState {
  layout: TableLayout;
  /** False until the case's stored layout has been read, so the first query uses its sort. */
  loaded: boolean;
  setLayout(next: TableLayout): void;
}

/**
 * The table layout of the open case: read from the case's session table when the case changes,
 * written back (debounced) whenever the investigator rearranges something.
 */
export function useTableLayout(casePath: string | null): TableLayoutState {
  const [state, setState] = useState<{ path: string | null; layout: TableLayout; loaded: boolean }>({
    path: null,
    layout: defaultLayout(),
    loaded: false,
  });
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; layout: TableLayout } | null>(null);

  const flush = useCallback(() => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    void api.setSession({ key: SESSION_KEY, value: p.layout });
  }, []);

  useEffect(() => {
    let live = true;
    setState({ path: casePath, layout: defaultLayout(), loaded: casePath === null });
    if (casePath === null) return;
    void api.getSession(SESSION_KEY).then((r) => {
      if (!live) return;
      setState({ path: casePath, layout: parseLayout(r.ok ? r.value : null), loaded: true });
    });
    return () => {
      live = false;
      // By now the host may already have the next case open, and a save would land in that one;
      // a change made in the last moment before switching is dropped instead.
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
    };
  }, [casePath]);

  useEffect(() => {
    // Reloading or closing the window must not lose the last drag.
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [flush]);

  const setLayout = useCallback((next: TableLayout) => {
    setState((s) => (sameLayout(s.layout, next) ? s : { ...s, layout: next }));
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = {
      layout: next,
      timer: setTimeout(() => {
        pending.current = null;
        void api.setSession({ key: SESSION_KEY, value: next });
      }, SAVE_DELAY_MS),
    };
  }, []);

  const current = state.path === casePath ? state : { layout: defaultLayout(), loaded: casePath === null };
  return { layout: current.layout, loaded: current.loaded, setLayout };
}

/** The scope plus the table's sort, for useEventPages (which passes everything on to getEvents). */
export function useSortedQuery(scope: EventScope, layout: TableLayout): EventQuery {
  const sort = layout.sort;
  return useMemo(() => (sort ? { ...scope, sort } : scope), [scope, sort]);
}
