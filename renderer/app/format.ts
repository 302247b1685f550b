/**
 * Display formatting shared by the table, the detail pane, the header, the filter bar and the
 * histogram. Times are UTC unless a function takes a DisplayZone and is given 'local'.
 */

const NUMBER = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return NUMBER.format(n);
}

/** `2025-01-02 03:04:05.678`: sortable, fixed width, and never silently converted to local time. */
export function formatUtc(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Change values arrive as any JSON value; strings are shown bare, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return compactJson(value);
}

/**
 * A JSON value as one line of JSON, written without recursion: `JSON.stringify` overflows the
 * call stack on a value nested some thousands of levels deep, and a hostile record can be.
 * `sortKeys` orders object keys by code unit (for diffs); otherwise they keep their order.
 */
export function compactJson(value: unknown, sortKeys = false): string {
  const out: string[] = [];
  const todo: ({ v: unknown } | string)[] = [{ v: value }];
  while (todo.length > 0) {
    const t = todo.pop() as { v: unknown } | string;
    if (typeof t === 'string') {
      out.push(t);
      continue;
    }
    const v = t.v;
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      out.push('[');
      todo.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        todo.push({ v: v[i] ?? null });
        if (i > 0) todo.push(',');
      }
    } else {
      const rec = v as Record<string, unknown>;
      const keys = Object.keys(rec).filter((k) => rec[k] !== undefined);
      if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      out.push('{');
      todo.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        todo.push({ v: rec[k] });
        todo.push(`${JSON.stringify(k)}:`);
        if (i > 0) todo.push(',');
      }
    }
  }
  return out.join('');
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * The zone times are shown in. 'UTC' is the forensic default; 'local' is the machine's zone, named
 * wherever it is used so nobody mistakes one for the other.
 */
export type DisplayZone = 'UTC' | 'local';

/** The machine's IANA zone, e.g. Europe/Berlin (Intl knows it even when the OS gives no name). */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** What the status bar and headers print: `UTC` or `Europe/Berlin (local)`. */
export function zoneLabel(zone: DisplayZone): string {
  return zone === 'UTC' ? 'UTC' : `${localZoneName()} (local)`;
}

/** Calendar fields of an instant in the display zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export function zonedParts(ms: number, zone: DisplayZone): ZonedParts {
  const d = new Date(ms);
  return zone === 'UTC'
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        ms: d.getUTCMilliseconds(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hour: d.getHours(),
        minute: d.getMinutes(),
        second: d.getSeconds(),
        ms: d.getMilliseconds(),
      };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate(p: ZonedParts): string {
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * `2025-01-02 03:04:05.678` in the chosen zone: the same fixed-width shape as formatUtc, so a
 * column does not change width when the zone is switched.
 *
 * For the event table's time column (features/table/columns.ts): render
 * `formatTime(row.event_time, useScope().zone)` and label the header with `zoneLabel(zone)`.
 */
export function formatTime(iso: string | null, zone: DisplayZone): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (zone === 'UTC') return formatUtc(iso);
  const p = zonedParts(ms, zone);
  return `${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.ms, 3)}`;
}

/** Minutes precision (`2025-01-02 03:04`), or seconds when the instant has any. */
export function formatInstantShort(ms: number, zone: DisplayZone): string {
  const p = zonedParts(ms, zone);
  const base = `${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}`;
  return p.second || p.ms ? `${base}:${pad(p.second)}` : base;
}
