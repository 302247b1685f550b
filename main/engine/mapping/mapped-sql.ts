import { sqlString } from '../db.ts';
import { mappingSql } from '../packs/sql.ts';
import type { MappingPack } from '../packs/types.ts';

/**
 * A source's stored events, mapped again from their `raw` by a pack: the mapping SQL of the
 * importer (packs/sql.ts) over the events themselves instead of a staged file, so remapping and
 * importing can never disagree about what a mapping means.
 */

/** The event columns a mapping writes; everything else (event_id, raw, locator, batch, identity) stays. */
export const MAPPED_COLUMNS = [
  'event_time', 'time_raw', 'time_assumed_tz', 'actor', 'actor_id', 'actor_type', 'src_ip', 'user_agent', 'action',
  'action_class', 'service', 'target_type', 'target_id', 'target_name', 'outcome', 'outcome_raw', 'description', 'tenant', 'changes',
] as const;
export type MappedColumn = (typeof MAPPED_COLUMNS)[number];

/** A comparison of two values of a column: JSON compares as its text. */
export function distinct(col: MappedColumn, a: string, b: string): string {
  return col === 'changes' ? `${a}.changes::VARCHAR IS DISTINCT FROM ${b}.changes::VARCHAR` : `${a}.${col} IS DISTINCT FROM ${b}.${col}`;
}

/**
 * The events `where` selects (SQL over `events`, parameters `$tz` and the caller's), as records in
 * the mapping SQL's input shape. `rn` is the event's rowid; an exploded record (several events
 * from one record) is one input row, `rn` its first event's rowid and `loc` the record's locator
 * (the event locator without its `/<explode>[K]` suffix).
 */
function recordsOf(pack: MappingPack, where: string): string {
  if (!pack.explode) return `(SELECT rowid AS rn, raw, locator AS loc FROM events WHERE ${where})`;
  const tail = sqlString(`/${pack.explode}`);
  const rec = `left(regexp_replace(locator, '\\[[0-9]+\\]$', ''), length(regexp_replace(locator, '\\[[0-9]+\\]$', '')) - length(${tail}))`;
  return `(SELECT min(rowid) AS rn, any_value(raw) AS raw, loc FROM (SELECT rowid, raw, batch_id, ${rec} AS loc FROM events WHERE ${where}) GROUP BY batch_id, loc)`;
}

/**
 * SELECT `rid` (the events rowid) and every MAPPED_COLUMNS value the pack gives the events `where`
 * selects, whose batches assumed the zone `$tz` (a pack with its own zone ignores it).
 */
export function remappedSql(pack: MappingPack, where: string): string {
  // A record stored as a JSON string (double-encoded) is read through the string, as on import.
  const select = mappingSql(pack, { source: recordsOf(pack, where), vendor: pack.id, tzExpr: '$tz', stringRecords: true });
  const cols = MAPPED_COLUMNS.map((c) => `m.${c}`).join(', ');
  if (!pack.explode) return `SELECT m.rn AS rid, ${cols} FROM (${select}) m`;
  return `SELECT e.rowid AS rid, ${cols} FROM (${select}) m
    JOIN events r ON r.rowid = m.rn
    JOIN events e ON e.batch_id = r.batch_id AND e.locator = m.locator`;
}

/** Events of a source whose batches assumed `$tz` (parameters `$s`, `$tz`). */
export const SOURCE_IN_ZONE = `source_id = $s AND batch_id IN (SELECT id FROM batches WHERE source_id = $s AND assumed_tz = $tz)`;
