import type { Histogram } from '../../../preload/api.ts';

/**
 * The pure half of the lane chart: one lane per source (or action), each a row of buckets whose
 * shade says how many events fell there. Kept apart from uPlot so it can be tested without a canvas.
 */

export interface Lanes {
  /** Lane names, top lane first. */
  keys: string[];
  /** Events per lane (for the labels). */
  totals: number[];
  /** Bucket starts in epoch ms. */
  xs: number[];
  bucketMs: number;
  /** counts[lane][bucket]. */
  counts: number[][];
  /** The largest bucket of any lane: the darkest shade. */
  max: number;
  /** How many series the merged lane holds (0 when there is none). */
  merged: number;
}

export interface TimeWindow {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/** Past this many lanes the chart stops being readable: the smallest are merged into one. */
export const MAX_LANES = 10;
/** The merged lane's key; a control character, so no logged value can be mistaken for it. */
export const OTHER_LANE = '\u0000other';

/** Lane names for series keys (largest first, as the engine orders them), the tail merged. */
export function laneNames(keys: readonly string[]): string[] {
  return keys.length > MAX_LANES ? [...keys.slice(0, MAX_LANES - 1), OTHER_LANE] : [...keys];
}

/**
 * Lanes from a histogram. `names` (the whole timeline's lanes) keeps lanes in place when a zoomed
 * histogram has fewer series; series without a lane of their own are summed into the merged one.
 */
export function toLanes(h: Histogram, names: readonly string[] = laneNames(h.series.map((s) => s.key))): Lanes {
  const xs = h.buckets.map((b) => Date.parse(b));
  const counts = names.map(() => new Array<number>(xs.length).fill(0));
  const other = names.indexOf(OTHER_LANE);
  let merged = 0;
  for (const s of h.series) {
    const i = names.indexOf(s.key);
    const lane = counts[i >= 0 ? i : other];
    if (i < 0 && lane) merged++;
    if (lane) s.counts.forEach((v, j) => (lane[j] = (lane[j] ?? 0) + v));
  }
  let max = 0;
  const totals = counts.map((c) => {
    let n = 0;
    for (const v of c) {
      n += v;
      if (v > max) max = v;
    }
    return n;
  });
  return { keys: [...names], totals, xs, bucketMs: h.bucketMs, counts, max, merged };
}

/**
 * Shade of a bucket, 0..1: a square root, so one event among hundreds is still visible and a busy
 * bucket still stands out from a merely active one.
 */
export function shade(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return 0.28 + 0.72 * Math.sqrt(count / max);
}

/** The x range the chart shows: the zoom, or the whole timeline. */
export function fullRange(l: Lanes): TimeWindow | null {
  const first = l.xs[0];
  const last = l.xs[l.xs.length - 1];
  if (first === undefined || last === undefined) return null;
  return { from: first, to: last + l.bucketMs };
}

/** A brushed span snapped outwards to whole buckets, so the list shows exactly the shaded buckets. */
export function snapWindow(a: number, b: number, l: Lanes): TimeWindow {
  const origin = l.xs[0] ?? Math.min(a, b);
  const size = l.bucketMs > 0 ? l.bucketMs : 1;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const from = origin + Math.floor((lo - origin) / size) * size;
  const to = origin + Math.ceil((hi - origin) / size) * size;
  return { from, to: Math.max(to, from + size) };
}

/** The bucket under an instant, or -1 outside the chart. */
export function bucketIndex(ms: number, l: Lanes): number {
  const first = l.xs[0];
  if (first === undefined || l.bucketMs <= 0) return -1;
  const i = Math.floor((ms - first) / l.bucketMs);
  return i >= 0 && i < l.xs.length ? i : -1;
}

export function toRange(w: TimeWindow): { from: string; to: string } {
  return { from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() };
}
