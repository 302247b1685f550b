import { useRef, useState, type DragEvent, type PointerEvent, type ReactNode } from 'react';
import type { ViewColumn } from '../../../preload/api.ts';
import { localZoneName, type DisplayZone } from '../../app/format.ts';
import { dropOn, effectiveSort, resizeColumn, toggleSort, visibleColumns, type TableLayout } from './column-layout.ts';
import { columnDef } from './columns.ts';

export interface TableHeaderProps {
  layout: TableLayout;
  zone: DisplayZone;
  onLayout(next: TableLayout): void;
  onOpenChooser(anchor: HTMLElement): void;
  /** Header cells before the event columns (the annotation columns). */
  leading?: ReactNode;
}

/** Drag payload type: only our own header drags are accepted as drops, never files or text. */
const DRAG_TYPE = 'application/x-auditlens-column';

/**
 * The sticky header row: click a title to sort (again to reverse), drag a title onto another to
 * reorder, drag the right edge to resize. Widths follow the pointer live and are stored on release.
 */
export function TableHeader({ layout, zone, onLayout, onOpenChooser, leading }: TableHeaderProps): React.JSX.Element {
  const sort = effectiveSort(layout);
  const shown = visibleColumns(layout);
  const [dropTarget, setDropTarget] = useState<{ id: ViewColumn; side: 'before' | 'after' } | null>(null);
  const [liveWidth, setLiveWidth] = useState<{ id: ViewColumn; width: number } | null>(null);
  const resizing = useRef<{ id: ViewColumn; startX: number; startWidth: number } | null>(null);

  const sideOf = (e: DragEvent<HTMLElement>): 'before' | 'after' => {
    const box = e.currentTarget.getBoundingClientRect();
    return e.clientX < box.left + box.width / 2 ? 'before' : 'after';
  };

  const startResize = (e: PointerEvent<HTMLSpanElement>, id: ViewColumn, width: number): void => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    resizing.current = { id, startX: e.clientX, startWidth: width };
    setLiveWidth({ id, width });
  };
  const moveResize = (e: PointerEvent<HTMLSpanElement>): void => {
    const r = resizing.current;
    if (!r) return;
    setLiveWidth({ id: r.id, width: Math.max(48, r.startWidth + e.clientX - r.startX) });
  };
  const endResize = (e: PointerEvent<HTMLSpanElement>): void => {
    const r = resizing.current;
    if (!r) return;
    resizing.current = null;
    setLiveWidth(null);
    onLayout(resizeColumn(layout, r.id, r.startWidth + e.clientX - r.startX));
  };

  return (
    <tr className="header-row">
      {leading}
      {shown.map((c, i) => {
        const def = columnDef(c.id);
        const label = def?.label ?? c.id;
        const sorted = sort.column === c.id ? sort.dir : null;
        const last = i === shown.length - 1;
        const width = liveWidth?.id === c.id ? liveWidth.width : c.width;
        const dropClass = dropTarget?.id === c.id ? ` drop-${dropTarget.side}` : '';
        return (
          <th
            key={c.id}
            scope="col"
            data-col={c.id}
            data-testid={`column-header-${c.id}`}
            // The last column takes the remaining width, so the table always fills the pane.
            style={last ? { minWidth: width } : { width }}
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            className={`${sorted ? 'sorted' : ''}${dropClass}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, c.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
              e.preventDefault();
              e.stopPropagation(); // not a file drop onto the window
              const side = sideOf(e);
              if (dropTarget?.id !== c.id || dropTarget.side !== side) setDropTarget({ id: c.id, side });
            }}
            onDragLeave={() => setDropTarget((t) => (t?.id === c.id ? null : t))}
            onDrop={(e) => {
              const dragged = e.dataTransfer.getData(DRAG_TYPE);
              setDropTarget(null);
              if (!dragged || !columnDef(dragged)) return;
              e.preventDefault();
              e.stopPropagation();
              onLayout(dropOn(layout, dragged as ViewColumn, c.id, sideOf(e)));
            }}
            onDragEnd={() => setDropTarget(null)}
          >
            <button
              type="button"
              className="th-button"
              title={`Sort by ${label}${sorted === 'asc' ? ' (descending next)' : ''}`}
              onClick={() => onLayout(toggleSort(layout, c.id))}
            >
              <span className="th-label">
                {label}
                {c.id === 'event_time' && (
                  <span className="th-zone"> ({zone === 'UTC' ? 'UTC' : localZoneName()})</span>
                )}
              </span>
              {sorted && (
                <span className="sort-indicator" aria-hidden="true">
                  {sorted === 'asc' ? '▲' : '▼'}
                </span>
              )}
            </button>
            <span
              className="col-resizer"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${label}`}
              data-testid={`column-resizer-${c.id}`}
              onPointerDown={(e) => startResize(e, c.id, c.width)}
              onPointerMove={moveResize}
              onPointerUp={endResize}
              onPointerCancel={() => {
                resizing.current = null;
                setLiveWidth(null);
              }}
              onClick={(e) => e.stopPropagation()}
            />
          </th>
        );
      })}
      <th className="chooser-cell" scope="col">
        <button
          type="button"
          className="icon chooser-button"
          aria-label="Choose columns"
          title="Choose columns"
          data-testid="column-chooser-button"
          onClick={(e) => onOpenChooser(e.currentTarget)}
        >
          ⚙
        </button>
      </th>
    </tr>
  );
}
