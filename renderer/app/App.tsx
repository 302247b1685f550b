import { AnnotationEditors } from '../features/annotations/AnnotationEditors.tsx';
import { annotateSelected } from '../features/annotations/keyboard-actions.ts';
import { readsAnnotations, useAnnotationsVersion, useTags } from '../features/annotations/use-annotations.ts';
import { DetailPane } from '../features/detail/DetailPane.tsx';
import { FacetsPanel } from '../features/facets/FacetsPanel.tsx';
import { FilterBar } from '../features/filters/FilterBar.tsx';
import { HistogramPanel } from '../features/histogram/HistogramPanel.tsx';
import { ImportFlow } from '../features/import/ImportFlow.tsx';
import { NoEventsYet } from '../features/import/NoEventsYet.tsx';
import { SessionActions } from '../features/session/SessionActions.tsx';
import { useSelectionRestore, useWorkspace, useWorkspaceSaving } from '../features/session/use-workspace.ts';
import { InvestigationArea } from '../features/timeline/InvestigationArea.tsx';
import { ScopeTools } from '../features/views/ScopeTools.tsx';
import { EventTable } from '../features/table/EventTable.tsx';
import { useEventPages } from '../features/table/use-event-pages.ts';
import { useSortedQuery, useTableLayout } from '../features/table/use-table-layout.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { EmptyState } from './EmptyState.tsx';
import { useScope, useScopeReset } from './scope.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { StartScreen } from './StartScreen.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useCaseInfo } from './use-case-info.ts';
import { useImportProgress } from './use-import-progress.ts';
import { useNavigation } from './use-navigation.ts';
import { PaneBoundary } from './PaneBoundary.tsx';
import { Toasts } from './Toasts.tsx';

export function App(): React.JSX.Element {
  const caseState = useCaseInfo();
  const progress = useImportProgress();
  const { scope } = useScope();
  useScopeReset(caseState.info?.path);
  const hasEvents = (caseState.info?.events ?? 0) > 0;
  const casePath = caseState.info?.path ?? null;
  const table = useTableLayout(casePath);
  // The working state (filter, tabs, selection…) is put back before the first query runs.
  const workspace = useWorkspace(casePath);
  // The stored layout is read first, so the first query already has the case's sort.
  const query = useSortedQuery(scope, table.layout);
  // A filter on annotations (`bookmarked`, `tag = 'x'`) is asked again when they change.
  const annotations = useAnnotationsVersion();
  const generation = caseState.generation + (readsAnnotations(scope.filter) ? annotations : 0);
  const cache = useEventPages(query, generation, hasEvents && table.loaded && workspace.loaded);
  // Selection, detail pane, shortcut list and the keyboard (a new cache drops the selection).
  const { nav, dispatch, selectedRow } = useNavigation(cache, annotateSelected);
  useWorkspaceSaving(workspace, nav, selectedRow);
  useSelectionRestore(cache, query, workspace, dispatch);
  const showTags = useTags().length > 0;
  const total = cache?.total ?? null;

  if (caseState.loaded && !caseState.info) {
    return (
      <div className="app start" data-testid="app-ready">
        <StartScreen error={caseState.error} />
        <ImportFlow caseOpen={false} />
        <Toasts />
      </div>
    );
  }

  let body: React.JSX.Element;
  if (caseState.error) {
    body = <EmptyState title="The case could not be read" detail={caseState.error.message} tone="error" />;
  } else if (!caseState.info) {
    body = (
      <EmptyState
        title="No case open"
        detail={
          <>
            Open a case file (.duckdb) from the File menu, or start the viewer with{' '}
            <code>auditlens serve case.duckdb</code>.
          </>
        }
      />
    );
  } else if (!hasEvents) {
    body = <NoEventsYet />;
  } else if (total === 0) {
    body = <EmptyState title="No events match this filter" detail={scope.filter && <code>{scope.filter}</code>} />;
  } else if (!cache || total === null) {
    // No cache yet: the case's stored table layout (and its sort) is still being read.
    body = cache?.error ? (
      <EmptyState title="The events could not be loaded" detail={cache.error.message} tone="error" />
    ) : (
      <EmptyState title="Loading events…" />
    );
  } else {
    body = (
      <EventTable
        cache={cache}
        total={total}
        version={cache.getVersion()}
        layout={table.layout}
        onLayout={table.setLayout}
        selectedIndex={nav.selected}
        onSelect={(index, open) => dispatch({ type: 'select', index, open })}
        showTags={showTags}
        restoreTopRow={workspace.pending?.topRow ?? null}
        onTopRow={workspace.onTopRow}
      />
    );
  }

  return (
    <div className="app" data-testid={caseState.loaded ? 'app-ready' : 'app-loading'}>
      <CaseHeader
        info={caseState.info}
        actions={
          caseState.info && (
            <CaseActions
              generation={caseState.generation}
              readOnly={caseState.info.readOnly}
              onShortcuts={() => dispatch({ type: 'toggle-shortcuts' })}
              extra={<SessionActions casePath={caseState.info.path} query={query} total={total} generation={caseState.generation} />}
            />
          )
        }
      />
      <PaneBoundary name="filter bar" resetKey={caseState.generation}>
        <FilterBar
          info={caseState.info}
          queryError={cache?.error ?? null}
          tools={hasEvents && <ScopeTools layout={table.layout} onLayout={table.setLayout} generation={caseState.generation} />}
        />
      </PaneBoundary>
      {/* Each pane fails on its own: whatever one throws, the others stay usable. */}
      <main className={nav.detailOpen ? 'workspace with-detail' : 'workspace'}>
        {hasEvents && (
          <PaneBoundary name="facets" resetKey={caseState.generation}>
            <FacetsPanel generation={generation} />
          </PaneBoundary>
        )}
        <div className="results">
          {hasEvents && caseState.info && (
            <PaneBoundary name="histogram" resetKey={caseState.generation}>
              <HistogramPanel info={caseState.info} generation={generation} />
            </PaneBoundary>
          )}
          <PaneBoundary name="event table" resetKey={cache}>
            {body}
          </PaneBoundary>
        </div>
        {nav.detailOpen && (
          <PaneBoundary name="detail pane" resetKey={selectedRow?.event_id}>
            <DetailPane row={selectedRow} onClose={() => dispatch({ type: 'close-detail' })} />
          </PaneBoundary>
        )}
        <PaneBoundary name="investigation area" resetKey={caseState.info?.path}>
          <InvestigationArea info={caseState.info} generation={caseState.generation} />
        </PaneBoundary>
      </main>
      <StatusBar
        total={total}
        elapsedMs={cache?.elapsedMs ?? null}
        loading={cache?.isLoading() ?? false}
        filtered={Object.keys(scope).length > 0}
        progress={progress}
      />
      <ImportFlow caseOpen={caseState.info !== null} />
      <ShortcutsDialog open={nav.shortcutsOpen} onClose={() => dispatch({ type: 'close-shortcuts' })} />
      <AnnotationEditors />
      <Toasts />
    </div>
  );
}
