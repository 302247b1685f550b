import type { EventRow } from '../../../preload/api.ts';
import { formatUtc } from '../../app/format.ts';

export interface Column {
  key: string;
  label: string;
  /**
   * Pixels for columns whose content has a known size, a percentage of the table for free text;
   * undefined takes what is left. The table has a minimum width (app.css), so with the detail pane
   * open it scrolls sideways instead of squeezing every column to nothing.
   */
  width?: number | `${number}%`;
  value(row: EventRow): string;
  /** Extra class for the cell, e.g. to colour outcomes. */
  cellClass?(row: EventRow): string;
  mono?: boolean;
}

export const COLUMNS: Column[] = [
  { key: 'time', label: 'Time (UTC)', width: 188, mono: true, value: (r) => formatUtc(r.event_time) },
  { key: 'vendor', label: 'Source', width: 88, value: (r) => r.vendor },
  { key: 'actor', label: 'Actor', width: '16%', value: (r) => r.actor ?? r.actor_id ?? '' },
  { key: 'action', label: 'Action', width: '16%', value: (r) => r.action ?? '' },
  {
    key: 'target',
    label: 'Target',
    width: '19%',
    value: (r) => {
      const name = r.target_name ?? r.target_id ?? '';
      return r.target_type && name ? `${r.target_type}: ${name}` : name || (r.target_type ?? '');
    },
  },
  {
    key: 'outcome',
    label: 'Outcome',
    width: 90,
    value: (r) => r.outcome ?? '',
    cellClass: (r) => `outcome outcome-${r.outcome ?? 'unknown'}`,
  },
  { key: 'ip', label: 'IP', width: 124, mono: true, value: (r) => r.src_ip ?? '' },
  { key: 'description', label: 'Description', value: (r) => r.description ?? '' },
];
