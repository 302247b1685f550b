import { useCallback, useEffect, useState } from 'react';
import { DetailPane } from '../features/detail/DetailPane.tsx';
import { FilterBar } from '../features/filters/FilterBar.tsx';
import { EventTable } from '../features/table/EventTable.tsx';
import { useEventPages } from '../features/table/use-event-pages.ts';
import { CaseHeader } from './CaseHeader.tsx';
import { EmptyState } from './EmptyState.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useCaseInfo } from './use-case-info.ts';
import { useImportProgress } from './use-import-progress.ts';

export function App(): React.JSX.Element {
  const caseState = useCaseInfo();
  const progress = useImportProgress();
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const hasEvents = (caseState.info?.events ?? 0) > 0;
  const cache = useEventPages(filter, caseState.generation, hasEvents);

  // A new query or new case contents make the old row index meaningless.
  useEffect(() => setSelected(null), [cache]);

  useEffect(() => {
    if (selected === null) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !(e.target as HTMLElement | null)?.closest('input')) setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  const applyFilter = useCallback((f: string) => setFilter(f), []);
  const selectedRow = selected !== null ? cache?.row(selected) : undefined;
  const total = cache?.total ?? null;

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
  } else if (!hasEvents || !cache) {
    body = (
      <EmptyState
        title="This case has no events yet"
        detail={
          <>
            Import audit-log files with <code>auditlens import</code> or File → Import Files…
          </>
        }
      />
    );
  } else if (total === 0) {
    body = <EmptyState title="No events match this filter" detail={<code>{filter}</code>} />;
  } else if (total === null) {
    body = cache.error ? (
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
        selectedIndex={selected}
        onSelect={setSelected}
      />
    );
  }

  return (
    <div className="app" data-testid={caseState.loaded ? 'app-ready' : 'app-loading'}>
      <CaseHeader info={caseState.info} />
      <FilterBar applied={filter} queryError={cache?.error ?? null} onApply={applyFilter} />
      <main className={selected !== null ? 'workspace with-detail' : 'workspace'}>
        <div className="results">{body}</div>
        {selected !== null && <DetailPane row={selectedRow} onClose={() => setSelected(null)} />}
      </main>
      <StatusBar
        total={total}
        elapsedMs={cache?.elapsedMs ?? null}
        loading={cache?.isLoading() ?? false}
        filtered={filter !== ''}
        progress={progress}
      />
    </div>
  );
}
