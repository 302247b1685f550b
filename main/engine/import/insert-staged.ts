import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { identityPaths, mappingSql } from '../packs/sql.ts';
import type { MappingPack } from '../packs/types.ts';
import { hasLegacyIds, markIdConflicts, newEventsSql, numberOccurrences } from './identity.ts';

const EVENT_COLS = [
  'event_id', 'batch_id', 'source_id', 'vendor', 'locator', 'event_time', 'time_raw', 'time_assumed_tz',
  'actor', 'actor_id', 'actor_type', 'src_ip', 'user_agent', 'action', 'action_class', 'service',
  'target_type', 'target_id', 'target_name', 'outcome', 'outcome_raw', 'description', 'tenant', 'changes', 'raw',
  'vendor_event_id',
];

/**
 * Maps the records staged in `al_stage` with a pack and inserts the events the case does not hold
 * yet, under the given batch (identity rules in identity.ts). The caller owns the transaction: a
 * file import (one per file) and an API pull (one per group of pages) commit through this same path.
 */
export async function insertStaged(
  db: Db,
  pack: MappingPack,
  o: {
    batchId: number;
    sourceId: number;
    tz: string;
    stagedRows: number;
    /** Some records are JSON strings holding the record (double-encoded). */
    stringRecords?: boolean;
    /** `raw` is DuckDB's own serialization already (CSV rows, wrapper elements): hashed as it is. */
    rawIsCanonical?: boolean;
    /** Told before each long statement, for progress. */
    onStep?: (step: 'numbering' | 'inserting') => void;
  },
): Promise<{ inserted: number; total: number; idConflicts: number }> {
  const { batchId, sourceId, tz } = o;
  const rawIsCanonical = o.rawIsCanonical ?? false;
  const legacy = await hasLegacyIds(db);
  const stringRecords = Boolean(o.stringRecords);
  const select = mappingSql(pack, { source: 'al_stage', vendor: pack.id, tzExpr: '$tz', rawIsCanonical, legacyKey: legacy, stringRecords });
  // A pack with its own zone does not read the batch zone; DuckDB refuses unused parameters.
  const tzParam: Record<string, string> = select.includes('$tz') ? { tz } : {};
  const t0 = performance.now();
  o.onStep?.('numbering');
  await numberOccurrences(db, pack, { source: 'al_stage', rawIsCanonical, tz, stringRecords });
  // Only events of the same vendor can share an id (the vendor is part of the hash).
  const vendorHasEvents = (await db.value('SELECT 1 FROM events WHERE vendor = $v LIMIT 1', { v: pack.id })) !== undefined;
  o.onStep?.('inserting');
  const insert = await db.conn.run(
    `${process.env.AUDITLENS_EXPLAIN ? 'EXPLAIN ANALYZE ' : ''}INSERT INTO events (${EVENT_COLS.join(', ')})
     SELECT event_id, $batch, $source, vendor, locator, event_time, time_raw, time_assumed_tz, actor, actor_id, actor_type,
       src_ip, user_agent, action, action_class, service, target_type, target_id, target_name, outcome, outcome_raw,
       description, tenant, changes, raw, vendor_event_id
     FROM (${newEventsSql(select, { checkCase: vendorHasEvents, legacy })})
     -- Stored in time order: pages of the time-sorted table then read neighbouring rows, and
     -- time ranges skip whole row groups by their min/max.
     ORDER BY event_time NULLS LAST`,
    { batch: batchId, source: sourceId, ...tzParam },
  );
  if (process.env.AUDITLENS_PROFILE) process.stderr.write(`[profile] insert ${Math.round(performance.now() - t0)} ms\n`);
  const inserted = insert.rowsChanged;
  const idConflicts = identityPaths(pack).length && inserted > 0 ? await markIdConflicts(db, pack.id, batchId) : 0;
  const total = pack.explode
    ? num(await db.value(`SELECT count(*) FROM (${select})`, tzParam))
    : o.stagedRows;
  return { inserted, total, idConflicts };
}
