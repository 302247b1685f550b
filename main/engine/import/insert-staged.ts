import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { mappingSql } from '../packs/sql.ts';
import type { MappingPack } from '../packs/types.ts';

const EVENT_COLS = [
  'event_id', 'batch_id', 'source_id', 'vendor', 'locator', 'event_time', 'time_raw', 'time_assumed_tz',
  'actor', 'actor_id', 'actor_type', 'src_ip', 'user_agent', 'action', 'action_class', 'service',
  'target_type', 'target_id', 'target_name', 'outcome', 'outcome_raw', 'description', 'tenant', 'changes', 'raw',
];

/**
 * Maps the records staged in `al_stage` with a pack and inserts the events the case does not hold
 * yet, under the given batch. The caller owns the transaction: a file import (one per file) and
 * an API pull (one per group of pages) commit through this same path.
 */
export async function insertStaged(
  db: Db,
  pack: MappingPack,
  o: {
    batchId: number;
    sourceId: number;
    tz: string;
    stagedRows: number;
    stringRecords?: boolean;
    /** Told before each long statement, for progress. */
    onStep?: (step: 'numbering' | 'inserting') => void;
  },
): Promise<{ inserted: number; total: number }> {
  const { batchId, sourceId, tz } = o;
  const strings = { stringRecords: Boolean(o.stringRecords) };
  const select = mappingSql(pack, { source: 'al_stage', vendor: pack.id, tzExpr: '$tz', ...strings });
  // A pack with its own zone does not read the batch zone; DuckDB refuses unused parameters.
  const tzParam: Record<string, string> = select.includes('$tz') ? { tz } : {};
  const t0 = performance.now();
  // Occurrence numbers among records sharing a key, in file order: identical records without a
  // vendor id stay distinct events, and a re-delivered vendor id is kept once. Only keys that
  // repeat need numbering, found from the keys alone (a cheap pass) rather than a window over
  // every full row.
  o.onStep?.('numbering');
  const keysOnly = mappingSql({ ...pack, fields: {}, changes: [] }, { source: 'al_stage', vendor: pack.id, tzExpr: "'UTC'", ...strings });
  await db.run(`CREATE OR REPLACE TEMP TABLE al_occ AS
    WITH k AS MATERIALIZED (SELECT rn, coalesce(el_i, 0) AS el_i, dedupe_key FROM (${keysOnly}))
    SELECT rn, el_i, row_number() OVER (PARTITION BY dedupe_key ORDER BY rn, el_i) AS occ
    FROM k WHERE dedupe_key IN (SELECT dedupe_key FROM k GROUP BY dedupe_key HAVING count(*) > 1)`);
  // Only events of the same vendor can share an id (the vendor is part of the hash).
  const vendorHasEvents = (await db.value('SELECT 1 FROM events WHERE vendor = $v LIMIT 1', { v: pack.id })) !== undefined;
  o.onStep?.('inserting');
  const insert = await db.conn.run(
    `${process.env.AUDITLENS_EXPLAIN ? 'EXPLAIN ANALYZE ' : ''}INSERT INTO events (${EVENT_COLS.join(', ')})
     SELECT event_id, $batch, $source, vendor, locator, event_time, time_raw, time_assumed_tz, actor, actor_id, actor_type,
       src_ip, user_agent, action, action_class, service, target_type, target_id, target_name, outcome, outcome_raw,
       description, tenant, changes, raw
     FROM (
       SELECT m.*, md5(vendor || chr(31) || dedupe_key || CASE WHEN has_native_id THEN '' ELSE chr(31) || coalesce(o.occ, 1) END) AS event_id
       FROM (${select}) m
       LEFT JOIN al_occ o ON o.rn = m.rn AND o.el_i = coalesce(m.el_i, 0)
       WHERE NOT has_native_id OR coalesce(o.occ, 1) = 1
     ) n
     ${vendorHasEvents ? 'WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)' : ''}
     -- Stored in time order: pages of the time-sorted table then read neighbouring rows, and
     -- time ranges skip whole row groups by their min/max.
     ORDER BY event_time NULLS LAST`,
    { batch: batchId, source: sourceId, ...tzParam },
  );
  if (process.env.AUDITLENS_PROFILE) process.stderr.write(`[profile] insert ${Math.round(performance.now() - t0)} ms\n`);
  const inserted = insert.rowsChanged;
  const total = pack.explode
    ? num(await db.value(`SELECT count(*) FROM (${select})`, tzParam))
    : o.stagedRows;
  return { inserted, total };
}
