import { formatDate, zonedParts, type DisplayZone } from '../../app/format.ts';

/**
 * Time-range presets relative to the data, not to the clock: evidence is usually days or months
 * old, so "the last hour" means the last hour of what was imported, ending at the newest event.
 */

export type PresetId = 'hour' | 'day' | 'week';

export const PRESETS: readonly { id: PresetId; label: string; title: string; ms: number }[] = [
  { id: 'hour', label: 'Last hour', title: 'The last hour of the data', ms: 3_600_000 },
  { id: 'day', label: 'Last day', title: 'The last 24 hours of the data', ms: 86_400_000 },
  { id: 'week', label: 'Last week', title: 'The last 7 days of the data', ms: 7 * 86_400_000 },
];

export interface TimeRange {
  from?: string;
  to?: string;
}

/**
 * The exclusive end of the data: the whole minute after the newest event, so the newest event is
 * inside every preset and the bounds read as round times.
 */
export function dataEnd(timeMax: string): number {
  return Math.floor(Date.parse(timeMax) / 60_000) * 60_000 + 60_000;
}

export function presetRange(id: PresetId, timeMax: string): Required<TimeRange> {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset ${id}`);
  const end = dataEnd(timeMax);
  return { from: new Date(end - preset.ms).toISOString(), to: new Date(end).toISOString() };
}

/** The preset a range is exactly equal to, for highlighting; null for custom or none. */
export function matchingPreset(range: TimeRange, timeMax: string | null): PresetId | null {
  if (!timeMax || !range.from || !range.to) return null;
  for (const p of PRESETS) {
    const r = presetRange(p.id, timeMax);
    if (Date.parse(r.from) === Date.parse(range.from) && Date.parse(r.to) === Date.parse(range.to)) return p.id;
  }
  return null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An instant as the time inputs show it, in the display zone: `2025-03-04 09:30`, seconds only when set. */
export function formatTimeInput(iso: string | undefined, zone: DisplayZone): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = zonedParts(ms, zone);
  let out = `${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}`;
  if (p.second || p.ms) out += `:${pad(p.second)}`;
  if (p.ms) out += `.${pad(p.ms, 3)}`;
  return out;
}

export type ParsedTime = { ok: true; iso: string | undefined } | { ok: false; message: string };

const LOCAL_SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * Reads what was typed into a time input. `YYYY-MM-DD[ HH:MM[:SS[.mmm]]]` is read in the display
 * zone (what the user sees everywhere else); a full ISO instant with `Z` or an offset is taken as
 * is. Empty means "no bound".
 */
export function parseTimeInput(text: string, zone: DisplayZone): ParsedTime {
  const t = text.trim();
  if (t === '') return { ok: true, iso: undefined };
  const m = LOCAL_SHAPE.exec(t);
  if (!m) {
    if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) && !Number.isNaN(Date.parse(t))) return { ok: true, iso: new Date(t).toISOString() };
    return { ok: false, message: `not a time: ${t} (YYYY-MM-DD HH:MM)` };
  }
  const part = (i: number): number => Number(m[i] ?? 0);
  const [y, mo, d, h, mi, s] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const frac = Number((m[7] ?? '0').padEnd(3, '0'));
  const date = zone === 'UTC' ? new Date(Date.UTC(y, mo - 1, d, h, mi, s, frac)) : new Date(y, mo - 1, d, h, mi, s, frac);
  // Date rolls 2025-02-30 over to March; a typo should be an error, not a different day.
  const back = zonedParts(date.getTime(), zone);
  if (back.year !== y || back.month !== mo || back.day !== d || h > 23 || mi > 59 || s > 59) {
    return { ok: false, message: `no such time: ${t}` };
  }
  return { ok: true, iso: date.toISOString() };
}
