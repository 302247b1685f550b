import { useMemo, useRef, useState } from 'react';
import type { RecordField } from '../../../preload/api.ts';
import { formatCount } from '../../app/format.ts';

export interface FieldPickerProps {
  fields: RecordField[];
  samples: number;
  /** The column a picked field goes to. */
  column: string;
  /** What the active column reads now (its box's text), to mark the fields in use. */
  reading: string;
  onPick(path: string, addAsFallback: boolean): void;
}

/**
 * The fields found in the source's own records, most common first, each with a value as recorded.
 * Enter or a click reads the active column from it; Shift adds it as a fallback path; the arrow
 * keys move through the list, so the whole mapping can be built from the keyboard.
 */
export function FieldPicker({ fields, samples, column, reading, onPick }: FieldPickerProps): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? fields.filter((f) => f.path.toLowerCase().includes(q) || f.example.toLowerCase().includes(q)) : fields;
  }, [fields, filter]);

  const inUse = useMemo(() => new Set(reading.split('|').map((p) => p.trim())), [reading]);

  const move = (from: HTMLElement, by: number): void => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.field-item') ?? [])];
    const i = items.indexOf(from as HTMLButtonElement);
    items[Math.max(0, Math.min(items.length - 1, i + by))]?.focus();
  };

  return (
    <section className="field-picker" aria-label="Fields in the records">
      <div className="picker-head">
        <h3>Fields in the records</h3>
        <span className="muted">{formatCount(samples)} sampled</span>
      </div>
      <input
        type="search"
        className="picker-filter"
        data-testid="field-filter"
        placeholder="Find a field or value"
        aria-label="Find a field or value"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            list.current?.querySelector<HTMLButtonElement>('button.field-item')?.focus();
          }
        }}
      />
      <p className="picker-hint muted">
        Enter reads <strong className="mono">{column}</strong> from the field; Shift+Enter adds it as a fallback.
      </p>
      <ul className="field-list" ref={list}>
        {shown.map((f) => (
          <li key={f.path}>
            <button
              type="button"
              className={`field-item ${inUse.has(f.path) ? 'in-use' : ''}`}
              aria-current={inUse.has(f.path) ? 'true' : undefined}
              data-testid="field-item"
              data-path={f.path}
              aria-label={`Read ${column} from ${f.path} (in ${f.records} of ${samples} records), for example ${f.example}`}
              onClick={(e) => onPick(f.path, e.shiftKey)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  move(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  onPick(f.path, e.shiftKey);
                }
              }}
            >
              <span className="field-path mono">{f.path}</span>
              <span className="field-count muted">
                {f.records}/{samples}
              </span>
              <span className="field-example mono">{f.example}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted picker-none">No field matches.</li>}
      </ul>
    </section>
  );
}
