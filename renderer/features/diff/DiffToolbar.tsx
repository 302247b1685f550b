import { useState, type ReactNode, type RefObject } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';
import type { DiffMode } from './diff-model.ts';

export interface DiffToolbarProps {
  mode: DiffMode;
  onMode(mode: DiffMode): void;
  /** Row indexes where changes start. */
  changes: readonly number[];
  list: RefObject<VirtuosoHandle | null>;
  expandAll: boolean;
  onExpandAll(v: boolean): void;
  summary: ReactNode;
  /** Smaller controls, for the detail pane. */
  compact?: boolean;
  children?: ReactNode;
}

/** Side by side or inline, jump between changes, unfold everything. */
export function DiffToolbar(props: DiffToolbarProps): React.JSX.Element {
  const { mode, onMode, changes, list, expandAll, onExpandAll, summary, compact, children } = props;
  const [at, setAt] = useState(-1);
  const go = (step: number): void => {
    if (changes.length === 0) return;
    const next = (((at + step) % changes.length) + changes.length) % changes.length;
    setAt(next);
    list.current?.scrollToIndex({ index: Math.max(0, (changes[next] as number) - 1), align: 'start' });
  };
  return (
    <div className={compact ? 'diff-toolbar compact' : 'diff-toolbar'}>
      <span className="diff-summary" data-testid="diff-summary">
        {summary}
      </span>
      {changes.length > 1 && (
        <span className="diff-nav">
          <button type="button" className="secondary btn-sm" onClick={() => go(-1)} title="Previous change" data-testid="diff-prev">
            ↑
          </button>
          <button type="button" className="secondary btn-sm" onClick={() => go(1)} title="Next change" data-testid="diff-next">
            ↓
          </button>
          <span className="muted">{at >= 0 ? `change ${at + 1} of ${changes.length}` : `${changes.length} changes`}</span>
        </span>
      )}
      <label className="diff-check">
        <input type="checkbox" checked={expandAll} onChange={(e) => onExpandAll(e.target.checked)} data-testid="diff-expand-all" />
        Show unchanged lines
      </label>
      <div className="segmented small" role="group" aria-label="Diff layout">
        {(['side', 'inline'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className={mode === m ? 'seg active' : 'seg'}
            aria-pressed={mode === m}
            onClick={() => onMode(m)}
            data-testid={`diff-mode-${m}`}
          >
            {m === 'side' ? 'Side by side' : 'Inline'}
          </button>
        ))}
      </div>
      {children}
    </div>
  );
}
