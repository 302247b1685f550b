import type { RemapProgress, RemapSummary } from '../../../preload/api.ts';
import { appendCustody } from '../custody/append.ts';
import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { EngineError } from '../errors.ts';
import type { MappingPack } from '../packs/types.ts';
import type { SourceRef } from './current.ts';
import { MAPPED_COLUMNS, SOURCE_IN_ZONE, distinct, remappedSql } from './mapped-sql.ts';
import { storeMapping } from './store.ts';

/**
 * Re-maps a source's events in place from their stored `raw`, in one transaction: nothing is
 * re-imported, `event_id`, `raw`, locators and batches stay, only the columns a mapping writes
 * change, and only in events whose values differ. The mapping is stored for the source and the
 * change logged in custody_log with the old and new mapping, who, and what changed.
 */

export interface RemapOptions {
  remapId: string;
  source: SourceRef;
  old: MappingPack;
  pack: MappingPack;
  author: string | null;
  signal?: AbortSignal;
  onProgress?: (p: RemapProgress) => void;
}

/** Share of the bar the mapping pass fills; writing the changed rows fills the rest. */
const MAPPING_SHARE = 0.7;

export async function remapSource(db: Db, o: RemapOptions): Promise<RemapSummary> {
  const t0 = performance.now();
  const { source, pack, remapId } = o;
  const zones = (await db.all<{ tz: string }>('SELECT DISTINCT assumed_tz AS tz FROM batches WHERE source_id = $s ORDER BY 1', { s: source.id })).map(
    (r) => r.tz,
  );
  let step = 0;
  let phase: RemapProgress['phase'] = 'mapping';
  const report = (within: number): void => {
    const mapped = zones.length ? (step + within) / zones.length : 1;
    const fraction = phase === 'mapping' ? mapped * MAPPING_SHARE : MAPPING_SHARE + within * (1 - MAPPING_SHARE);
    o.onProgress?.({ remapId, sourceId: source.id, phase, fraction: Math.min(1, fraction) });
  };
  const poll = setInterval(() => {
    const p = db.conn.progress;
    if (p.percentage >= 0) report(p.percentage / 100);
  }, 200);
  const onAbort = (): void => db.conn.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  const flags = MAPPED_COLUMNS.map((c) => `${distinct(c, 'e', 'm')} AS d_${c}`).join(', ');
  await db.run('BEGIN TRANSACTION');
  try {
    report(0);
    let created = false;
    for (const tz of zones) {
      if (o.signal?.aborted) throw new EngineError('cancelled', 'cancelled');
      // Only events with a value to change are kept: the temp table is as small as the change.
      const changed = `SELECT m.*, ${flags} FROM (${remappedSql(pack, SOURCE_IN_ZONE)}) m JOIN events e ON e.rowid = m.rid
        WHERE ${MAPPED_COLUMNS.map((c) => distinct(c, 'e', 'm')).join(' OR ')}`;
      await db.run(created ? `INSERT INTO al_remap ${changed}` : `CREATE OR REPLACE TEMP TABLE al_remap AS ${changed}`, { s: source.id, tz });
      created = true;
      step++;
      report(0);
    }
    const counts: Record<string, number> = {};
    let changed = 0;
    if (created) {
      const row = await db.one<Record<string, unknown>>(
        `SELECT count(*) AS n, ${MAPPED_COLUMNS.map((c) => `count_if(d_${c}) AS ${c}`).join(', ')} FROM al_remap`,
      );
      changed = num(row?.n);
      for (const c of MAPPED_COLUMNS) if (num(row?.[c]) > 0) counts[c] = num(row?.[c]);
    }
    const cols = Object.keys(counts);
    if (cols.length) {
      phase = 'writing';
      report(0);
      await db.run(`UPDATE events SET ${cols.map((c) => `${c} = r.${c}`).join(', ')} FROM al_remap r WHERE events.rowid = r.rid`);
    }
    if (created) await db.run('DROP TABLE al_remap');
    await storeMapping(db, pack, { sourceId: source.id, author: o.author });
    const ms = Math.round(performance.now() - t0);
    await appendCustody(
      db,
      'mapping-applied',
      {
        remap_id: remapId, source_id: source.id, vendor: source.vendor, label: source.label, events: source.events, changed,
        columns: counts, ms, old: o.old, new: pack,
      },
      o.author,
    );
    await db.run('COMMIT');
    return { remapId, sourceId: source.id, events: source.events, changed, columns: counts, cancelled: false, ms };
  } catch (e) {
    await db.run('ROLLBACK').catch(() => undefined);
    if (o.signal?.aborted) {
      await appendCustody(db, 'mapping-cancelled', { remap_id: remapId, source_id: source.id, vendor: source.vendor, label: source.label }, o.author);
      return { remapId, sourceId: source.id, events: source.events, changed: 0, columns: {}, cancelled: true, ms: Math.round(performance.now() - t0) };
    }
    if (e instanceof EngineError) throw e;
    throw new EngineError('refused', `the mapping could not be applied: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  } finally {
    clearInterval(poll);
    o.signal?.removeEventListener('abort', onAbort);
  }
}
