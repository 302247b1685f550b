import type { EventColumn, EventRow } from '../../../preload/api.ts';
import { copyText } from '../../app/clipboard.ts';
import { formatTime, localZoneName } from '../../app/format.ts';
import { useScope } from '../../app/scope.tsx';
import { LongText } from './LongText.tsx';

interface Field {
  label: string;
  column: EventColumn;
  /** Shown text; the chip still filters on the column's stored value. */
  shown?(r: EventRow, zone: 'UTC' | 'local'): string | null;
}

const FIELDS: Field[] = [
  { label: 'Time', column: 'event_time', shown: (r, zone) => (r.event_time ? formatTime(r.event_time, zone) : null) },
  { label: 'Time as logged', column: 'time_raw' },
  { label: 'Assumed zone', column: 'time_assumed_tz' },
  { label: 'Source', column: 'vendor' },
  { label: 'Tenant', column: 'tenant' },
  { label: 'Actor', column: 'actor' },
  { label: 'Actor ID', column: 'actor_id' },
  { label: 'Actor type', column: 'actor_type' },
  { label: 'Source IP', column: 'src_ip' },
  { label: 'User agent', column: 'user_agent' },
  { label: 'Action', column: 'action' },
  { label: 'Action class', column: 'action_class' },
  { label: 'Service', column: 'service' },
  { label: 'Target type', column: 'target_type' },
  { label: 'Target ID', column: 'target_id' },
  { label: 'Target name', column: 'target_name' },
  { label: 'Outcome', column: 'outcome' },
  { label: 'Outcome as logged', column: 'outcome_raw' },
  { label: 'Description', column: 'description' },
  { label: 'Event ID', column: 'event_id' },
  { label: 'Vendor event ID', column: 'vendor_event_id' },
  {
    label: 'ID conflict',
    column: 'id_conflict',
    shown: (r) => (r.id_conflict ? 'another, different record carries this vendor event ID; both are kept' : null),
  },
  { label: 'Locator', column: 'locator' },
  { label: 'Batch', column: 'batch_id' },
];

function stored(r: EventRow, column: EventColumn): string | null {
  const v = r[column];
  return v === null ? null : String(v);
}

/** The normalized fields, each with copy and filter-in/out on its value. Empty fields are dimmed, not hidden. */
export function FieldList({ row }: { row: EventRow }): React.JSX.Element {
  const { addChip, zone } = useScope();
  return (
    <dl className="fields">
      {FIELDS.map((f) => {
        const value = stored(row, f.column);
        const shown = f.shown ? f.shown(row, zone) : value;
        const empty = shown === null || shown === '';
        const label = f.column === 'event_time' ? `Time (${zone === 'UTC' ? 'UTC' : localZoneName()})` : f.label;
        return (
          <div key={f.column} className={empty ? 'field empty' : 'field'} data-testid={`field-${f.column}`}>
            <dt>{label}</dt>
            <dd className={f.column === 'outcome' ? `outcome outcome-${row.outcome ?? 'unknown'}` : undefined}>
              {empty ? '—' : <LongText text={shown} limit={400} />}
              {!empty && (
                <span className="field-actions">
                  <button
                    type="button"
                    className="chip-button"
                    title={`Filter in: ${f.label} is this value`}
                    aria-label={`Filter in on ${f.label}`}
                    data-testid="field-filter-in"
                    onClick={() => addChip({ column: f.column, value, exclude: false })}
                  >
                    +
                  </button>
                  <button
                    type="button"
                    className="chip-button"
                    title={`Filter out: ${f.label} is not this value`}
                    aria-label={`Filter out on ${f.label}`}
                    data-testid="field-filter-out"
                    onClick={() => addChip({ column: f.column, value, exclude: true })}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="chip-button"
                    title={`Copy ${f.label}`}
                    aria-label={`Copy ${f.label}`}
                    onClick={() => void copyText(shown, f.label.toLowerCase())}
                  >
                    copy
                  </button>
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
