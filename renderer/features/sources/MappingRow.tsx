import type { MappingChoice } from '../../../preload/api.ts';

export interface MappingRowProps {
  mapping: MappingChoice[];
  /** Columns of the batches table the row spans. */
  span: number;
  pack: string;
}

/** What a file's mapping read for each column, and why: the evidence behind a detected mapping. */
export function MappingRow({ mapping, span, pack }: MappingRowProps): React.JSX.Element {
  return (
    <tr className="mapping-row" data-testid="batch-mapping">
      <td colSpan={span}>
        {mapping.length === 0 ? (
          <p className="muted">No columns mapped.</p>
        ) : (
          <table className="mapping-table" aria-label={`Mapping (${pack} pack)`}>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Read from</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {mapping.map((m) => (
                <tr key={m.column}>
                  <td className="mono nowrap">{m.column}</td>
                  <td className="mono from">{m.from}</td>
                  <td className="why">{m.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </td>
    </tr>
  );
}
