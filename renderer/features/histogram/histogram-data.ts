import type { Histogram, StackBy } from '../../../preload/api.ts';
import { formatCount, formatDate, formatInstantShort, zonedParts, type DisplayZone } from '../../app/format.ts';

/**
 * The pure half of the histogram: stacking, colours, axis labels, brush snapping. Kept apart from
 * the uPlot wrapper so it can be tested without a canvas.
 */

export interface Layer {
  key: string;
  counts: number[];
  /** counts plus every layer below: the top edge of this layer's bar segment. */
  tops: number[];
}

export interface Stacked {
  /** Bucket starts in epoch ms. */
  xs: number[];
  /** Bottom layer first (the largest series, as the engine orders them). */
  layers: Layer[];
  totals: number[];
  bucketMs: number;
}

export function stack(h: Histogram): Stacked {
  const xs = h.buckets.map((b) => Date.parse(b));
  const running = new Array<number>(xs.length).fill(0);
  const layers = h.series.map((s) => {
    const tops = s.counts.map((c, i) => (running[i] = (running[i] ?? 0) + c));
    return { key: s.key, counts: s.counts, tops };
  });
  return { xs, layers, totals: [...running], bucketMs: h.bucketMs };
}

const PALETTE_SIZE = 8;

/**
 * The CSS variable holding a series' colour (app.css defines light and dark values). Outcomes have
 * their meaning's colour everywhere in the app; sources keep the colour of their rank in the whole
 * case (`order`), so a source does not change colour when a filter reorders the series.
 */
export function seriesColorVar(key: string, stackBy: StackBy, order: readonly string[]): string {
  if (stackBy === 'outcome') {
    if (key === 'success') return '--success';
    if (key === 'failure') return '--failure';
    if (key === 'unknown' || key === '(none)') return '--chart-neutral';
  }
  if (key === '(none)') return '--chart-neutral';
  const rank = order.indexOf(key);
  const slot = rank >= 0 ? rank : hash(key);
  return `--series-${(slot % PALETTE_SIZE) + 1}`;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Labels for the time axis ticks in the display zone. The date is printed on the first tick and
 * wherever the day (or year) changes, on a second line, so a three-day span reads at a glance.
 */
export function axisLabels(splits: readonly number[], incrMs: number, zone: DisplayZone): string[] {
  let lastDay = '';
  let lastYear = -1;
  return splits.map((ms, i) => {
    const p = zonedParts(ms, zone);
    const day = formatDate(p);
    if (incrMs >= 86_400_000) {
      const label = `${pad(p.month)}-${pad(p.day)}`;
      const withYear = i === 0 || p.year !== lastYear ? `${label}\n${p.year}` : label;
      lastYear = p.year;
      return withYear;
    }
    const time = incrMs < 60_000 ? `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` : `${pad(p.hour)}:${pad(p.minute)}`;
    const label = i === 0 || day !== lastDay ? `${time}\n${day.slice(5)}` : time;
    lastDay = day;
    return label;
  });
}

/** A brushed span snapped outwards to whole buckets, so the table shows exactly the bars selected. */
export function snapRange(a: number, b: number, origin: number, bucketMs: number): { from: string; to: string } {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const from = origin + Math.floor((lo - origin) / bucketMs) * bucketMs;
  const to = origin + Math.max(1, Math.ceil((hi - origin) / bucketMs)) * bucketMs;
  return { from: new Date(from).toISOString(), to: new Date(Math.max(to, from + bucketMs)).toISOString() };
}

/** The bucket under an instant, or -1 outside the chart. */
export function bucketAt(ms: number, xs: readonly number[], bucketMs: number): number {
  const first = xs[0];
  if (first === undefined || bucketMs <= 0) return -1;
  const i = Math.floor((ms - first) / bucketMs);
  return i >= 0 && i < xs.length ? i : -1;
}

const UNITS: [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** `1 h`, `15 min`, `7 days`. */
export function bucketLabel(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return unit === 'day' ? `${n} ${n === 1 ? 'day' : 'days'}` : `${n} ${unit}`;
    }
  }
  return `${ms} ms`;
}

/** Axis counts: 950, 1.2k, 35k, 1.2M. */
export function compactCount(n: number): string {
  if (n < 1000) return formatCount(n);
  if (n < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

function trim(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** `2025-03-04 09:00 – 10:00`, with the end's date only when it falls on another day. */
export function bucketSpan(start: number, bucketMs: number, zone: DisplayZone): string {
  const a = formatInstantShort(start, zone);
  const b = formatInstantShort(start + bucketMs, zone);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}
