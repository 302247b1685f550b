import { useState } from 'react';
import { useScope } from '../../app/scope.tsx';
import { BulkTagDialog } from '../annotations/BulkTagDialog.tsx';
import type { TableLayout } from '../table/column-layout.ts';
import { ViewsMenu } from './ViewsMenu.tsx';

/** At the end of the filter bar: saved views, and tagging every event of the current scope. */
export function ScopeTools({ layout, onLayout, generation }: { layout: TableLayout; onLayout(l: TableLayout): void; generation: number }): React.JSX.Element {
  const { scope } = useScope();
  const [bulk, setBulk] = useState(false);
  return (
    <div className="scope-tools">
      <button type="button" className="secondary" onClick={() => setBulk(true)} data-testid="bulk-tag-button" title="Tag every event of the current filter">
        Tag all…
      </button>
      <ViewsMenu layout={layout} onLayout={onLayout} generation={generation} />
      {bulk && <BulkTagDialog scope={scope} onClose={() => setBulk(false)} />}
    </div>
  );
}
