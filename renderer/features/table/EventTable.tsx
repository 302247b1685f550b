import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import { TableVirtuoso, type ListRange, type TableComponents } from 'react-virtuoso';
import type { EventRow } from '../../../preload/api.ts';
import type { DisplayZone } from '../../app/format.ts';
import { useScope } from '../../app/scope.tsx';
import { CellMenu } from './CellMenu.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { visibleColumns, type ColumnState, type TableLayout } from './column-layout.ts';
import { visibleText } from '../../app/visible-text.ts';
import { cellText, columnDef, type ColumnDef } from './columns.ts';
import type { PageCache } from './page-cache.ts';
import {
  anchor,
  baseForJump,
  clampBase,
  geometry,
  isJump,
  nearEdge,
  reveal,
  ROW_HEIGHT,
  topRow,
  windowRows,
  type RowWindowGeometry,
  type RowWindowPlace,
} from './row-window.ts';
import { TableHeader } from './TableHeader.tsx';
import {
  AnnotationCells,
  AnnotationHeaderCells,
  AnnotationPlaceholderCells,
  STAR_WIDTH,
  TAGS_WIDTH,
} from '../annotations/AnnotationCells.tsx';

interface TableContext {
  cache: PageCache;
  /** The Tags column, once the case has any tag. */
  showTags: boolean;
  /** Bumped by every page arrival so Virtuoso re-renders rows that were placeholders. */
  version: number;
  columns: ColumnState[];
  zone: DisplayZone;
  minWidth: number;
  /** Global row of Virtuoso's index 0 (see row-window.ts). */
  base: number;
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
  showTags?: boolean;
  /** A restored session's first visible row, scrolled to once. */
  restoreTopRow?: number | null;
  /** The first visible row, whenever it changes (the session keeps it). */
  onTopRow?(row: number): void;
}

const CHOOSER_WIDTH = 34;

