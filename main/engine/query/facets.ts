import { FACET_COLUMNS, type FacetColumn, type FacetQuery, type Facets, type ViewColumn } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { isoOrNull, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { suggestTags } from '../annotate/store.ts';
import { intIn, optionalText } from './args.ts';
import { columnSql, FILTER_COLUMNS } from './filter.ts';
import { compileScope, runScoped } from './scope.ts';

/**
 * Facet answers by scope, until the events change (`clear`). A high-cardinality column (an IP
 * per event) costs a full hash aggregate on every ask; the table's scope rarely changes as fast.
 */
export class FacetCache {
  private readonly entries = new Map<string, Facets['facets']>();

  get(key: string): Facets['facets'] | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: Facets['facets']): void {
    if (this.entries.size >= 32) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Forget the answers whose key (scope SQL and parameters) passes `test`. */
  dropMatching(test: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (test(key)) this.entries.delete(key);
  }
}

/** Top values with counts for each facet column, over the scoped events. */
export async function facets(db: Db, q: FacetQuery, cache?: FacetCache): Promise<Facets> {
  const started = performance.now();
  const scope = await compileScope(db, q);
  const columns: unknown = q.columns ?? [...FACET_COLUMNS];
  if (!Array.isArray(columns)) throw new EngineError('bad-input', 'columns must be a list of facet columns');
  for (const c of columns as unknown[]) {
    if (!(FACET_COLUMNS as readonly unknown[]).includes(c)) throw new EngineError('bad-input', `no facet for ${String(c)}`);
  }
  const limit = intIn(q.limit, 1, 100, 10, 'limit');
  const key = JSON.stringify([scope.where, scope.params, columns, limit]);
  const hit = cache?.get(key);
  if (hit) return { facets: hit, elapsedMs: Math.round(performance.now() - started) };
  return runScoped(async () => {
    const out: Facets['facets'] = [];
    for (const column of columns as FacetColumn[]) {
      const col = columnSql(column);
      // The groups are counted from the materialized aggregate, not with count(*) OVER () over it:
      // a window over a million groups (an IP per event) costs a third more than the aggregate.
      const rows = await db.all<{ v: string; n: bigint; d: bigint }>(
        `WITH g AS MATERIALIZED (SELECT ${col} AS v, count(*) AS n FROM events WHERE ${scope.where} AND ${col} IS NOT NULL GROUP BY ${col})
         SELECT v, n, (SELECT count(*) FROM g) AS d FROM g ORDER BY n DESC, v LIMIT ${limit}`,
        scope.params,
      );
      out.push({ column, values: rows.map((r) => ({ value: String(r.v), count: num(r.n) })), distinct: num(rows[0]?.d) });
    }
    cache?.set(key, out);
    return { facets: out, elapsedMs: Math.round(performance.now() - started) };
  });
}

/** Most frequent values of a column starting with a prefix (case-insensitive), for completion. */
export async function suggestValues(db: Db, q: { column: ViewColumn; prefix?: string; limit?: number }): Promise<{ value: string; count: number }[]> {
  if ((q.column as string) === 'tag') return suggestTags(db, q.prefix ?? '', Math.max(1, Math.min(q.limit ?? 20, 200)));
  const known = (FILTER_COLUMNS as readonly string[]).filter((c) => c !== 'raw' && c !== 'changes');
  const prefix = optionalText(q.prefix, 'prefix') ?? '';
  if (!known.includes(q.column)) {
    throw new EngineError('bad-input', `no suggestions for ${q.column}`);
  }
  const col = columnSql(q.column);
  const rows = await db.all<{ v: unknown; n: bigint }>(
    `SELECT ${col} AS v, count(*) AS n FROM events WHERE ${col} IS NOT NULL AND starts_with(lower(CAST(${col} AS VARCHAR)), $p)
     GROUP BY 1 ORDER BY n DESC, v LIMIT $l`,
    { p: prefix.toLowerCase(), l: intIn(q.limit, 1, 200, 20, 'limit') },
  );
  return rows.flatMap((r) => {
    const value = isoOrNull(r.v);
    return value === null ? [] : [{ value, count: num(r.n) }];
  });
}
