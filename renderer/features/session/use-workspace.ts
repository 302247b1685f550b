import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventQuery, EventRow } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { useInvestigate } from '../../app/investigate.tsx';
import type { NavCommand, NavState } from '../../app/keyboard.ts';
import { useScope } from '../../app/scope.tsx';
import { notify } from '../../app/toasts.ts';
import type { PageCache } from '../table/page-cache.ts';
import { parseWorkspace, serializeWorkspace, WORKSPACE_KEY, type Workspace } from './workspace.ts';

/** Changes come in bursts (typing, scrolling); the case hears about them after a pause this long. */
const SAVE_DELAY_MS = 300;

let flushNow: (() => Promise<void>) | null = null;
/** Saves a change still waiting for its pause (before the case is copied by "Save case as…"). */
export function flushWorkingState(): Promise<void> {
  return flushNow ? flushNow() : Promise.resolve();
}

export interface Pending {
  selection: Workspace['selection'];
  topRow: number;
  detailOpen: boolean;
}

export interface WorkspaceSession {
  /** False until the case's saved state is read and put back (the first query waits for it). */
  loaded: boolean;
  /** Where the table should scroll to and what to select once its rows arrive; null when done. */
  pending: Pending | null;
  /** The table reports its first visible row. */
  onTopRow(row: number): void;
  /** The restored selection found its row (or is gone): nothing is pending any more. */
  settle(): void;
  /** Shared with useWorkspaceSaving. */
  readonly topRow: { current: number };
  readonly requestSave: { current: () => void };
  readonly casePath: string | null;
}

/**
 * The working state of the open case, put back when the case is opened (in the desktop app and
 * after a browser reload alike): filter, chips, search, time range, zone, selection, scroll
 * position, detail pane and investigation tabs. useWorkspaceSaving keeps it saved as the
 * investigator works, with no save button.
 */
export function useWorkspace(casePath: string | null): WorkspaceSession {
  const { restore: restoreScope } = useScope();
  const { restore: restoreTabs } = useInvestigate();
  const [loaded, setLoaded] = useState<{ path: string | null; done: boolean }>({ path: null, done: false });
  const [pending, setPending] = useState<Pending | null>(null);
  const topRow = useRef(0);
  const requestSave = useRef<() => void>(() => undefined);

  useEffect(() => {
    let live = true;
    setLoaded({ path: casePath, done: casePath === null });
    setPending(null);
    topRow.current = 0;
    if (casePath === null) return;
    void api.getSession(WORKSPACE_KEY).then((r) => {
      if (!live) return;
      const w = r.ok ? parseWorkspace(r.value) : null;
      if (w) {
        restoreScope(w.scope);
        restoreTabs(w.tabs);
        topRow.current = w.topRow;
        setPending({ selection: w.selection, topRow: w.topRow, detailOpen: w.detailOpen });
      }
      setLoaded({ path: casePath, done: true });
    });
    return () => {
      live = false;
    };
  }, [casePath, restoreScope, restoreTabs]);

  const ready = loaded.done && loaded.path === casePath;
  const onTopRow = useCallback((row: number) => {
    if (row === topRow.current) return;
    topRow.current = row;
    requestSave.current();
  }, []);
  const settle = useCallback(() => setPending(null), []);
  return { loaded: ready, pending: ready ? pending : null, onTopRow, settle, topRow, requestSave, casePath };
}

/** Saves the working state a moment after each change, and at once when the page goes away. */
export function useWorkspaceSaving(ws: WorkspaceSession, nav: NavState, selectedRow: EventRow | undefined): void {
  const scope = useScope();
  const investigate = useInvestigate();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<(() => ReturnType<typeof serializeWorkspace>) | null>(null);
  const ready = ws.loaded && ws.casePath !== null;
  const { filter, chips, search, timeRange, zone } = scope;
  const { tabs, active, beside } = investigate;
  const selected = nav.selected !== null && selectedRow ? { index: nav.selected, eventId: selectedRow.event_id } : null;
  // Until a restored selection has found its row, it is what stays saved.
  const selection = selected ?? ws.pending?.selection ?? null;
  const detailOpen = selected ? nav.detailOpen : (ws.pending?.detailOpen ?? false);

  latest.current = ready
    ? () =>
        serializeWorkspace({
          version: 1,
          scope: { filter, chips, search, timeRange, zone },
          selection,
          topRow: ws.topRow.current,
          detailOpen,
          tabs: { tabs, active, beside },
        })
    : null;

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const make = latest.current;
    if (!make) return;
    const { json, dropped } = make();
    if (dropped > 0) notify(`${dropped} large comparison${dropped === 1 ? '' : 's'} will not come back after a reload; open again from history`);
    await api.setSession({ key: WORKSPACE_KEY, value: json });
  }, []);
  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [flush]);
  ws.requestSave.current = ready ? schedule : () => undefined;

  useEffect(() => {
    flushNow = flush;
    return () => {
      if (flushNow === flush) flushNow = null;
    };
  }, [flush]);

  // A save still waiting belongs to the case it was made in; the next case must not get it.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [ws.casePath],
  );

  const key = JSON.stringify([filter, chips, search, timeRange, zone, selection, detailOpen, active, beside, tabs.map((t) => t.id)]);
  useEffect(() => {
    if (ready) schedule();
  }, [ready, key, schedule]);

  useEffect(() => {
    const onHide = (): void => void flush();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [flush]);
}

/**
 * Puts the saved selection back once its page is in: the same row when it still holds the same
 * event, else wherever that event is now (the case may have grown), else nothing.
 */
export function useSelectionRestore(
  cache: PageCache | null,
  query: EventQuery,
  session: WorkspaceSession,
  dispatch: (cmd: NavCommand) => void,
): void {
  const wanted = session.pending?.selection ?? null;
  const open = session.pending?.detailOpen ?? false;
  const { settle } = session;
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    if (!cache || !wanted) return;
    let done = false;
    const finish = (index: number | null): void => {
      done = true;
      if (index !== null) dispatch({ type: 'select', index, open });
      settle();
    };
    const check = (): void => {
      if (done || cache.total === null) return;
      if (wanted.index >= cache.total) {
        done = true;
        void api.locateEvent({ ...(JSON.parse(queryKey) as EventQuery), eventId: wanted.eventId }).then((r) => finish(r.ok ? r.value : null));
        return;
      }
      const row = cache.row(wanted.index);
      if (!row) {
        cache.request(wanted.index, wanted.index);
        return;
      }
      if (row.event_id === wanted.eventId) finish(wanted.index);
      else {
        done = true;
        void api.locateEvent({ ...(JSON.parse(queryKey) as EventQuery), eventId: wanted.eventId }).then((r) => finish(r.ok ? r.value : null));
      }
    };
    const off = cache.subscribe(check);
    check();
    return off;
  }, [cache, wanted, open, queryKey, dispatch, settle]);
}
