import type { Change, ObjectHistory, ObjectVersion } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { isoOrNull, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { optionalText } from '../query/args.ts';

interface HistoryRow {
  event_id: string;
  event_time: Date | null;
  vendor: string;
  actor: string | null;
  action: string | null;
  action_class: string | null;
  changes: string | null;
}

/**
 * Folds a target's changes into versions, oldest first. Where a vendor logs only new values
 * (epilot's request body), the previous version supplies the old value, marked `oldInferred`.
 * A delete is a version too: the object's history stays, its last state is what was deleted.
 */
export function foldVersions(rows: HistoryRow[]): ObjectVersion[] {
  const versions: ObjectVersion[] = [];
  let state: Record<string, unknown> = {};
  for (const r of rows) {
    const raw = r.changes ? (JSON.parse(r.changes) as Change[]) : [];
    const deleted = r.action_class === 'delete';
    const created = r.action_class === 'create';
    if (raw.length === 0 && !deleted && !created) continue;
    const next = { ...state };
    const changes = raw.map((c) => {
      const known = Object.prototype.hasOwnProperty.call(state, c.field);
      const inferred = (c.old === null || c.old === undefined) && known;
      next[c.field] = c.new;
      return inferred ? { ...c, old: state[c.field], oldInferred: true } : c;
    });
    state = next;
    versions.push({
      index: versions.length,
      at: r.event_time instanceof Date ? isoOrNull(r.event_time) : null,
      event_id: r.event_id,
      vendor: r.vendor,
      actor: r.actor,
      action: r.action,
      action_class: r.action_class,
      deleted,
      changes,
      state,
    });
  }
  return versions;
}

/** The state of the object at time T: the last version at or before T (null before the first). */
export function stateAt(versions: ObjectVersion[], at: string): ObjectVersion | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new EngineError('bad-input', `not a time: ${at}`);
  let found: ObjectVersion | null = null;
  for (const v of versions) {
    if (v.at !== null && Date.parse(v.at) <= t) found = v;
  }
  return found;
}

/**
 * Which events are one object's. History is a property of the object, not of the event it was
 * opened from: YepCode logs an execution of a process with type EXECUTION and its edits with type
 * PROCESS under the same id, so a type never narrows an id. Given a name, the object is the one id
 * carrying that name; only names without any id (UbiOps, Jiffy) are told apart by their type,
 * since two objects of different kinds may share a name.
 */
async function resolveObject(
  db: Db,
  id: string,
  type: string | null,
): Promise<{ where: string; params: Record<string, string>; id: string }> {
  const ids = await db.all<{ tid: string | null; by_id: boolean }>(
    `SELECT target_id AS tid, bool_or(target_id = $id) AS by_id FROM events
     WHERE target_id = $id OR target_name = $id GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3`,
    { id },
  );
  const named = ids.filter((r) => r.tid !== null);
  if (named.some((r) => r.by_id)) {
    return { where: '(target_id = $id OR (target_id IS NULL AND target_name = $id))', params: { id }, id };
  }
  if (named.length === 1) {
    const tid = (named[0] as { tid: string }).tid;
    return { where: '(target_id = $tid OR (target_id IS NULL AND target_name = $id))', params: { id, tid }, id: tid };
  }
  // No id (or a name several ids share): the name, and the type where one was given.
  return {
    where: `(target_id = $id OR target_name = $id)${type ? ' AND target_type = $type' : ''}`,
    params: { id, ...(type ? { type } : {}) },
    id,
  };
}

export async function objectHistory(db: Db, q: { target: { type?: string; id: string } }): Promise<ObjectHistory> {
  const started = performance.now();
  const given = q.target?.id;
  if (typeof given !== 'string' || given === '') throw new EngineError('bad-input', 'a target needs an id (target_id or target_name)');
  const object = await resolveObject(db, given, optionalText(q.target.type, 'target type') ?? null);
  const { where, params } = object;
  const about = await db.one<{ n: bigint; type: string | null; name: string | null }>(
    `SELECT count(*) AS n, coalesce(mode(target_type) FILTER (WHERE changes IS NOT NULL), mode(target_type)) AS type, mode(target_name) AS name FROM events WHERE ${where}`,
    params,
  );
  const rows = await db.all<HistoryRow>(
    `SELECT event_id, event_time, vendor, actor, action, action_class, CAST(changes AS VARCHAR) AS changes FROM events
     WHERE ${where} AND (changes IS NOT NULL OR action_class IN ('create', 'delete'))
     ORDER BY event_time NULLS LAST, event_id`,
    params,
  );
  return {
    target: { type: about?.type ?? q.target.type ?? null, id: object.id, name: about?.name ?? null },
    events: num(about?.n),
    versions: foldVersions(rows),
    elapsedMs: Math.round(performance.now() - started),
  };
}
