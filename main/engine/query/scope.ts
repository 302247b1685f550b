import type { DuckDBValue } from '@duckdb/node-api';
import type { EventScope } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { compileFilter } from './filter.ts';

export interface CompiledScope {
  /** A boolean SQL expression over `events` with $-parameters. */
  where: string;
  params: Record<string, DuckDBValue>;
}

/** Columns the search box looks in besides the raw record (derived values are not in raw). */
const SEARCH_COLUMNS = ['actor', 'action', 'action_class', 'target_name', 'src_ip', 'outcome', 'vendor', 'locator'];

function instant(v: string | undefined, what: string): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (Number.isNaN(Date.parse(v))) throw new EngineError('bad-input', `${what} is not a time: ${v}`);
  return new Date(v).toISOString();
}

/** Filter + search + time range → one WHERE expression, every user value a parameter. */
export async function compileScope(db: Db, s: EventScope): Promise<CompiledScope> {
  const f = await compileFilter(db, s.filter);
  const parts = [f.sql];
  const params: Record<string, DuckDBValue> = { ...f.params };
  const search = s.search?.trim();
  if (search) {
    params.search = search.toLowerCase();
    const cols = SEARCH_COLUMNS.map((c) => `contains(lower(${c}), $search)`);
    parts.push(`(${cols.join(' OR ')} OR contains(lower(raw), $search))`);
  }
  const from = instant(s.timeRange?.from, 'time range start');
  const to = instant(s.timeRange?.to, 'time range end');
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
