import { useEffect, useRef, useState } from 'react';
import { Virtuoso } from 'react-virtuoso';
import type { EntityKind, EventRow } from '../../../preload/api.ts';
import { formatTime, type DisplayZone } from '../../app/format.ts';
import { StarButton } from '../annotations/StarButton.tsx';
import { TagChips } from '../annotations/TagChips.tsx';
import { targetText } from '../../app/target.ts';
import { visibleText } from '../../app/visible-text.ts';

export interface EventListProps {
  rows: readonly EventRow[];
  selectedId: string | null;
  onSelect(row: EventRow): void;
  /** Events ticked for comparison. */
  picked: ReadonlySet<string>;
  onPick(row: EventRow): void;
  onEndReached(): void;
  zone: DisplayZone;
  vendorColor(vendor: string): string;
  /** The timeline's entity kind: its own column would repeat one value on every row, so it is left out. */
  entityKind: EntityKind;
}

function target(r: EventRow): string {
  if (r.target_name && r.target_id && r.target_name !== r.target_id) return `${r.target_name} (${r.target_id})`;
  return targetText(r) ?? '';
}

interface Column {
  id: 'time' | 'vendor' | 'actor' | 'action' | 'target' | 'ip' | 'outcome';
  label: string;
  width: string;
  cell(r: EventRow, p: EventListProps): React.JSX.Element;
}

const COLUMNS: Column[] = [
  { id: 'time', label: 'Time', width: '188px', cell: (r, p) => <span className="mono">{formatTime(r.event_time, p.zone)}</span> },
  {
    id: 'vendor',
    label: 'Source',
    width: '96px',
    cell: (r, p) => (
      <span className="tl-vendor">
        <span className="swatch" style={{ background: p.vendorColor(r.vendor) }} />
        {r.vendor}
      </span>
    ),
  },
  { id: 'actor', label: 'Actor', width: 'minmax(0, 1fr)', cell: (r) => <span title={r.actor ? visibleText(r.actor) : undefined}>{r.actor && visibleText(r.actor)}</span> },
  {
    id: 'action',
    label: 'Action',
    width: 'minmax(0, 1.1fr)',
    cell: (r) => (
      <>
        <span title={r.action ? visibleText(r.action) : undefined}>{r.action && visibleText(r.action)}</span> <TagChips eventId={r.event_id} max={1} />
      </>
    ),
  },
  { id: 'target', label: 'Target', width: 'minmax(0, 1.3fr)', cell: (r) => <span title={target(r)}>{target(r)}</span> },
  { id: 'ip', label: 'IP', width: '122px', cell: (r) => <span className="mono">{r.src_ip}</span> },
  {
    id: 'outcome',
    label: 'Outcome',
    width: '96px',
    cell: (r) => <span className={`outcome outcome-${r.outcome ?? 'unknown'}`}>{r.outcome}</span>,
  },
];

const OWN_COLUMN: Partial<Record<EntityKind, Column['id']>> = { actor: 'actor', ip: 'ip' };

/** Columns given up first when the list is narrow (two timelines side by side): outcome, then IP. */
function fitting(columns: Column[], width: number): Column[] {
  if (width === 0 || width >= 980) return columns;
  const drop = width >= 800 ? ['outcome'] : ['outcome', 'ip'];
  return columns.filter((c) => !drop.includes(c.id));
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The timeline's events in time order; clicking one selects it, the box ticks it for "compare". */
export function EventList(props: EventListProps): React.JSX.Element {
  const { rows, selectedId, onSelect, picked, onPick, onEndReached, entityKind } = props;
  const box = useRef<HTMLDivElement>(null);
  const columns = fitting(
    COLUMNS.filter((c) => c.id !== OWN_COLUMN[entityKind]),
    useWidth(box),
  );
  // Set through the style object (CSSOM), which the CSP allows, unlike style attributes in markup.
  const grid = { gridTemplateColumns: ['52px', ...columns.map((c) => c.width)].join(' ') };
  return (
    <div className="tl-list" data-testid="timeline-list" ref={box}>
      <div className="tl-row tl-head" role="row" style={grid}>
        <span />
        {columns.map((c) => (
          <span key={c.id} role="columnheader" data-col={c.id}>
            {c.label}
          </span>
        ))}
      </div>
      <Virtuoso
        className="tl-scroller"
        data={rows}
        endReached={onEndReached}
        increaseViewportBy={300}
        computeItemKey={(_i, r) => r.event_id}
        itemContent={(_i, r) => (
          <div
            className={r.event_id === selectedId ? 'tl-row selected' : 'tl-row'}
            style={grid}
            role="row"
            aria-selected={r.event_id === selectedId}
            data-testid="timeline-event"
            data-event-id={r.event_id}
            onClick={() => onSelect(r)}
          >
            <span onClick={(e) => e.stopPropagation()}>
              <input
                type="checkbox"
                checked={picked.has(r.event_id)}
                onChange={() => onPick(r)}
                aria-label="Pick for comparison"
                title="Pick two events to compare them"
                data-testid="timeline-pick"
              />
              <StarButton eventId={r.event_id} />
            </span>
            {columns.map((c) => (
              <span key={c.id} className="tl-cell" data-col={c.id}>
                {c.cell(r, props)}
              </span>
            ))}
          </div>
        )}
      />
    </div>
  );
}
