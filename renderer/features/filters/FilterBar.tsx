import type { ReactNode } from 'react';
import type { ApiError, CaseInfo } from '../../../preload/api.ts';
import { useScope } from '../../app/scope.tsx';
import { ChipsRow } from './ChipsRow.tsx';
import { FilterExpression } from './FilterExpression.tsx';
import { SearchBox } from './SearchBox.tsx';
import { TimeRangePicker } from './TimeRangePicker.tsx';

export interface FilterBarProps {
  info: CaseInfo | null;
  /** An error from running the applied scope (the engine may reject what checkFilter allowed). */
  queryError: ApiError | null;
  /** Tools for the scope at the end of its row (saved views, tag all). */
  tools?: ReactNode;
}

/**
 * Everything that narrows the events, in one place: the SQL expression, the search box, the time
 * range and the chips. All of it lives in the shared scope (app/scope.tsx), so the table, the
 * histogram and the facets follow every change.
 */
export function FilterBar({ info, queryError, tools }: FilterBarProps): React.JSX.Element {
  const { filter, chips, search, timeRange, clearAll } = useScope();
  const narrowed = filter !== '' || chips.length > 0 || search.trim() !== '' || Boolean(timeRange.from || timeRange.to);
  return (
    <div className="filter-bar" role="search" data-testid="filter-bar">
      <FilterExpression caseKey={info?.path ?? null} queryError={queryError} />
      <div className="scope-row">
        <SearchBox />
        <TimeRangePicker timeMax={info?.timeMax ?? null} />
        <ChipsRow />
        {narrowed && (
          <button type="button" className="link clear-all" data-testid="clear-all" onClick={clearAll}>
            Clear all
          </button>
        )}
        {tools}
      </div>
    </div>
  );
}
