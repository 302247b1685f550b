import { useCallback, useMemo, useState } from 'react';
import { buildRows, type DiffMode, type Rows, type Section } from './diff-model.ts';

export interface DiffRowsState extends Rows {
  expand(id: string): void;
  /** Everything unfolded (or folded again). */
  expandAll: boolean;
  setExpandAll(v: boolean): void;
}

/** Rows for a mode, with the folds the user opened (kept when switching between side by side and inline). */
export function useDiffRows(sections: readonly Section[] | null, mode: DiffMode, headers?: boolean): DiffRowsState {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [expandAll, setExpandAll] = useState(false);
  const expand = useCallback((id: string) => setExpanded((s) => new Set(s).add(id)), []);
  const built = useMemo(
    () =>
      sections
        ? buildRows(sections, { mode, expanded, context: expandAll ? Number.MAX_SAFE_INTEGER : undefined, headers })
        : { rows: [], changes: [] },
    [sections, mode, expanded, expandAll, headers],
  );
  return { ...built, expand, expandAll, setExpandAll };
}
