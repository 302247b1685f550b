import type { LocateQuery } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { columnSql, FILTER_COLUMNS } from '../query/filter.ts';
import { compileScope, runScoped } from '../query/scope.ts';

const SORTABLE = new Set<string>(FILTER_COLUMNS.filter((c) => c !== 'raw' && c !== 'changes'));

/**
 * Where an event sits in a result ordered as the pager orders it (`col dir NULLS LAST, event_id`):
 * the number of rows before it, by one filtered count instead of numbering the whole result.
 */
export async function locateEvent(db: Db, q: LocateQuery): Promise<number | null> {
  if (typeof q.eventId !== 'string' || q.eventId === '') throw new EngineError('bad-input', 'locateEvent needs an eventId');
  const col = q.sort?.column ?? 'event_time';
  if (!SORTABLE.has(col)) throw new EngineError('bad-input', `cannot sort by ${col}`);
  const desc = q.sort?.dir === 'desc';
  const scope = await compileScope(db, q);
  const c = columnSql(col);
  return runScoped(async () => {
    const target = await db.one<{ v: unknown; isnull: boolean }>(
      `SELECT ${c} AS v, ${c} IS NULL AS isnull FROM events WHERE event_id = $al_id AND ${scope.where} LIMIT 1`,
      { ...scope.params, al_id: q.eventId },
    );
    if (!target) return null;
    const before = target.isnull
      ? `(${c} IS NOT NULL OR event_id < $al_id)`
      : `(${c} IS NOT NULL AND (${c} ${desc ? '>' : '<'} (SELECT ${c} FROM events WHERE event_id = $al_id LIMIT 1)
          OR (${c} = (SELECT ${c} FROM events WHERE event_id = $al_id LIMIT 1) AND event_id < $al_id)))`;
    return num(await db.value(`SELECT count(*) FROM events WHERE ${scope.where} AND ${before}`, { ...scope.params, al_id: q.eventId }));
  });
}
