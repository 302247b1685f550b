import { useCallback, useRef, type KeyboardEvent } from 'react';
import { TableVirtuoso, type TableComponents, type TableVirtuosoHandle } from 'react-virtuoso';
import type { EventRow } from '../../../preload/api.ts';
import { COLUMNS } from './columns.ts';
import type { PageCache } from './page-cache.ts';

interface TableContext {
  cache: PageCache;
  /** Bumped by every page arrival so Virtuoso re-renders rows that were placeholders. */
  version: number;
  selectedIndex: number | null;
  onSelect(index: number): void;
}

export interface EventTableProps {
  cache: PageCache;
  total: number;
  version: number;
  selectedIndex: number | null;
  onSelect(index: number): void;
}

const ROW_HEIGHT = 26;

// Defined once at module level: new component identities on every render would remount all rows.
const components: TableComponents<undefined, TableContext> = {
  Table: ({ style, ...props }) => <table {...props} style={style} className="event-table" />,
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
        onClick={loaded ? () => context.onSelect(index) : undefined}
      />
    );
  },
};

function HeaderRow(): React.JSX.Element {
  return (
    <tr>
      {COLUMNS.map((c) => (
        <th key={c.key} style={c.width ? { width: c.width } : undefined} scope="col">
          {c.label}
        </th>
      ))}
    </tr>
  );
}

function Cells({ row }: { row: EventRow | undefined }): React.JSX.Element {
  if (!row) {
    return (
      <>
        {COLUMNS.map((c) => (
          <td key={c.key} className="placeholder">
            <span className="placeholder-bar" />
          </td>
        ))}
      </>
    );
  }
  return (
    <>
      {COLUMNS.map((c) => {
        const text = c.value(row);
        const classes = [c.mono ? 'mono' : '', c.cellClass?.(row) ?? ''].filter(Boolean).join(' ');
        return (
          <td key={c.key} className={classes || undefined} title={text.length > 24 ? text : undefined}>
            {text}
          </td>
        );
      })}
    </>
  );
}

/** The virtualized event table: only visible rows exist in the DOM; pages load as they scroll in. */
export function EventTable({ cache, total, version, selectedIndex, onSelect }: EventTableProps): React.JSX.Element {
  const ref = useRef<TableVirtuosoHandle>(null);

  const move = useCallback(
    (delta: number) => {
      const next = Math.min(total - 1, Math.max(0, (selectedIndex ?? -1) + delta));
      cache.request(next, next);
      onSelect(next);
      ref.current?.scrollIntoView({ index: next });
    },
    [cache, onSelect, selectedIndex, total],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'j') move(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
    else if (e.key === 'PageDown') move(20);
    else if (e.key === 'PageUp') move(-20);
    else return;
    e.preventDefault();
  };

  return (
    <div className="table-wrap" tabIndex={0} onKeyDown={onKeyDown} aria-label="Events" data-testid="event-table">
      <TableVirtuoso<undefined, TableContext>
        ref={ref}
        className="event-scroller"
        totalCount={total}
        defaultItemHeight={ROW_HEIGHT}
        increaseViewportBy={{ top: ROW_HEIGHT * 10, bottom: ROW_HEIGHT * 30 }}
        rangeChanged={(range) => cache.request(range.startIndex, range.endIndex)}
        fixedHeaderContent={HeaderRow}
        itemContent={(index) => <Cells row={cache.row(index)} />}
        components={components}
        context={{ cache, version, selectedIndex, onSelect }}
      />
    </div>
  );
}
