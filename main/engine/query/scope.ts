import type { DuckDBValue } from '@duckdb/node-api';
import type { EventScope } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { optionalObject, optionalText } from './args.ts';
import { compileFilter } from './filter.ts';

export interface CompiledScope {
  /** A boolean SQL expression over `events` with $-parameters. */
  where: string;
  params: Record<string, DuckDBValue>;
}

/** Columns the search box looks in besides the raw record (derived values are not in raw). */
const SEARCH_COLUMNS = ['actor', 'action', 'action_class', 'target_name', 'src_ip', 'outcome', 'vendor', 'locator'];

const YEAR_1 = Date.parse('0001-01-01T00:00:00Z');
const YEAR_10000 = Date.parse('+010000-01-01T00:00:00Z');

function instant(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new EngineError('bad-input', `${what} must be an ISO time text`);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new EngineError('bad-input', `${what} is not a time: ${v}`);
  if (ms < YEAR_1 || ms >= YEAR_10000) throw new EngineError('bad-input', `${what} is outside the years 1 to 9999: ${v}`);
  return new Date(ms).toISOString();
}

/** Filter + search + time range → one WHERE expression, every user value a parameter. */
export async function compileScope(db: Db, s: EventScope): Promise<CompiledScope> {
  const f = await compileFilter(db, optionalText(s.filter, 'filter'));
  const parts = [f.sql];
  const params: Record<string, DuckDBValue> = { ...f.params };
  const search = optionalText(s.search, 'search')?.trim();
  if (search) {
    params.search = search.toLowerCase();
    const cols = SEARCH_COLUMNS.map((c) => `contains(lower(${c}), $search)`);
    parts.push(`(${cols.join(' OR ')} OR contains(lower(raw), $search))`);
  }
  const range = optionalObject(s.timeRange, 'timeRange');
  const from = instant(range?.from, 'time range start');
  const to = instant(range?.to, 'time range end');
  if (from) {
    params.tfrom = from;
    parts.push('event_time >= CAST($tfrom AS TIMESTAMPTZ)');
  }
  if (to) {
    params.tto = to;
    parts.push('event_time < CAST($tto AS TIMESTAMPTZ)');
  }
  return { where: parts.join(' AND '), params };
}

/** Run a compiled query, turning DuckDB binder errors (a type mismatch in the filter) into bad-filter. */
export async function runScoped<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof EngineError) throw e;
    const msg = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    throw new EngineError('bad-filter', msg.replace(/^[A-Za-z ]+ Error: /, ''));
  }
}
