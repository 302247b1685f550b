import type { MappingPreview, PreviewRecord } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { isoOrNull, num } from '../db.ts';
import type { MappingPack } from '../packs/types.ts';
import { MAPPED_COLUMNS, remappedSql } from './mapped-sql.ts';
import { compileProblems, validateShape } from './validate.ts';

/**
 * The edited mapping run on sample records of the source: for each, every column as stored now
 * and as the mapping would make it. Samples are spread over the source's files and stay the same
 * from one edit to the next (ordered by a hash of the event id), so a change is seen on the same
 * records each time.
 */

const RAW_CHARS = 4000;

type Row = Record<string, unknown>;

function text(col: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (col === 'event_time') return isoOrNull(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export async function sampleRowids(db: Db, sourceId: number, limit: number): Promise<number[]> {
  const rows = await db.all<{ rid: bigint }>(
    `SELECT rid FROM (
       SELECT rowid AS rid, hash(event_id) AS h, row_number() OVER (PARTITION BY batch_id ORDER BY hash(event_id)) AS k
       FROM events WHERE source_id = $s)
     ORDER BY k, h LIMIT $n`,
    { s: sourceId, n: limit },
  );
  return rows.map((r) => num(r.rid));
}

export async function previewMapping(db: Db, sourceId: number, value: unknown, limit: number): Promise<MappingPreview> {
  // The preview query is the compile check: only when it fails is each column tried alone to name it.
  const v = await validateShape(db, value);
  if (!v.pack) return { problems: v.problems, records: [] };
  const pack: MappingPack = v.pack;
  const rids = await sampleRowids(db, sourceId, limit);
  if (rids.length === 0) return { problems: [], records: [] };
  // Row ids come from DuckDB as integers: written into the statement as numbers, nothing else.
  const inList = rids.map((r) => String(Math.trunc(r))).join(', ');
  const before = await db.all<Row>(
    `SELECT rowid AS rid, event_id, locator, raw, batch_id, ${MAPPED_COLUMNS.join(', ')} FROM events WHERE rowid IN (${inList})`,
  );
  const zones = await db.all<{ tz: string }>(
    `SELECT DISTINCT assumed_tz AS tz FROM batches WHERE id IN (SELECT batch_id FROM events WHERE rowid IN (${inList}))`,
  );
  const after = new Map<number, Row>();
  try {
    for (const { tz } of zones) {
      const where = `rowid IN (${inList}) AND batch_id IN (SELECT id FROM batches WHERE assumed_tz = $tz)`;
      for (const r of await db.all<Row>(`SELECT * FROM (${remappedSql(pack, where)}) WHERE rid IN (${inList})`, { tz })) {
        after.set(num(r.rid), r);
      }
    }
  } catch (e) {
    const problems = await compileProblems(db, pack);
    if (problems.length) return { problems, records: [] };
    throw e;
  }
  const byRid = new Map(before.map((r) => [num(r.rid), r]));
  const records: PreviewRecord[] = [];
  for (const rid of rids) {
    const b = byRid.get(rid);
    if (!b) continue;
    const a = after.get(rid) ?? {};
    records.push({
      eventId: String(b.event_id),
      locator: String(b.locator),
      raw: String(b.raw).slice(0, RAW_CHARS),
      values: MAPPED_COLUMNS.map((c) => ({ column: c, before: text(c, b[c]), after: text(c, a[c]) })),
    });
  }
  return { problems: [], records };
}
