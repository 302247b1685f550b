import type { DuckDBValue } from '@duckdb/node-api';
import type { ViewColumn, ExportFormat, ExportSelection, SortDir } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { sqlIdent } from '../db.ts';
import { EngineError } from '../errors.ts';
import { DERIVED_COLUMNS, FILTER_COLUMNS } from '../query/filter.ts';
import { compileScope } from '../query/scope.ts';
import { checkTag } from '../annotate/validate.ts';
import { maskChangesSql, maskSql } from './mask.ts';

/**
 * The rows every export writes: the event's own columns as the case holds them (secrets masked
 * unless kept), the investigator's annotations, and the provenance of the row, so each exported
 * event can be traced to the file or API page it came from and checked against its hash.
 */

export interface ExportQuery {
  sql: string;
  params: Record<string, DuckDBValue>;
  /** The same selection, counted. */
  countSql: string;
  /** The selection's condition over `events`. */
  where: string;
}

/** Added to every event: where it came from. Documented in docs/export.md. */
export const PROVENANCE_COLUMNS = ['origin', 'origin_method', 'origin_sha256', 'origin_container', 'origin_container_sha256'] as const;
export const ANNOTATION_EXPORT_COLUMNS = ['bookmarked', 'tags', 'note'] as const;

const SORTABLE = new Set<string>(FILTER_COLUMNS.filter((c) => c !== 'raw' && c !== 'changes'));

/** ISO 8601 with microseconds in UTC, for the text formats (Parquet keeps the TIMESTAMPTZ). */
export const isoTime = (col: string): string => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%fZ')`;

/** The selection's scope with the bookmarked / tag narrowing added, as filter text the compiler checks. */
export function selectionScope(sel: ExportSelection): ExportSelection['scope'] {
  if (typeof sel.scope !== 'object' || sel.scope === null) throw new EngineError('bad-input', 'an export needs a scope (an empty one for every event)');
  const parts = [sel.scope.filter?.trim() ? `(${sel.scope.filter})` : ''];
  if (sel.bookmarked) parts.push('bookmarked');
  // Tags match regardless of case, as everywhere else (`Exfil` is the tag `exfil`).
  if (sel.tag !== undefined) parts.push(`lower(tag) = lower('${checkTag(sel.tag).replace(/'/g, "''")}')`);
  const filter = parts.filter(Boolean).join(' AND ');
  return { ...sel.scope, ...(filter ? { filter } : { filter: '' }) };
}

export async function exportQuery(
  db: Db,
  sel: ExportSelection,
  o: { format: ExportFormat; mask: boolean; sort?: { column: ViewColumn; dir: SortDir } },
): Promise<ExportQuery> {
  const scope = await compileScope(db, selectionScope(sel));
  const col = o.sort?.column ?? 'event_time';
  if (!SORTABLE.has(col)) throw new EngineError('bad-input', `cannot sort an export by ${col}`);
  const derived = DERIVED_COLUMNS[col];
  const orderExpr = derived ? `(${derived.replace(/\b(target_\w+)\b/g, 'e.$1')})` : `e.${sqlIdent(col)}`;
  const order = `${orderExpr} ${o.sort?.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, e.event_id`;
  const text = o.format !== 'parquet' && o.format !== 'dataset';
  const replaced = [
    ...(o.mask ? [`${maskSql('e.raw')} AS raw`, `${maskSql('e.description')} AS description`, `${maskChangesSql('e.changes')} AS changes`] : []),
    // A dataset is read by other engines: JSON text is the portable form of the changes list.
    ...(o.format === 'dataset' ? [`CAST(${o.mask ? maskChangesSql('e.changes') : 'e.changes'} AS VARCHAR) AS changes`] : []),
    ...(text ? [`${isoTime('e.event_time')} AS event_time`] : []),
  ];
  // A later REPLACE of the same column wins; keep one per column.
  const byColumn = new Map(replaced.map((r) => [r.slice(r.lastIndexOf(' AS ') + 4), r]));
  const star = byColumn.size > 0 ? `e.* REPLACE (${[...byColumn.values()].join(', ')})` : 'e.*';
  const tags = o.format === 'csv' ? `CAST(to_json(coalesce(t.tags, [])) AS VARCHAR)` : `coalesce(t.tags, [])`;
  const sql = `SELECT ${star},
      (bm.event_id IS NOT NULL) AS bookmarked, ${tags} AS tags, ${o.mask ? maskSql('n.note') : 'n.note'} AS note,
      b.origin AS origin, b.method AS origin_method, b.sha256 AS origin_sha256,
      b.container AS origin_container, b.container_sha256 AS origin_container_sha256
    FROM (SELECT * FROM events WHERE ${scope.where}) e
    LEFT JOIN batches b ON b.id = e.batch_id
    LEFT JOIN (SELECT DISTINCT event_id FROM annotations WHERE kind = 'bookmark') bm ON bm.event_id = e.event_id
    LEFT JOIN (SELECT event_id, list(value ORDER BY id) AS tags FROM annotations WHERE kind = 'tag' GROUP BY event_id) t ON t.event_id = e.event_id
    LEFT JOIN (SELECT event_id, first(value ORDER BY id) AS note FROM annotations WHERE kind = 'note' GROUP BY event_id) n ON n.event_id = e.event_id
    ORDER BY ${order}`;
  return { sql, params: scope.params, countSql: `SELECT count(*) FROM events WHERE ${scope.where}`, where: scope.where };
}
