import type { KeyboardEvent } from 'react';
import type { EventRow } from '../../../preload/api.ts';
import { copyText } from '../../app/clipboard.ts';
import { Popover } from '../../app/Popover.tsx';
import { useInvestigateOptional } from '../../app/investigate.tsx';
import { useScope } from '../../app/scope.tsx';
import { historyTarget, targetEntity } from '../../app/target.ts';
import type { EntityKind } from '../../../preload/api.ts';
import { cellText, type ColumnDef } from './columns.ts';
import { rowToJson } from './row-json.ts';

export interface CellMenuProps {
  at: { x: number; y: number };
  row: EventRow;
  column: ColumnDef;
  onClose(): void;
}

/** Columns whose value is an entity with a timeline (and, for targets, a history). */
const ENTITY_OF: Partial<Record<string, EntityKind>> = {
  actor: 'actor',
  actor_id: 'actor',
  src_ip: 'ip',
  target: 'target',
  target_id: 'target',
  target_name: 'target',
};

/** Long values are shortened in the menu label only; the chip gets the whole value. */
function short(value: string): string {
  return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

/** Arrow keys walk the items, as in any menu. */
function onMenuKey(e: KeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  e.preventDefault();
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
  next?.focus();
}

/** Right-click on a cell: copy it or the row, or narrow the events to (or away from) its value. */
export function CellMenu({ at, row, column, onClose }: CellMenuProps): React.JSX.Element {
  const { addChip, zone } = useScope();
  const investigate = useInvestigateOptional();
  const entity = ENTITY_OF[column.id];
  const value = column.value(row);
  // A target cell of any kind follows the event's object (its id when it has one), so a timeline or
  // history opened from the name, the id or the Target column is one and the same tab.
  const entityValue = entity === 'target' ? targetEntity(row) : value;
  const object = historyTarget(row);
  const shown = cellText(column, row, zone);
  const described = value === null ? 'empty' : `“${short(shown)}”`;

  const act = (f: () => void) => () => {
    f();
    onClose();
  };

  return (
    <Popover at={at} onClose={onClose} label="Cell actions" role="menu" className="cell-menu" testId="cell-menu">
      <div onKeyDown={onMenuKey}>
        <button
          type="button"
          role="menuitem"
          data-testid="menu-copy-cell"
          onClick={act(() => void copyText(shown, `${column.label.toLowerCase()} value`))}
        >
          Copy cell
        </button>
        <button
          type="button"
          role="menuitem"
          data-testid="menu-copy-row"
          onClick={act(() => void copyText(rowToJson(row), 'event as JSON'))}
        >
          Copy row as JSON
        </button>
        <hr />
        <button
          type="button"
          role="menuitem"
          data-testid="menu-filter-in"
          onClick={act(() => addChip({ column: column.id, value, exclude: false }))}
        >
          Filter in{' '}
          <span className="menu-detail">
            {column.label} is {described}
          </span>
        </button>
        <button
          type="button"
          role="menuitem"
          data-testid="menu-filter-out"
          onClick={act(() => addChip({ column: column.id, value, exclude: true }))}
        >
          Filter out{' '}
          <span className="menu-detail">
            {column.label} is not {described}
          </span>
        </button>
        {investigate && entity && entityValue !== null && (
          <>
            <hr />
            <button
              type="button"
              role="menuitem"
              data-testid="menu-timeline"
              onClick={act(() => investigate.openTimeline({ kind: entity, value: entityValue }))}
            >
              Timeline <span className="menu-detail">every event of {described}</span>
            </button>
            {entity === 'target' && object && (
              <button
                type="button"
                role="menuitem"
                data-testid="menu-history"
                onClick={act(() => investigate.openHistory(object))}
              >
                History <span className="menu-detail">versions of {described}</span>
              </button>
            )}
          </>
        )}
      </div>
    </Popover>
  );
}
