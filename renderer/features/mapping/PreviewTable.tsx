import type { PreviewRecord } from '../../../preload/api.ts';
import { formatTime } from '../../app/format.ts';
import { useScope } from '../../app/scope.tsx';

/** The columns the preview shows: when, who, what, to what, and how it ended. */
const SHOWN = [
  { column: 'event_time', label: 'Time' },
  { column: 'actor', label: 'Actor' },
  { column: 'action', label: 'Action' },
  { column: 'target_name', label: 'Target' },
  { column: 'outcome', label: 'Outcome' },
] as const;

export interface PreviewTableProps {
  records: PreviewRecord[];
}

/** Sample records as the edited mapping reads them; a changed value shows what is stored now beneath it. */
export function PreviewTable({ records }: PreviewTableProps): React.JSX.Element {
  const { zone } = useScope();
  // Times in the viewer's zone like the table; every other value exactly as the mapping reads it.
  const shown = (column: string, v: string | null | undefined): string =>
    v == null ? 'empty' : column === 'event_time' ? formatTime(v, zone) : v;
  return (
    <div className="preview-scroll">
      <table
        className="preview-table"
        data-testid="mapping-preview"
        aria-label="Preview: sample records with the edited mapping"
      >
        <thead>
          <tr>
            {SHOWN.map((c) => (
              <th key={c.column} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.eventId} data-testid="preview-row" title={r.locator}>
              {SHOWN.map(({ column }) => {
                const v = r.values.find((x) => x.column === column);
                const changed = v !== undefined && v.before !== v.after;
                return (
                  <td key={column} className={changed ? 'changed' : ''} data-column={column}>
                    <span className={`after mono ${v?.after == null ? 'empty' : ''}`} data-testid="preview-after">
                      {shown(column, v?.after)}
                    </span>
                    {changed && <span className="before mono">now: {shown(column, v.before)}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
