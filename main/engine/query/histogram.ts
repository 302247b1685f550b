import type { Histogram, HistogramQuery } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { num, readableTime } from '../db.ts';
import { EngineError } from '../errors.ts';
import { intIn } from './args.ts';
import { compileScope, runScoped } from './scope.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Round bucket widths a reader recognises at a glance. */
const SIZES = [1, 5, 15, 30].map((n) => n * SECOND).concat(
  [1, 5, 15, 30].map((n) => n * MINUTE),
  [1, 3, 6, 12].map((n) => n * HOUR),
  [1, 7, 30, 91, 365, 3652, 36524, 365242].map((n) => n * DAY),
);

const STACK_COLUMNS = { vendor: 'vendor', outcome: 'outcome', action_class: 'action_class', action: 'action', none: "'all'" } as const;

export function bucketSize(spanMs: number, maxBuckets: number): number {
  // Past a millennium per bucket nothing is round any more; the count still stays bounded.
  return SIZES.find((s) => spanMs / s <= maxBuckets) ?? Math.ceil(spanMs / maxBuckets / DAY) * DAY;
}

export function stackColumn(stackBy: unknown): string {
  if (stackBy === undefined) return STACK_COLUMNS.vendor;
  if (typeof stackBy === 'string' && Object.hasOwn(STACK_COLUMNS, stackBy)) return STACK_COLUMNS[stackBy as keyof typeof STACK_COLUMNS];
  throw new EngineError('bad-input', `cannot stack the histogram by ${JSON.stringify(stackBy)}; use one of ${Object.keys(STACK_COLUMNS).join(', ')}`);
}

/** Counts of the scoped events over time, in round buckets, stacked by one column. */
/** `relation` is `events` or a temp table holding (a subset of) its rows with the same column names. */
export async function histogram(db: Db, q: HistogramQuery, relation = 'events'): Promise<Histogram> {
  const started = performance.now();
  const scope = await compileScope(db, q);
  const maxBuckets = intIn(q.maxBuckets, 10, 2000, 120, 'maxBuckets');
  const stack = stackColumn(q.stackBy);
  return runScoped(async () => {
    const range = await db.one<{ lo: Date | null; hi: Date | null; n: bigint }>(
      `SELECT min(event_time) FILTER (WHERE ${readableTime()}) AS lo, max(event_time) FILTER (WHERE ${readableTime()}) AS hi, count(*) AS n
       FROM ${relation} WHERE ${scope.where}`,
      scope.params,
    );
    const from = q.timeRange?.from ? Date.parse(q.timeRange.from) : range?.lo?.getTime();
    const to = q.timeRange?.to ? Date.parse(q.timeRange.to) : range?.hi ? range.hi.getTime() + 1 : undefined;
    if (from === undefined || to === undefined || !range?.lo) {
      return { bucketMs: 0, buckets: [], series: [], total: num(range?.n), elapsedMs: Math.round(performance.now() - started) };
    }
    const size = bucketSize(Math.max(1, to - from), maxBuckets);
    const start = Math.floor(from / size) * size;
    const count = Math.max(1, Math.ceil((to - start) / size));
    const rows = await db.all<{ b: bigint; k: string | null; n: bigint }>(
      `SELECT CAST(floor((epoch_ms(event_time) - $start) / $size) AS BIGINT) AS b, ${stack} AS k, count(*) AS n
       FROM ${relation} WHERE ${scope.where} AND ${readableTime()} GROUP BY ALL`,
      { ...scope.params, start, size },
    );
    const series = new Map<string, number[]>();
    for (const r of rows) {
      const key = r.k ?? '(none)';
      const i = num(r.b);
      if (i < 0 || i >= count) continue;
      const counts = series.get(key) ?? new Array<number>(count).fill(0);
      counts[i] = (counts[i] ?? 0) + num(r.n);
      series.set(key, counts);
    }
    const ordered = [...series.entries()]
      .map(([key, counts]) => ({ key, counts, sum: counts.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.sum - a.sum || a.key.localeCompare(b.key))
      .map(({ key, counts }) => ({ key, counts }));
    return {
      bucketMs: size,
      buckets: Array.from({ length: count }, (_, i) => new Date(start + i * size).toISOString()),
      series: ordered,
      total: num(range.n),
      elapsedMs: Math.round(performance.now() - started),
    };
  });
}
