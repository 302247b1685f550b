import { useState } from 'react';
import type { ViewColumn } from '../../../preload/api.ts';
import { Popover } from '../../app/Popover.tsx';
import { defaultLayout, dropOn, moveVisibleBy, setVisible, visibleColumns, type TableLayout } from './column-layout.ts';
import { columnDef } from './columns.ts';

export interface ColumnChooserProps {
  layout: TableLayout;
  at: { x: number; y: number };
  onLayout(next: TableLayout): void;
  onClose(): void;
}

const DRAG_TYPE = 'application/x-auditlens-chooser';

/**
 * Which columns show and in what order: tick to show, arrows or drag to reorder. Shown columns
 * are listed first, in table order, so the list reads like the header; hidden ones follow.
 */
export function ColumnChooser({ layout, at, onLayout, onClose }: ColumnChooserProps): React.JSX.Element {
  const shown = visibleColumns(layout);
  const hidden = layout.columns.filter((c) => !c.visible);
  const [over, setOver] = useState<ViewColumn | null>(null);

  return (
    <Popover
      at={at}
      alignRight
      onClose={onClose}
      label="Columns"
      className="column-chooser"
      testId="column-chooser"
      closeOnScroll={false}
    >
      <div className="popover-head">
        <span>Columns</span>
        <button type="button" className="link" onClick={() => onLayout({ ...defaultLayout(), sort: layout.sort })}>
          Reset
        </button>
      </div>
      <ul className="chooser-list">
        {[...shown, ...hidden].map((c) => {
          const label = columnDef(c.id)?.label ?? c.id;
          const pos = shown.findIndex((s) => s.id === c.id);
          return (
            <li
              key={c.id}
              className={`${c.visible ? '' : 'is-hidden'}${over === c.id ? ' drop-over' : ''}`}
              data-testid={`column-option-${c.id}`}
              draggable={c.visible}
              onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, c.id)}
              onDragOver={(e) => {
                if (!c.visible || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
                e.preventDefault();
                e.stopPropagation();
                setOver(c.id);
              }}
              onDragLeave={() => setOver((o) => (o === c.id ? null : o))}
              onDrop={(e) => {
                const dragged = e.dataTransfer.getData(DRAG_TYPE);
                setOver(null);
                if (!dragged || !columnDef(dragged)) return;
                e.preventDefault();
                e.stopPropagation();
                onLayout(dropOn(layout, dragged as ViewColumn, c.id, 'before'));
              }}
            >
              <label>
                <input
                  type="checkbox"
                  checked={c.visible}
                  disabled={c.visible && shown.length === 1}
                  data-testid={`column-toggle-${c.id}`}
                  onChange={(e) => onLayout(setVisible(layout, c.id, e.target.checked))}
                />
                <span>{label}</span>
              </label>
              {c.visible && (
                <span className="chooser-moves">
                  <button
                    type="button"
                    className="icon small"
                    aria-label={`Move ${label} left`}
                    title="Move left"
                    data-testid={`column-up-${c.id}`}
                    disabled={pos === 0}
                    onClick={() => onLayout(moveVisibleBy(layout, c.id, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon small"
                    aria-label={`Move ${label} right`}
                    title="Move right"
                    data-testid={`column-down-${c.id}`}
                    disabled={pos === shown.length - 1}
                    onClick={() => onLayout(moveVisibleBy(layout, c.id, 1))}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className="popover-hint">Drag a header to reorder, its right edge to resize.</p>
    </Popover>
  );
}
