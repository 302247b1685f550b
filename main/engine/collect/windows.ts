import { EngineError } from '../errors.ts';
import type { PullWindow, WindowRules } from './types.ts';

const DAY = 86_400_000;

/** A user's date or instant as epoch ms: YYYY-MM-DD is UTC midnight; anything else must carry its zone. */
export function parseWhen(text: string, what: string): number {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T00:00:00Z`);
    if (!Number.isNaN(ms)) return ms;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new EngineError('bad-input', `${what} "${text}" is not a date (YYYY-MM-DD, UTC) or an ISO 8601 time with a zone (2025-03-01T12:00:00Z)`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function dayFloor(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function dayCeil(ms: number): number {
  return Math.ceil(ms / DAY) * DAY;
}

function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/**
 * Splits [from, to) into the windows a vendor allows, clipped to now. Day-granular APIs get
 * windows on UTC midnights (the pulled range then covers whole days). The part older than the
 * vendor keeps data becomes an `unavailable` window, so coverage shows it as a gap with the reason.
 */
export function planWindows(fromMs: number, toMs: number, rules: WindowRules, now: number): PullWindow[] {
  if (!(toMs > fromMs)) throw new EngineError('bad-input', `the range is empty: --to (${iso(toMs)}) must be after --from (${iso(fromMs)})`);
  if (fromMs >= now) throw new EngineError('bad-input', `--from (${iso(fromMs)}) is in the future`);
  let end = Math.min(toMs, now);
  let start = fromMs;
  if (rules.granularity === 'day') {
    start = dayFloor(start);
    end = dayCeil(end);
  }
  const out: Omit<PullWindow, 'index'>[] = [];
  if (rules.retentionDays !== undefined) {
    const oldest = rules.granularity === 'day' ? dayCeil(now - rules.retentionDays * DAY) : now - rules.retentionDays * DAY;
    if (start < oldest) {
      const cut = Math.min(oldest, end);
      out.push({ from: iso(start), to: iso(cut), state: 'unavailable', reason: rules.retentionNote ?? `the vendor keeps ${rules.retentionDays} days` });
      start = cut;
    }
  }
  if (rules.unfiltered) {
    if (end > start) out.push({ from: iso(start), to: iso(end), state: 'pending' });
  } else {
    while (start < end) {
      let next = end;
      if (rules.months) next = Math.min(next, addMonths(start, rules.months));
      if (rules.days) next = Math.min(next, start + rules.days * DAY);
      out.push({ from: iso(start), to: iso(next), state: 'pending' });
      start = next;
    }
  }
  return out.map((w, index) => ({ ...w, index }));
}

export { DAY, dayFloor, iso };
