import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EntityRef } from '../../preload/api.ts';
import { api } from '../api.ts';
import {
  closeTab,
  NO_TABS,
  openTab,
  restoreTabs,
  settleHistoryTab,
  showBeside,
  showTab,
  type DiffSide,
  type HistoryTarget,
  type NewTab,
  type TabsState,
} from './investigate-tabs.ts';
import './investigate.css';

/**
 * The entry points of the investigation area, for everyone else in the renderer: table cells, the
 * detail pane and facets call `openTimeline`, `openHistory`, `openContext` and `openDiff`; the
 * area (features/timeline/InvestigationArea.tsx) shows what they open as tabs over the workspace.
 * Components that may also render outside the provider (a test harness, another host) use
 * `useInvestigateOptional()` and hide their investigate buttons when it returns null.
 */

export type { DiffSide, HistoryTarget, InvestigateTab } from './investigate-tabs.ts';

export interface InvestigateApi extends TabsState {
  openTimeline(entity: EntityRef): void;
  openHistory(target: HistoryTarget): void;
  openContext(eventId: string): void;
  /** `caption` names what is compared in the tab title (a target id); the sides' short labels follow. */
  openDiff(a: DiffSide, b: DiffSide, caption?: string): void;
  /** Brings a tab forward; null hides the area and shows the table again (tabs stay open). */
  show(id: string | null): void;
  /** Shows a second tab beside the active one (two timelines side by side); null ends the split. */
  showBeside(id: string | null): void;
  close(id: string): void;
  /** A history tab found out which object it shows: one tab per object (see settleHistoryTab). */
  settleHistory(id: string, target: HistoryTarget): void;
  /** The annotations panel (bookmarks, tags, notes) as a tab. */
  openAnnotations(): void;
  /** Puts back the tabs of a restored session. */
  restore(state: TabsState): void;
}

const Ctx = createContext<InvestigateApi | null>(null);

export function InvestigateProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const [state, setState] = useState<TabsState>(NO_TABS);
  const open = useCallback((t: NewTab) => setState((s) => openTab(s, t)), []);

  // Tabs belong to the case they were opened in. The host also announces case-changed after every
  // import into the same case, which must not close them: only a different path does.
  const casePath = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    void api.caseInfo().then((r) => {
      if (casePath.current === undefined) casePath.current = r.ok ? r.value.path : null;
    });
    return api.on('case-changed', (info) => {
      const path = info?.path ?? null;
      if (casePath.current !== undefined && casePath.current !== path) setState(NO_TABS);
      casePath.current = path;
    });
  }, []);

  const actions = useMemo(
    () => ({
      openTimeline: (entity: EntityRef) => open({ kind: 'timeline', entity }),
      openHistory: (target: HistoryTarget) => open({ kind: 'history', target }),
      openContext: (eventId: string) => open({ kind: 'context', eventId }),
      openDiff: (a: DiffSide, b: DiffSide, caption?: string) => open({ kind: 'diff', a, b, ...(caption ? { caption } : {}) }),
      show: (id: string | null) => setState((s) => showTab(s, id)),
      showBeside: (id: string | null) => setState((s) => showBeside(s, id)),
      close: (id: string) => setState((s) => closeTab(s, id)),
      settleHistory: (id: string, target: HistoryTarget) => setState((s) => settleHistoryTab(s, id, target)),
      openAnnotations: () => open({ kind: 'annotations' }),
      restore: (saved: TabsState) => setState(restoreTabs(saved)),
    }),
    [open],
  );
  const value = useMemo<InvestigateApi>(() => ({ ...state, ...actions }), [state, actions]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useInvestigate(): InvestigateApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useInvestigate outside InvestigateProvider');
  return v;
}

/** Null outside the provider, for components that also render without it. */
export function useInvestigateOptional(): InvestigateApi | null {
  return useContext(Ctx);
}

