import type { EntityRef, EventContext, Timeline, TimelineQuery } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { isoFromMs, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { toEventRow } from '../query/events.ts';
import { histogram } from '../query/histogram.ts';
import { intIn } from '../query/args.ts';
import { compileScope } from '../query/scope.ts';
import { fetchByRowid } from '../query/pager.ts';

/** The filter-language expression selecting an entity's events; the value is quoted, then parsed and bound. */
export function entityFilter(e: EntityRef): string {
  const v = `'${e.value.replace(/'/g, "''")}'`;
  switch (e.kind) {
    case 'actor':
      return `(actor = ${v} OR actor_id = ${v})`;
    case 'target':
      return `(target_id = ${v} OR target_name = ${v})`;
    case 'ip':
      return `src_ip = ${v}`;
    case 'session':
      // Sessions have no column of their own (Okta rootSessionId, CloudTrail access keys, …): the raw record is searched.
      return `contains(raw, ${v})`;
  }
}

function checkEntity(e: EntityRef | undefined): EntityRef {
  if (!e || !['actor', 'target', 'ip', 'session'].includes(e.kind) || typeof e.value !== 'string' || e.value === '') {
    throw new EngineError('bad-input', 'an entity is {kind: actor|target|ip|session, value}');
  }
  if (e.kind === 'session' && e.value.length < 6) throw new EngineError('bad-input', 'a session id must have at least 6 characters');
  return e;
}

let timelineSeq = 0;

/**
 * Every event touching the entity, in time order (one page), with lane counts over time. The
 * entity's rows are found in one scan into a temp table; lanes, range and page come from it.
 */
export async function timeline(db: Db, q: TimelineQuery): Promise<Timeline> {
  const started = performance.now();
  const entity = checkEntity(q.entity);
  const filter = entityFilter(entity);
  const limit = intIn(q.limit, 1, 5000, 500, 'limit');
  const offset = intIn(q.offset, 0, Number.MAX_SAFE_INTEGER, 0, 'offset');
  const maxBuckets = intIn(q.maxBuckets, 10, 2000, 200, 'maxBuckets');
  if (q.lanesBy !== undefined && q.lanesBy !== 'action' && q.lanesBy !== 'vendor') {
    throw new EngineError('bad-input', `lanes go by vendor or action, not ${JSON.stringify(q.lanesBy)}`);
  }
  const scope = await compileScope(db, { filter });
  const table = `al_tl_${++timelineSeq}`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT rowid AS rid, event_id, event_time, vendor, action FROM events WHERE ${scope.where}`,
    scope.params,
  );
  try {
    const lanes = await histogram(db, { stackBy: q.lanesBy === 'action' ? 'action' : 'vendor', maxBuckets }, table);
    const ids = await db.all<{ rid: bigint }>(
      `SELECT rid FROM ${table} ORDER BY event_time NULLS LAST, event_id LIMIT ${limit} OFFSET ${offset}`,
    );
    const rows = await fetchByRowid(db, ids.map((r) => num(r.rid)));
    const first = lanes.buckets[0] ?? null;
    return {
      entity,
      filter,
      total: lanes.total,
      timeMin: first,
      timeMax: lanes.buckets.length ? isoFromMs(Date.parse(lanes.buckets[lanes.buckets.length - 1] as string) + lanes.bucketMs) : null,
      events: rows.map(toEventRow),
      offset,
      lanes,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** What the same actor, IP and target did within ±window of one event. */
export async function eventContext(db: Db, q: { eventId: string; windowMinutes?: number; limit?: number }): Promise<EventContext> {
  const row = await db.one('SELECT * FROM events WHERE event_id = $id LIMIT 1', { id: q.eventId });
  if (!row) throw new EngineError('not-found', `no event ${q.eventId}`);
  const event = toEventRow(row);
  if (!event.event_time) throw new EngineError('bad-input', 'this event has no time, so it has no surroundings');
  const minutes = intIn(q.windowMinutes, 1, 7 * 24 * 60, 15, 'windowMinutes');
  const t = Date.parse(event.event_time);
  const from = new Date(t - minutes * 60_000).toISOString();
  const to = new Date(t + minutes * 60_000).toISOString();
  const limit = intIn(q.limit, 1, 2000, 200, 'limit');
  const around = async (cond: string, value: string | null): Promise<ReturnType<typeof toEventRow>[]> => {
    if (value === null) return [];
    const rows = await db.all(
      `SELECT * FROM events WHERE ${cond} AND event_time >= CAST($from AS TIMESTAMPTZ) AND event_time <= CAST($to AS TIMESTAMPTZ)
       ORDER BY event_time, event_id LIMIT ${limit}`,
      { v: value, from, to },
    );
    return rows.map(toEventRow);
  };
  const [sameActor, sameIp, sameTarget] = [
    await around('(actor = $v OR actor_id = $v)', event.actor ?? event.actor_id),
    await around('src_ip = $v', event.src_ip),
    await around('(target_id = $v OR target_name = $v)', event.target_id ?? event.target_name),
  ];
  return { event, from, to, sameActor, sameIp, sameTarget };
}

export async function countEntity(db: Db, e: EntityRef): Promise<number> {
  const scope = await compileScope(db, { filter: entityFilter(checkEntity(e)) });
  return num(await db.value(`SELECT count(*) FROM events WHERE ${scope.where}`, scope.params));
}