// Defined once at module level: new component identities on every render would remount all rows.
const components: TableComponents<undefined, TableContext> = {
  Table: ({ style, context, ...props }) => (
    <table {...props} style={{ ...style, minWidth: context?.minWidth }} className="event-table" />
  ),
  TableRow: ({ context, item: _item, ...props }) => {
    // Virtuoso counts inside the window; everything outside it (and the DOM) uses the global row.
    const index = context.base + props['data-index'];
    const loaded = context.cache.row(index) !== undefined;
    const selected = context.selectedIndex === index;
    return (
      <tr
        {...props}
        data-index={index}
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
        <AnnotationPlaceholderCells tags={context.showTags} />
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
      <AnnotationCells eventId={row.event_id} tags={context.showTags} />
      {columns.map((c) => {
        const def = columnDef(c.id);
        if (!def) return <td key={c.id} />;
        const text = visibleText(cellText(def, row, zone));
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

/** The window geometry of the scroller as it is laid out now. */
function measure(scroller: HTMLElement, total: number): RowWindowGeometry {
  const head = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  return geometry(total, (scroller.clientHeight - head) / ROW_HEIGHT);
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
  showTags = false,
  restoreTopRow = null,
  onTopRow,
}: EventTableProps): React.JSX.Element {
  const { zone } = useScope();
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [chooserAt, setChooserAt] = useState<{ x: number; y: number } | null>(null);
  const columns = visibleColumns(layout);
  const minWidth = columns.reduce((sum, c) => sum + c.width, CHOOSER_WIDTH + STAR_WIDTH + (showTags ? TAGS_WIDTH : 0));

  // The row window (row-window.ts): Virtuoso sees at most WINDOW_ROWS rows starting at `base`.
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [baseState, setBase] = useState(0);
  const base = clampBase(baseState, geometry(total, 1));
  const [range, setRange] = useState<ListRange | null>(null);
  const live = useRef({ base, total });
  live.current = { base, total };
  /** scrollTop after the last scroll event (or our own scroll), to tell steps from jumps. */
  const lastTop = useRef(0);
  /** A scroll position waiting for its window to be rendered. */
  const pending = useRef<RowWindowPlace | null>(null);

  const scrollTo = useCallback((el: HTMLElement, top: number): void => {
    if (Math.abs(el.scrollTop - top) < 0.5) return;
    lastTop.current = top;
    el.scrollTop = top;
    lastTop.current = el.scrollTop; // as the browser rounded it
  }, []);

  useEffect(() => {
    if (!scroller) return;
    lastTop.current = scroller.scrollTop;
    const onScroll = (): void => {
      const top = scroller.scrollTop;
      const delta = top - lastTop.current;
      lastTop.current = top;
      const { base: current, total: rows } = live.current;
      const g = measure(scroller, rows);
      let next: RowWindowPlace | null = null;
      if (isJump(delta, scroller.clientHeight)) {
        // Thumb drag or a far jump: the same fraction of the whole result, scrollTop stays.
        const b = baseForJump(top, scroller.scrollHeight - scroller.clientHeight, g);
        if (b !== current) next = { base: b, scrollTop: top };
      } else if (delta !== 0 && nearEdge({ base: current, scrollTop: top }, g)) {
        // Stepping towards a window edge: move the window, same rows under the cursor.
        next = anchor(topRow({ base: current, scrollTop: top }, g), g);
      }
      if (!next) return;
      live.current = { base: next.base, total: rows };
      // Rows and scroll position change in the same task, before the next paint; Virtuoso
      // renders its new range synchronously from the scroll event that follows.
      flushSync(() => setBase(next.base));
      scrollTo(scroller, next.scrollTop);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => scroller.removeEventListener('scroll', onScroll);
  }, [scroller, scrollTo]);

  useEffect(() => {
    // Keyboard moves (and End on a 10M-row result) must bring the row and its page into view.
    if (selectedIndex === null || !scroller) return;
    cache.request(selectedIndex, selectedIndex);
    const { base: current, total: rows } = live.current;
    const next = reveal(selectedIndex, { base: current, scrollTop: scroller.scrollTop }, measure(scroller, rows));
    if (!next) return;
    if (next.base === current) {
      scrollTo(scroller, next.scrollTop);
    } else {
      pending.current = next;
      setBase(next.base);
    }
  }, [cache, selectedIndex, scroller, scrollTo]);

  useLayoutEffect(() => {
    // The moved window is in the DOM: scroll to it before the browser paints.
    const next = pending.current;
    if (!next || !scroller || next.base !== base) return;
    pending.current = null;
    scrollTo(scroller, next.scrollTop);
  }, [base, scroller, scrollTo]);

  useEffect(() => {
    if (!range) return;
    cache.request(base + range.startIndex, base + range.endIndex);
    onTopRow?.(base + range.startIndex);
  }, [cache, base, range, onTopRow]);

  // A restored session's scroll position, once, when the scroller is laid out.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || restoreTopRow === null || !scroller || total === 0) return;
    restored.current = true;
    const next = anchor(restoreTopRow, measure(scroller, total));
    if (next.base === live.current.base) scrollTo(scroller, next.scrollTop);
    else {
      pending.current = next;
      setBase(next.base);
    }
  }, [restoreTopRow, scroller, total, scrollTo]);

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
        className="event-scroller"
        scrollerRef={(el) => setScroller(el instanceof HTMLElement ? el : null)}
        totalCount={windowRows(total)}
        fixedItemHeight={ROW_HEIGHT}
        increaseViewportBy={{ top: ROW_HEIGHT * 10, bottom: ROW_HEIGHT * 30 }}
        rangeChanged={setRange}
        fixedHeaderContent={() => (
          <TableHeader
            layout={layout}
            zone={zone}
            onLayout={onLayout}
            leading={<AnnotationHeaderCells tags={showTags} />}
            onOpenChooser={(anchor) => {
              const box = anchor.getBoundingClientRect();
              setChooserAt({ x: box.right, y: box.bottom + 4 });
            }}
          />
        )}
        itemContent={(index, _item, context) => <Cells row={cache.row(context.base + index)} context={context} />}
        components={components}
        context={{ cache, showTags, version, columns, zone, minWidth, base, selectedIndex, onSelect }}
      />
      {menu && <CellMenu at={menu.at} row={menu.row} column={menu.column} onClose={() => setMenu(null)} />}
      {chooserAt && (
        <ColumnChooser layout={layout} at={chooserAt} onLayout={onLayout} onClose={() => setChooserAt(null)} />
      )}
    </div>
  );
}
