import { useMemo, useRef, useState } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';
import type { Change } from '../../../preload/api.ts';
import { formatCount } from '../../app/format.ts';
import { useInvestigateOptional } from '../../app/investigate.tsx';
import { totals, type DiffMode, type SectionInput } from './diff-model.ts';
import { DiffRows } from './DiffRows.tsx';
import { DiffToolbar } from './DiffToolbar.tsx';
import { useDiffRows } from './use-diff-rows.ts';
import { useSections } from './use-sections.ts';
import './diff.css';

export interface ChangeDiffProps {
  /** An event's own changes (`EventRow.changes`) or a version's (`ObjectVersion.changes`). */
  changes: readonly (Change & { oldInferred?: boolean })[] | null;
  /** Tallest the list grows before it scrolls. */
  maxHeight?: number;
  /** Labels for "open side by side". */
  labels?: { old: string; new: string };
  /** Names the comparison in the tab "open side by side" opens. */
  caption?: string;
}

/** Estimated row height for sizing the list before Virtuoso measures (wrapped lines are taller). */
const ROW_PX = 20;

/**
 * One event's changes as a diff, old against new, field by field: for the detail pane and a
 * version in the object history. Inline by default (the pane is narrow), side by side on request,
 * and "open side by side" opens the same comparison as a full-size tab.
 */
export function ChangeDiff({ changes, maxHeight = 420, labels, caption }: ChangeDiffProps): React.JSX.Element {
  const inputs = useMemo<SectionInput[]>(() => (changes ?? []).map((c) => ({ name: c.field, old: c.old, new: c.new })), [changes]);
  const notes = useMemo(() => {
    const out: Record<string, string> = {};
    for (const c of changes ?? []) if (c.oldInferred) out[c.field] = 'old value from the previous version';
    return out;
  }, [changes]);
  const { sections, size } = useSections(inputs);
  const [mode, setMode] = useState<DiffMode>('inline');
  const rows = useDiffRows(sections, mode, true);
  const list = useRef<VirtuosoHandle>(null);
  const investigate = useInvestigateOptional();

  if (!changes || changes.length === 0) return <p className="muted">No changes recorded for this event.</p>;
  const sum = sections ? totals(sections) : null;
  const openFull = (): void => {
    const side = (pick: 'old' | 'new'): Record<string, unknown> => Object.fromEntries(changes.map((c) => [c.field, c[pick]]));
    investigate?.openDiff(
      { label: labels?.old ?? 'old values', short: 'old', value: side('old') },
      { label: labels?.new ?? 'new values', short: 'new', value: side('new') },
      caption,
    );
  };

  return (
    <div className="change-diff" data-testid="change-diff" data-state={sections ? 'ready' : 'computing'}>
      <DiffToolbar
        compact
        mode={mode}
        onMode={setMode}
        changes={rows.changes}
        list={list}
        expandAll={rows.expandAll}
        onExpandAll={rows.setExpandAll}
        summary={sum && `+${formatCount(sum.added)} −${formatCount(sum.removed)} lines`}
      >
        {investigate && (
          <button type="button" className="secondary btn-sm" onClick={openFull} data-testid="change-diff-open">
            Open side by side
          </button>
        )}
      </DiffToolbar>
      {sections ? (
        <DiffRows
          sections={sections}
          rows={rows.rows}
          onExpand={rows.expand}
          notes={notes}
          listRef={list}
          height={Math.min(maxHeight, rows.rows.length * ROW_PX + 8)}
        />
      ) : (
        <div className="diff-computing">Comparing {formatCount(Math.round(size / 1024))} KB…</div>
      )}
    </div>
  );
}
