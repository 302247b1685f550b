import type { EventRow } from '../preload/api.ts';
import { visibleText } from './engine/visible-text.ts';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';

const TABLE_COLS = ['event_time', 'vendor', 'actor', 'action', 'target', 'src_ip', 'outcome'] as const;

/** What a table cell shows; `target` is the name, else the id, else the type (as in the viewer). */
function tableValue(r: EventRow, c: (typeof TABLE_COLS)[number]): unknown {
  return c === 'target' ? (r.target_name ?? r.target_id ?? r.target_type) : r[c];
}
const CSV_COLS: (keyof EventRow)[] = [
  'event_id', 'event_time', 'vendor', 'actor', 'actor_type', 'src_ip', 'action', 'action_class', 'service', 'target_type',
  'target_id', 'target_name', 'outcome', 'description', 'locator',
];

function cell(v: unknown): string {
  if (v == null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function csvCell(v: unknown): string {
  const s = cell(v);
  // A leading = + - @ would run as a formula in a spreadsheet; quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Control characters in log values must not drive the terminal; bidi and invisible ones are shown as markers. */
function printable(s: string): string {
  return visibleText(s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '));
}

export function formatEvents(rows: EventRow[], format: OutputFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'ndjson':
      return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
    case 'csv':
      return [CSV_COLS.join(','), ...rows.map((r) => CSV_COLS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
    case 'table': {
      const data = rows.map((r) => TABLE_COLS.map((c) => printable(cell(tableValue(r, c))).slice(0, 48)));
      const widths = TABLE_COLS.map((c, i) => Math.max(c.length, ...data.map((d) => (d[i] ?? '').length)));
      const line = (cells: string[]): string => cells.map((s, i) => s.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
      return [line([...TABLE_COLS]), ...data.map(line)].join('\n') + '\n';
    }
  }
}
