import type { EventRow } from '../../../preload/api.ts';
import { formatValue } from '../../app/format.ts';
import { useScope } from '../../app/scope.tsx';
import { targetText } from '../../app/target.ts';
import { DetailAnnotations } from '../annotations/DetailAnnotations.tsx';
import { ChangeDiff } from '../diff/ChangeDiff.tsx';
import { InvestigateButtons } from '../timeline/InvestigateButtons.tsx';
import { FieldList } from './FieldList.tsx';
import { JsonTree } from './JsonTree.tsx';
import { LongText } from './LongText.tsx';
import { visibleText } from '../../app/visible-text.ts';

export interface DetailPaneProps {
  row: EventRow | undefined;
  onClose(): void;
}

function Changes({ row }: { row: EventRow }): React.JSX.Element {
  if (!row.changes || row.changes.length === 0) return <p className="muted">No changes recorded for this event.</p>;
  return (
    <table className="changes" data-testid="changes">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Old</th>
          <th scope="col">New</th>
        </tr>
      </thead>
      <tbody>
        {row.changes.map((c, i) => (
          <tr key={`${c.field}-${i}`}>
            <td className="mono">{c.field}</td>
            <td className="old">
              <LongText text={formatValue(c.old)} limit={300} />
            </td>
            <td className="new">
              <LongText text={formatValue(c.new)} limit={300} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A vendor id documented as unique, seen on different records: worth a look, so said up front. */
function IdConflictNote({ row }: { row: EventRow }): React.JSX.Element {
  const { addChip } = useScope();
  return (
    <p className="detail-note" role="note" data-testid="id-conflict-note">
      Another, different record carries the same vendor event ID; both are kept.{' '}
      <button
        type="button"
        className="link"
        data-testid="id-conflict-show"
        onClick={() => addChip({ column: 'vendor_event_id', value: row.vendor_event_id, exclude: false })}
      >
        Show every record with this ID
      </button>
    </p>
  );
}

/** One event in full. Every value is rendered as text by React; nothing here is parsed as HTML. */
export function DetailPane({ row, onClose }: DetailPaneProps): React.JSX.Element {
  return (
    <aside className="detail" data-testid="detail-pane" aria-label="Event detail">
      <header className="detail-head">
        <h2 title={row?.action ? visibleText(row.action) : undefined}>{row ? visibleText(row.action ?? 'Event') : 'Loading…'}</h2>
        <button type="button" className="icon" onClick={onClose} aria-label="Close detail" title="Close (Esc)">
          ×
        </button>
      </header>
      {row && (
        // Keyed by event: expanded nodes and "show all" belong to one event, not to the next.
        <div className="detail-body" key={row.event_id}>
          <DetailAnnotations row={row} />
          <InvestigateButtons row={row} />
          {row.id_conflict && <IdConflictNote row={row} />}
          <section>
            <h3>Fields</h3>
            <FieldList row={row} />
          </section>
          <section>
            <h3>Changes{row.changes && row.changes.length > 0 ? ` (${row.changes.length})` : ''}</h3>
            <Changes row={row} />
            {row.changes && row.changes.length > 0 && (
              <ChangeDiff changes={row.changes} caption={`${row.action ?? 'Event'} · ${targetText(row) ?? ''}`} />
            )}
          </section>
          <section>
            <h3>Raw record</h3>
            <JsonTree text={row.raw} />
          </section>
        </div>
      )}
    </aside>
  );
}
