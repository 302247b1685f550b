import { useScope } from '../../app/scope.tsx';
import { chipText, toggleChip } from './chips.ts';

/**
 * The chips added from facets and table cells. A chip reads `column = value` (include) or is struck
 * through in red (exclude); clicking its text flips it, × removes it. Values are log data and are
 * rendered as React text only.
 */
export function ChipsRow(): React.JSX.Element | null {
  const { chips, replaceChip, removeChip } = useScope();
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label="Filter chips" data-testid="chips">
      {chips.map((chip, i) => {
        const t = chipText(chip);
        return (
          <li
            key={`${chip.column}\u0000${chip.value ?? '\u0001'}\u0000${chip.exclude}`}
            className={chip.exclude ? 'chip exclude' : 'chip include'}
            data-testid="chip"
            data-exclude={chip.exclude}
          >
            <button
              type="button"
              className="chip-body"
              data-testid="chip-toggle"
              title={`${chip.exclude ? 'Excluding' : 'Only'} ${t.column} ${chip.value === null ? 'empty' : `“${chip.value}”`}. Click to ${chip.exclude ? 'include' : 'exclude'} instead.`}
              onClick={() => replaceChip(i, toggleChip(chip))}
            >
              <span className="chip-column">{t.column}</span>
              <span className="chip-op">{t.op}</span>
              <span className="chip-value">{t.value}</span>
            </button>
            <button
              type="button"
              className="chip-remove"
              data-testid="chip-remove"
              aria-label={`Remove ${t.column} ${t.op} ${t.value}`}
              onClick={() => removeChip(i)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
