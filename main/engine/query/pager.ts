import type { DuckDBValue } from '@duckdb/node-api';
import type { Db, Row } from '../db.ts';
import { num } from '../db.ts';
import { columnSql } from './filter.ts';

/**
 * Random access into a sorted, filtered result of millions of events. `ORDER BY … OFFSET 9000000`
 * re-sorts on every page, so a large result is sorted once into a temp table of row ids (its
 * position is the temp table's own row order); every page is then a range of that table joined
 * back to `events` by rowid. Small results skip the index: a plain ORDER BY is faster to start.
 * The first pages of a large result come from a plain top-N query while the index is built on
 * its own connection, so opening a case or applying a filter shows rows at once.
 */

export const INDEX_THRESHOLD = 50_000;
/** Pages ending within this many rows are answered by a top-N query while no index exists. */
const TOP_N_WINDOW = 5_000;
const MAX_INDEXES = 4;
/** Process-wide, so two pagers on one connection never share a table name. */
let tableSeq = 0;

interface OrderIndex {
  table: string;
  base: number;
  total: number;
  lastUsed: number;
}

export class Pager {
  private readonly indexes = new Map<string, OrderIndex>();
  private readonly building = new Map<string, Promise<OrderIndex>>();

  /**
   * `db` answers counts and top-N pages; `indexDb` (its own connection, since temp tables belong
   * to one connection) builds and reads the sort indexes. They may be the same connection.
   */
  private readonly threshold: number;
  private readonly topNWindow: number;
  private readonly indexDb: Db;

  constructor(
    private readonly db: Db,
    opts: { threshold?: number; topNWindow?: number; indexDb?: Db } = {},
  ) {
    this.threshold = opts.threshold ?? INDEX_THRESHOLD;
    this.topNWindow = opts.topNWindow ?? TOP_N_WINDOW;
    this.indexDb = opts.indexDb ?? db;
  }

  /** Forget every index (the events changed). */
  async invalidate(): Promise<void> {
    // A build still running would register its index after the clear: let it finish first.
    await Promise.allSettled([...this.building.values()]);
    const old = [...this.indexes.values()];
    this.indexes.clear();
    this.building.clear();
    for (const ix of old) await this.indexDb.run(`DROP TABLE IF EXISTS ${ix.table}`).catch(() => undefined);
  }

  /** Forget the indexes whose key (scope SQL, parameters, order) passes `test`. */
  async dropMatching(test: (key: string) => boolean): Promise<void> {
    await Promise.allSettled([...this.building.entries()].filter(([k]) => test(k)).map(([, p]) => p));
    for (const [key, ix] of [...this.indexes.entries()]) {
      if (!test(key)) continue;
      this.indexes.delete(key);
      await this.indexDb.run(`DROP TABLE IF EXISTS ${ix.table}`).catch(() => undefined);
    }
  }

  private async build(key: string, where: string, params: Record<string, DuckDBValue>, order: string): Promise<OrderIndex> {
    const table = `al_pg_${++tableSeq}`;
    await this.indexDb.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT rowid AS rid FROM events WHERE ${where} ORDER BY ${order}`, params);
    const info = await this.indexDb.one<{ base: bigint | null; n: bigint }>(`SELECT min(rowid) AS base, count(*) AS n FROM ${table}`);
    const ix: OrderIndex = { table, base: num(info?.base), total: num(info?.n), lastUsed: Date.now() };
    this.indexes.set(key, ix);
    while (this.indexes.size > MAX_INDEXES) {
      const [oldKey, oldest] = [...this.indexes.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0] as [string, OrderIndex];
      this.indexes.delete(oldKey);
      await this.indexDb.run(`DROP TABLE IF EXISTS ${oldest.table}`);
    }
    return ix;
  }

  /**
   * One page of `SELECT * FROM events WHERE where ORDER BY order`, and the total.
   * `total` is passed when the caller already knows it (saves a count).
   */
  async page(where: string, params: Record<string, DuckDBValue>, sortCol: string, dir: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: Row[]; total: number }> {
    const order = `${columnSql(sortCol)} ${dir} NULLS LAST, event_id`;
    const key = JSON.stringify([where, params, order]);
    const known = this.indexes.get(key);
    const total = known ? known.total : num(await this.db.value(`SELECT count(*) FROM events WHERE ${where}`, params));
    if (total <= this.threshold) {
      const rows = await this.db.all(`SELECT * FROM events WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params);
      return { rows, total };
    }
    let ix = known;
    if (!ix) {
      let pending = this.building.get(key);
      if (!pending) {
        pending = this.build(key, where, params, order).finally(() => this.building.delete(key));
        this.building.set(key, pending);
        // Built in the background; a failure shows up when a later page awaits it.
        pending.catch(() => undefined);
      }
      if (offset + limit <= this.topNWindow) {
        // Sort keys and row ids only; the wide rows are fetched for the page alone.
        const ids = await this.db.all<{ rid: bigint }>(
          `SELECT rowid AS rid FROM events WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
          params,
        );
        return { rows: await fetchByRowid(this.db, ids.map((r) => num(r.rid))), total };
      }
      ix = await pending;
    }
    ix.lastUsed = Date.now();
    const from = ix.base + offset;
    const to = from + limit - 1;
    const rids = await this.indexDb.all<{ rid: bigint }>(`SELECT rid FROM ${ix.table} WHERE rowid BETWEEN ${from} AND ${to} ORDER BY rowid`);
    return { rows: await fetchByRowid(this.indexDb, rids.map((r) => num(r.rid))), total: ix.total };
  }
}

/** Rows further apart than this are fetched by separate range scans. */
const CLUSTER_GAP = 4096;

/**
 * Rows by rowid, in the given order. DuckDB turns `rowid IN (…)` into one scan over min..max, so
 * scattered ids are grouped into clusters, each a narrow `rowid BETWEEN` scan that the zone maps
 * answer from a few row groups.
 */
export async function fetchByRowid(db: Db, ids: number[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const id of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && id - (last[last.length - 1] as number) <= CLUSTER_GAP) last.push(id);
    else clusters.push([id]);
  }
  const sql = clusters
    .map((c) => `SELECT rowid AS _rid, * FROM events WHERE rowid BETWEEN ${c[0]} AND ${c[c.length - 1]} AND rowid IN (${c.join(',')})`)
    .join(' UNION ALL ');
  const rows = await db.all<Row & { _rid: bigint }>(sql);
  const byRid = new Map(rows.map((r) => [num(r._rid), r]));
  return ids
    .map((id) => byRid.get(id))
    .filter((r): r is Row & { _rid: bigint } => r !== undefined)
    .map(({ _rid, ...rest }) => rest);
}

