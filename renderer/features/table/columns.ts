import type { EventColumn, EventRow, ViewColumn } from '../../../preload/api.ts';
import { formatTime, type DisplayZone } from '../../app/format.ts';
import { targetSource, targetText } from '../../app/target.ts';

/**
 * The columns the table can show, one per event column, so that what a cell shows, what its header
 * sorts by and what "Filter in" puts in a chip are always the same column.
 */
export interface ColumnDef {
  id: ViewColumn;
  label: string;
  /** Pixels; the user's own widths live in the layout (column-layout.ts). */
  width: number;
  /** Shown in a new case; the rest are one click away in the column chooser. */
  visible: boolean;
  mono?: boolean;
  /** The value as the engine holds it: what a chip filters on and what "copy cell" copies. */
  value(row: EventRow): string | null;
  /** The value as shown (times in the chosen zone); the raw value when absent. */
  display?(row: EventRow, zone: DisplayZone): string;
  /** Extra class for the cell, e.g. to colour outcomes. */
  cellClass?(row: EventRow): string;
}

const text =
  (key: Exclude<EventColumn, 'batch_id' | 'source_id' | 'id_conflict'>) =>
  (r: EventRow): string | null =>
    r[key];

export const COLUMN_DEFS: readonly ColumnDef[] = [
  {
    id: 'event_time',
    label: 'Time',
    width: 196,
    visible: true,
    mono: true,
    value: text('event_time'),
    display: (r, zone) => formatTime(r.event_time, zone),
  },
  { id: 'vendor', label: 'Source', width: 96, visible: true, value: text('vendor') },
  { id: 'actor', label: 'Actor', width: 200, visible: true, value: text('actor') },
  { id: 'action', label: 'Action', width: 200, visible: true, value: text('action') },
  { id: 'target_type', label: 'Target type', width: 110, visible: false, value: text('target_type') },
  {
    // The derived column: the name, else the id, else the type, as the engine's `target` is.
    id: 'target',
    label: 'Target',
    width: 220,
    visible: true,
    value: targetText,
    cellClass: (r) => `target-from-${targetSource(r) ?? 'none'}`,
  },
  { id: 'target_name', label: 'Target name', width: 200, visible: false, value: text('target_name') },
  {
    id: 'outcome',
    label: 'Outcome',
    width: 90,
    visible: true,
    value: text('outcome'),
    cellClass: (r) => `outcome outcome-${r.outcome ?? 'unknown'}`,
  },
  { id: 'src_ip', label: 'IP', width: 130, visible: true, mono: true, value: text('src_ip') },
  { id: 'description', label: 'Description', width: 320, visible: true, value: text('description') },
  { id: 'action_class', label: 'Action class', width: 110, visible: false, value: text('action_class') },
  { id: 'service', label: 'Service', width: 140, visible: false, value: text('service') },
  { id: 'actor_id', label: 'Actor ID', width: 160, visible: false, mono: true, value: text('actor_id') },
  { id: 'actor_type', label: 'Actor type', width: 100, visible: false, value: text('actor_type') },
  { id: 'target_id', label: 'Target ID', width: 160, visible: false, mono: true, value: text('target_id') },
  { id: 'tenant', label: 'Tenant', width: 140, visible: false, value: text('tenant') },
  { id: 'user_agent', label: 'User agent', width: 220, visible: false, value: text('user_agent') },
  { id: 'outcome_raw', label: 'Outcome as logged', width: 140, visible: false, value: text('outcome_raw') },
  { id: 'time_raw', label: 'Time as logged', width: 190, visible: false, mono: true, value: text('time_raw') },
  { id: 'time_assumed_tz', label: 'Assumed zone', width: 130, visible: false, value: text('time_assumed_tz') },
  { id: 'locator', label: 'Locator', width: 220, visible: false, mono: true, value: text('locator') },
  { id: 'event_id', label: 'Event ID', width: 270, visible: false, mono: true, value: text('event_id') },
  { id: 'vendor_event_id', label: 'Vendor event ID', width: 240, visible: false, mono: true, value: text('vendor_event_id') },
  {
    id: 'id_conflict',
    label: 'ID conflict',
    width: 100,
    visible: false,
    value: (r) => String(r.id_conflict),
    display: (r) => (r.id_conflict ? 'shared id' : ''),
  },
  { id: 'batch_id', label: 'Batch', width: 70, visible: false, mono: true, value: (r) => String(r.batch_id) },
  { id: 'source_id', label: 'Source ID', width: 80, visible: false, mono: true, value: (r) => String(r.source_id) },
];

const BY_ID = new Map<string, ColumnDef>(COLUMN_DEFS.map((c) => [c.id, c]));

export function columnDef(id: string): ColumnDef | undefined {
  return BY_ID.get(id);
}

export function cellText(def: ColumnDef, row: EventRow, zone: DisplayZone): string {
  return def.display ? def.display(row, zone) : (def.value(row) ?? '');
}
