/**
 * The time formats of time-sql.ts, recognised in JavaScript for detection on sampled records: a
 * field is only chosen as a time when the mapping SQL will read its values. The kinds and their
 * order follow `al_time_kind`; `test/engine/time-shape.test.ts` checks both agree.
 */

export type TimeKind = 'offset' | 'epoch_s' | 'epoch_ms' | 'epoch_us' | 'epoch_ns' | 'compact' | 'msdate' | 'us' | 'kibana' | 'naive';

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d\d(:?\d\d)?|GMT|UTC)$/;
const RFC2822 = /^([A-Za-z]{3},?\s+)?\d{1,2} [A-Za-z]{3} \d{4} \d{1,2}:\d{2}(:\d{2})?\s*([+-]\d{4}|GMT|UTC|Z)$/;
const JAVA_DATE = /^[A-Za-z]{3} [A-Za-z]{3} \d{1,2} \d{2}:\d{2}:\d{2} (UTC|GMT) \d{4}$/;
const NAIVE = [
  /^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?$/,
  /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/,
  /^\d{1,2}-[A-Za-z]{3}-\d{4} \d{2}:\d{2}:\d{2}$/,
  /^\d{1,2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2}$/,
  /^[A-Za-z]{3} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/,
];
const US = /^\d{1,2}\/\d{1,2}\/\d{4}(,? \d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( [AP]M)?)?$/;
const KIBANA = /^[A-Za-z]{3} \d{1,2}, \d{4} @ \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** Seconds since the epoch that a plausible audit event can carry (1995 to 2100). */
const MIN_S = 788918400;
const MAX_S = 4102444800;

function plausibleEpoch(s: string, scale: number): boolean {
  const n = Number(s) / scale;
  return Number.isFinite(n) && n >= MIN_S && n < MAX_S;
}

/** The kind of a time value the mapping SQL reads, or null when it reads none. */
export function timeKind(value: unknown): TimeKind | null {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (/^-?\d{9,11}(\.\d+)?$/.test(s)) return plausibleEpoch(s, 1) ? 'epoch_s' : null;
  if (/^\d{12,13}(\.\d+)?$/.test(s)) return plausibleEpoch(s, 1e3) ? 'epoch_ms' : null;
  if (/^(19|20)\d{12}(\.\d+)?$/.test(s)) return 'compact';
  if (/^\d{15,17}$/.test(s)) return plausibleEpoch(s, 1e6) ? 'epoch_us' : null;
  if (/^\d{18,20}$/.test(s)) return plausibleEpoch(s, 1e9) ? 'epoch_ns' : null;
  if (/^\/Date\(-?\d+([+-]\d{4})?\)\/$/.test(s)) return 'msdate';
  if (ISO_OFFSET.test(s) || RFC2822.test(s) || JAVA_DATE.test(s)) return 'offset';
  if (US.test(s)) return 'us';
  if (KIBANA.test(s)) return 'kibana';
  if (NAIVE.some((r) => r.test(s))) return 'naive';
  return null;
}

const KIND_LABEL: Record<TimeKind, string> = {
  offset: 'times with an offset',
  epoch_s: 'epoch seconds',
  epoch_ms: 'epoch milliseconds',
  epoch_us: 'epoch microseconds',
  epoch_ns: 'epoch nanoseconds',
  compact: 'compact yyyyMMddHHmmss times',
  msdate: '.NET /Date(ms)/ times',
  us: 'US-style dates',
  kibana: 'Kibana-style dates',
  naive: 'times without an offset',
};

export function timeKindLabel(k: TimeKind): string {
  return KIND_LABEL[k];
}
