import type { ColumnRow } from './mapping-model.ts';

export interface ColumnTableProps {
  rows: ColumnRow[];
  transforms: string[];
  active: string;
  /** Problems by column, from the rows themselves and from the engine. */
  problems: Map<string, string[]>;
  onActivate(column: string): void;
  onChange(row: ColumnRow): void;
}

/** The mapping as a table: each event column ← the path(s) it reads and a transform. */
export function ColumnTable({
  rows,
  transforms,
  active,
  problems,
  onActivate,
  onChange,
}: ColumnTableProps): React.JSX.Element {
  return (
    <table className="column-table" aria-label="Mapping: event column ← record field">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Read from (paths, first non-empty; or a field spec as JSON)</th>
          <th scope="col">Transform</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const errs = problems.get(r.column) ?? [];
          const id = `map-${r.column}`;
          return (
            <tr
              key={r.column}
              className={`${r.column === active ? 'active' : ''} ${errs.length ? 'invalid' : ''}`}
              data-testid="column-row"
              data-column={r.column}
            >
              <th scope="row" className="mono">
                <label htmlFor={id}>{r.column}</label>
              </th>
              <td>
                <input
                  id={id}
                  className="column-source mono"
                  data-testid="column-source"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="not mapped"
                  value={r.source}
                  aria-invalid={errs.length > 0}
                  aria-describedby={errs.length ? `${id}-err` : undefined}
                  onFocus={() => onActivate(r.column)}
                  onChange={(e) => onChange({ ...r, source: e.target.value })}
                />
                {errs.length > 0 && (
                  <div id={`${id}-err`} className="column-error" data-testid="column-error">
                    {errs.join('; ')}
                  </div>
                )}
              </td>
              <td>
                <select
                  className="column-transform"
                  aria-label={`Transform of ${r.column}`}
                  value={r.transform}
                  onFocus={() => onActivate(r.column)}
                  onChange={(e) => onChange({ ...r, transform: e.target.value })}
                >
                  <option value="">none</option>
                  {transforms.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
