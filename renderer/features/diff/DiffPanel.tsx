import { useMemo, useRef, useState } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';
import { formatCount } from '../../app/format.ts';
import type { DiffSide } from '../../app/investigate-tabs.ts';
import { sectionInputs, totals, type DiffMode } from './diff-model.ts';
import { DiffRows } from './DiffRows.tsx';
import { DiffToolbar } from './DiffToolbar.tsx';
import { useDiffRows } from './use-diff-rows.ts';
import { useSections } from './use-sections.ts';
import './diff.css';

/**
 * Two versions, two events or any two values compared side by side (or inline): records field by
 * field, source code and text line by line with word highlights, JSON with sorted keys.
 */
export function DiffPanel({ a, b }: { a: DiffSide; b: DiffSide }): React.JSX.Element {
  const [swapped, setSwapped] = useState(false);
  const [left, right] = swapped ? [b, a] : [a, b];
  const inputs = useMemo(() => sectionInputs(left.value, right.value), [left, right]);
  const { sections, size } = useSections(inputs);
  const [mode, setMode] = useState<DiffMode>('side');
  const rows = useDiffRows(sections, mode);
  const list = useRef<VirtuosoHandle>(null);
  const sum = sections ? totals(sections) : null;

  return (
    <section className="diff-panel" data-testid="diff-panel" data-state={sections ? 'ready' : 'computing'}>
      <DiffToolbar
        mode={mode}
        onMode={setMode}
        changes={rows.changes}
        list={list}
        expandAll={rows.expandAll}
        onExpandAll={rows.setExpandAll}
        summary={
          sum &&
          (sum.changed === 0
            ? 'No differences'
            : `${sum.changed} of ${sections?.length ?? 0} ${sections?.length === 1 ? 'field' : 'fields'} changed · +${formatCount(sum.added)} −${formatCount(sum.removed)} lines`)
        }
      />
      <div className={mode === 'side' ? 'diff-columns side' : 'diff-columns inline'}>
        <div className="diff-col-head old" title={left.label} data-testid="diff-label-a">
          <span className="diff-tag">A</span>
          <span className="diff-label">{left.label}</span>
        </div>
        <button
          type="button"
          className="icon diff-swap"
          onClick={() => setSwapped(!swapped)}
          title="Swap sides"
          aria-label="Swap sides"
          data-testid="diff-swap"
        >
          ⇄
        </button>
        <div className="diff-col-head new" title={right.label} data-testid="diff-label-b">
          <span className="diff-tag">B</span>
          <span className="diff-label">{right.label}</span>
        </div>
      </div>
      {sections ? (
        <DiffRows sections={sections} rows={rows.rows} onExpand={rows.expand} listRef={list} />
      ) : (
        <div className="diff-computing" data-testid="diff-computing">
          Comparing {formatCount(Math.round(size / 1024))} KB…
        </div>
      )}
    </section>
  );
}
