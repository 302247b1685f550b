import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { TableVirtuoso, type TableComponents, type TableVirtuosoHandle } from 'react-virtuoso';
import type { EventRow } from '../../../preload/api.ts';
import type { DisplayZone } from '../../app/format.ts';
import { useScope } from '../../app/scope.tsx';
import { CellMenu } from './CellMenu.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { visibleColumns, type ColumnState, type TableLayout } from './column-layout.ts';
import { cellText, columnDef, type ColumnDef } from './columns.ts';
import type { PageCache } from './page-cache.ts';
import { TableHeader } from './TableHeader.tsx';

interface TableContext {
  cache: PageCache;
  /** Bumped by every page arrival so Virtuoso re-renders rows that were placeholders. */
  version: number;
  columns: ColumnState[];
  zone: DisplayZone;
  minWidth: number;
  selectedIndex: number | null;
  onSelect(index: number, open: boolean): void;
}

export interface EventTableProps {
  cache: PageCache;
  total: number;
  version: number;
  layout: TableLayout;
  onLayout(next: TableLayout): void;
  selectedIndex: number | null;
  /** A click selects and opens the detail pane; a right-click only selects. */
  onSelect(index: number, open: boolean): void;
}

const ROW_HEIGHT = 26;
const CHOOSER_WIDTH = 34;

// Defined once at module level: new component identities on every render would remount all rows.
const components: TableComponents<undefined, TableContext> = {
  Table: ({ style, context, ...props }) => (
    <table {...props} style={{ ...style, minWidth: context?.minWidth }} className="event-table" />
  ),
  TableRow: ({ context, item: _item, ...props }) => {
    const index = props['data-index'];
    const loaded = context.cache.row(index) !== undefined;
    const selected = context.selectedIndex === index;
    return (
      <tr
        {...props}
        data-testid={loaded ? 'event-row' : 'event-row-loading'}
        aria-selected={selected}
        className={selected ? 'selected' : undefined}
        onClick={loaded ? () => context.onSelect(index, true) : undefined}
      />
    );
  },
};

function Cells({ row, context }: { row: EventRow | undefined; context: TableContext }): React.JSX.Element {
  const { columns, zone } = context;
  if (!row) {
    return (
      <>
        {columns.map((c) => (
          <td key={c.id} className="placeholder">
            <span className="placeholder-bar" />
          </td>
        ))}
        <td className="chooser-cell" />
      </>
    );
  }
  return (
    <>
      {columns.map((c) => {
        const def = columnDef(c.id);
        if (!def) return <td key={c.id} />;
        const text = cellText(def, row, zone);
        const classes = [def.mono ? 'mono' : '', def.cellClass?.(row) ?? ''].filter(Boolean).join(' ');
        return (
          <td key={c.id} data-col={c.id} className={classes || undefined} title={text.length > 24 ? text : undefined}>
            {text}
          </td>
        );
      })}
      <td className="chooser-cell" />
    </>
  );
}

interface MenuState {
  at: { x: number; y: number };
  row: EventRow;
  column: ColumnDef;
}

/**
 * The virtualized event table: only visible rows exist in the DOM; pages load as they scroll in
 * (placeholders meanwhile). Every value is a React text node, never markup.
 */
export function EventTable({
  cache,
  total,
  version,
  layout,
  onLayout,
  selectedIndex,
  onSelect,
}: EventTableProps): React.JSX.Element {
  const ref = useRef<TableVirtuosoHandle>(null);
  const { zone } = useScope();
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [chooserAt, setChooserAt] = useState<{ x: number; y: number } | null>(null);
  const columns = visibleColumns(layout);
  const minWidth = columns.reduce((sum, c) => sum + c.width, CHOOSER_WIDTH);

  useEffect(() => {
    // Keyboard moves (and End on a 10M-row result) must bring the row and its page into view.
    if (selectedIndex === null) return;
    cache.request(selectedIndex, selectedIndex);
    ref.current?.scrollIntoView({ index: selectedIndex });
  }, [cache, selectedIndex]);

  const onContextMenu = (e: MouseEvent<HTMLDivElement>): void => {
    const cell = (e.target as HTMLElement).closest<HTMLTableCellElement>('td[data-col]');
    const tr = cell?.closest<HTMLTableRowElement>('tr[data-index]');
    if (!cell || !tr) return;
    const index = Number(tr.dataset.index);
    const row = cache.row(index);
    const column = columnDef(cell.dataset.col ?? '');
    if (!row || !column) return;
    e.preventDefault();
    onSelect(index, false);
    setMenu({ at: { x: e.clientX, y: e.clientY }, row, column });
  };

  return (
    <div
      className="table-wrap"
      tabIndex={0}
      aria-label="Events"
      data-testid="event-table"
      onContextMenu={onContextMenu}
    >
      <TableVirtuoso<undefined, TableContext>
        ref={ref}
        className="event-scroller"
        totalCount={total}
        defaultItemHeight={ROW_HEIGHT}
        increaseViewportBy={{ top: ROW_HEIGHT * 10, bottom: ROW_HEIGHT * 30 }}
        rangeChanged={(range) => cache.request(range.startIndex, range.endIndex)}
        fixedHeaderContent={() => (
          <TableHeader
            layout={layout}
            zone={zone}
            onLayout={onLayout}
            onOpenChooser={(anchor) => {
              const box = anchor.getBoundingClientRect();
              setChooserAt({ x: box.right, y: box.bottom + 4 });
            }}
          />
        )}
        itemContent={(index, _item, context) => <Cells row={cache.row(index)} context={context} />}
        components={components}
        context={{ cache, version, columns, zone, minWidth, selectedIndex, onSelect }}
      />
      {menu && <CellMenu at={menu.at} row={menu.row} column={menu.column} onClose={() => setMenu(null)} />}
      {chooserAt && (
        <ColumnChooser layout={layout} at={chooserAt} onLayout={onLayout} onClose={() => setChooserAt(null)} />
      )}
    </div>
  );
}
