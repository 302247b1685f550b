import type { Db } from '../db.ts';
import { num, sqlString } from '../db.ts';
import { identityPaths, mappingSql } from '../packs/sql.ts';
import type { MappingPack } from '../packs/types.ts';

/**
 * Event identity (docs/case-file.md, `event_id`). A record is dropped as a duplicate only when it
 * is provably the same event:
 * - the same vendor-documented event id with the same time (the instant, to the second) and action, or
 * - the identical record (its canonical JSON: DuckDB's own serialization, so whitespace, escapes
 *   and number spellings do not matter) at the same occurrence: the k-th identical copy in one
 *   file is the k-th in another, so two overlapping exports dedupe to their union while repeats
 *   inside one export (two runs in the same second) stay distinct events.
 * Records sharing a vendor id while differing in time or action are all kept and marked
 * `id_conflict`: a vendor id is documented as unique, so its reuse is itself evidence.
 */

export interface IdentityOptions {
  source: string;
  rawIsCanonical: boolean;
  /** The batch's zone for offset-less times, as the main SELECT reads them (its `$tz`). */
  tz: string;
  /** Some records are JSON strings holding the record (double-encoded). */
  stringRecords?: boolean;
}

/**
 * Occurrence numbers among records sharing an identity key, in file order, into `al_occ`. Only
 * keys that repeat need numbering, found from the keys alone (a cheap pass) rather than a window
 * over every full row. A vendor id pack reads only its id, time and action here.
 */
export async function numberOccurrences(db: Db, pack: MappingPack, o: IdentityOptions): Promise<void> {
  const keyFields = identityPaths(pack).length
    ? Object.fromEntries((['time', 'action'] as const).flatMap((k) => (pack.fields[k] === undefined ? [] : [[k, pack.fields[k]]])))
    : {};
  const keysOnly = mappingSql(
    { ...pack, fields: keyFields, changes: [] },
    { source: o.source, vendor: pack.id, tzExpr: sqlString(o.tz), rawIsCanonical: o.rawIsCanonical, stringRecords: Boolean(o.stringRecords) },
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE al_occ AS
    WITH k AS MATERIALIZED (SELECT rn, coalesce(el_i, 0) AS el_i, identity_key FROM (${keysOnly}))
    SELECT rn, el_i, row_number() OVER (PARTITION BY identity_key ORDER BY rn, el_i) AS occ
    FROM k WHERE identity_key IN (SELECT identity_key FROM k GROUP BY identity_key HAVING count(*) > 1)`);
}

/**
 * The new rows of one file (`select` is the pack's mapping SQL over the staged records), with
 * their `event_id`; later copies of a vendor id already seen in the file are left out, and so are
 * rows whose id the case already holds.
 */
export function newEventsSql(select: string, o: { checkCase: boolean; legacy: boolean }): string {
  const occ = 'coalesce(o.occ, 1)';
  const id = (key: string): string => `md5(vendor || chr(31) || ${key} || CASE WHEN has_native_id THEN '' ELSE chr(31) || ${occ} END)`;
  const checks = [
    'NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)',
    ...(o.legacy ? ['NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.legacy_id)'] : []),
  ];
  return `SELECT * FROM (
      SELECT m.*, ${id('identity_key')} AS event_id${o.legacy ? `, ${id('legacy_key')} AS legacy_id` : ''}
      FROM (${select}) m
      LEFT JOIN al_occ o ON o.rn = m.rn AND o.el_i = coalesce(m.el_i, 0)
      WHERE NOT has_native_id OR ${occ} = 1
    ) n
    ${o.checkCase ? `WHERE ${checks.join(' AND ')}` : ''}`;
}

/**
 * Marks every event of this vendor whose vendor id is shared by another, different event (in this
 * batch or an earlier one) and returns how many of this batch's events are marked.
 */
export async function markIdConflicts(db: Db, vendor: string, batchId: number): Promise<number> {
  await db.run(
    `UPDATE events SET id_conflict = true
     WHERE vendor = $v AND NOT coalesce(id_conflict, false) AND vendor_event_id IN (
       SELECT vendor_event_id FROM events
       WHERE vendor = $v AND vendor_event_id IN (SELECT vendor_event_id FROM events WHERE batch_id = $b AND vendor_event_id IS NOT NULL)
       GROUP BY vendor_event_id HAVING count(*) > 1)`,
    { v: vendor, b: batchId },
  );
  return num(await db.value('SELECT count(*) FROM events WHERE batch_id = $b AND id_conflict', { b: batchId }));
}

/** Whether the case holds events imported under the identity rule before schema v3 (see the v3 migration). */
export async function hasLegacyIds(db: Db): Promise<boolean> {
  return (await db.value("SELECT 1 FROM meta WHERE key = 'legacy_event_ids'")) !== undefined;
}
