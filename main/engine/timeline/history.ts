import type { Change, ObjectHistory, ObjectVersion } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { EngineError } from '../errors.ts';

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
      at: r.event_time ? r.event_time.toISOString() : null,
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

export async function objectHistory(db: Db, q: { target: { type?: string; id: string } }): Promise<ObjectHistory> {
  const started = performance.now();
  const id = q.target?.id;
  if (typeof id !== 'string' || id === '') throw new EngineError('bad-input', 'a target needs an id (target_id or target_name)');
  const type = q.target.type ?? null;
  const where = `(target_id = $id OR target_name = $id)${type ? ' AND target_type = $type' : ''}`;
  const params = { id, ...(type ? { type } : {}) };
  const events = num(await db.value(`SELECT count(*) FROM events WHERE ${where}`, params));
  const rows = await db.all<HistoryRow>(
    `SELECT event_id, event_time, vendor, actor, action, action_class, CAST(changes AS VARCHAR) AS changes FROM events
     WHERE ${where} AND (changes IS NOT NULL OR action_class IN ('create', 'delete'))
     ORDER BY event_time NULLS LAST, event_id`,
    params,
  );
  return { target: { type, id }, events, versions: foldVersions(rows), elapsedMs: Math.round(performance.now() - started) };
}
