import type { ViewColumn, EventPage, EventQuery, EventRow, EventScope } from '../../../preload/api.ts';
import type { Db, Row } from '../db.ts';
import { isoOrNull, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { FILTER_COLUMNS } from './filter.ts';
import { intIn } from './args.ts';
import { compileScope, runScoped } from './scope.ts';
import { Pager } from './pager.ts';
import { readChanges } from './changes.ts';

const SORTABLE = new Set<string>(FILTER_COLUMNS.filter((c) => c !== 'raw' && c !== 'changes'));
export const MAX_PAGE = 5000;

/** A DuckDB row of `events` → the contract's EventRow. */
export function toEventRow(r: Row): EventRow {
  const s = (k: string): string | null => (r[k] == null ? null : String(r[k]));
  return {
    event_id: String(r.event_id),
    batch_id: num(r.batch_id),
    source_id: num(r.source_id),
    vendor: String(r.vendor) as EventRow['vendor'],
    locator: String(r.locator),
    event_time: r.event_time instanceof Date ? isoOrNull(r.event_time) : null,
    time_raw: s('time_raw'),
    time_assumed_tz: s('time_assumed_tz'),
    actor: s('actor'),
    actor_id: s('actor_id'),
    actor_type: s('actor_type'),
    src_ip: s('src_ip'),
    user_agent: s('user_agent'),
    action: s('action'),
    action_class: s('action_class'),
    service: s('service'),
    target_type: s('target_type'),
    target_id: s('target_id'),
    target_name: s('target_name'),
    outcome: s('outcome'),
    outcome_raw: s('outcome_raw'),
    description: s('description'),
    tenant: s('tenant'),
    changes: readChanges(r.changes),
    raw: String(r.raw),
    vendor_event_id: s('vendor_event_id'),
    id_conflict: r.id_conflict === true,
  };
}

export async function countEvents(db: Db, scope: EventScope): Promise<number> {
  const q = await compileScope(db, scope);
  return runScoped(async () => num(await db.value(`SELECT count(*) FROM events WHERE ${q.where}`, q.params)));
}

export async function getEvent(db: Db, eventId: string): Promise<EventRow | null> {
  const row = await db.one('SELECT * FROM events WHERE event_id = $id LIMIT 1', { id: eventId });
  return row ? toEventRow(row) : null;
}

export async function eventPage(db: Db, q: EventQuery, pager?: Pager): Promise<EventPage> {
  const started = performance.now();
  const scope = await compileScope(db, q);
  const sortCol: ViewColumn = q.sort?.column ?? 'event_time';
  if (!SORTABLE.has(sortCol)) throw new EngineError('bad-input', `cannot sort by ${sortCol}`);
  const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
  const limit = intIn(q.limit, 0, MAX_PAGE, 200, 'limit');
  const offset = intIn(q.offset, 0, Number.MAX_SAFE_INTEGER, 0, 'offset');
  return runScoped(async () => {
    const { rows, total } = await (pager ?? new Pager(db)).page(scope.where, scope.params, sortCol, dir, offset, limit);
    return { rows: rows.map(toEventRow), offset, total, elapsedMs: Math.round(performance.now() - started) };
  });
}
