import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, type ExportProgress, type ExportRequest, type ExportSummary } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { appendCustody } from '../custody/append.ts';
import { num, sqlString, type Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { checkNewFile, hashFile } from '../output-file.ts';
import { runScoped } from '../query/scope.ts';
import { finishDataset } from './dataset.ts';
import { exportQuery, isoTime, selectionScope, type ExportQuery } from './select.ts';

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  author: string;
}

const COPY_OPTIONS: Record<ExportFormat, string> = {
  csv: 'FORMAT csv, HEADER true',
  json: 'FORMAT json, ARRAY true',
  ndjson: 'FORMAT json',
  timesketch: 'FORMAT json',
  parquet: 'FORMAT parquet',
  dataset: 'FORMAT parquet, PARTITION_BY (vendor, day)',
};

const TIMESKETCH_REASON = 'Timesketch needs a time for every event; these have none (their time could not be read)';

/** Timesketch's importer wants message, datetime and timestamp_desc; `tag` is its own tag list. */
function timesketchSql(q: ExportQuery): string {
  return `SELECT concat_ws(' ', actor, action, coalesce(target_name, target_id), CASE WHEN outcome = 'failure' THEN '(failed)' END) AS message,
      strftime(event_time, '%Y-%m-%dT%H:%M:%S.%f+00:00') AS datetime, epoch_us(event_time) AS timestamp, 'Event time' AS timestamp_desc,
      'auditlens:' || vendor || ':event' AS data_type,
      x.* EXCLUDE (event_time, tags, changes), ${isoTime('x.event_time')} AS event_time, x.tags AS tag, CAST(x.changes AS VARCHAR) AS changes
    FROM (${q.sql}) x WHERE x.event_time IS NOT NULL ORDER BY x.event_time, x.event_id`;
}

/** Polls DuckDB's progress of the running statement on `db` until stopped. */
function watch(db: Db, emit: (percent: number | null) => void): () => void {
  const timer = setInterval(() => {
    const p = db.conn.progress.percentage;
    emit(p >= 0 ? Math.min(99, Math.round(p)) : null);
  }, 250);
  return () => clearInterval(timer);
}

export function checkFormat(v: unknown): ExportFormat {
  if (typeof v !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(v)) {
    throw new EngineError('bad-input', `an export format is one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return v as ExportFormat;
}

/**
 * One export: checks the target, writes beside it with DuckDB's COPY on a connection of its own
 * (so cancel interrupts only this), hashes the result, renames it into place and logs it in
 * custody_log with its SHA-256. A failure or cancel removes what was written.
 */
export async function runExport(c: Case, req: ExportRequest, o: ExportOptions): Promise<ExportSummary> {
  const started = performance.now();
  const format = checkFormat(req.format);
  const exportId = typeof req.exportId === 'string' && req.exportId ? req.exportId : randomUUID();
  const mask = req.keepSecrets !== true;
  const target = await checkNewFile(req.path, 'Export');
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${exportId.slice(0, 8)}`);
  const progress = (p: Omit<ExportProgress, 'exportId'>): void => o.onProgress?.({ exportId, ...p });
  progress({ phase: 'counting', percent: null, rows: 0 });

  const db = await c.db.fork();
  const onAbort = (): void => db.conn.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  try {
    await db.run("SET TimeZone = 'UTC'; SET enable_progress_bar = true; SET enable_progress_bar_print = false");
    // Timesketch rows are built over the typed columns (its datetime and timestamp come from event_time).
    const base = format === 'timesketch' ? 'parquet' : format;
    const q = await exportQuery(db, req, { format: base, mask, ...(req.sort ? { sort: req.sort } : {}) });
    const selected = await runScoped(async () => num(await db.value(q.countSql, q.params)));
    let rows = selected;
    let skipped: ExportSummary['skipped'] = null;
    let sql = q.sql;
    if (format === 'timesketch') {
      sql = timesketchSql(q);
      rows = num(await db.value(`SELECT count(*) FROM events WHERE ${q.where} AND event_time IS NOT NULL`, q.params));
      if (rows < selected) skipped = { count: selected - rows, reason: TIMESKETCH_REASON };
    }
    if (format === 'dataset') sql = `SELECT *, strftime(event_time, '%Y-%m-%d') AS day FROM (${sql})`;
    progress({ phase: 'writing', percent: 0, rows });
    if (o.signal?.aborted) throw new EngineError('cancelled', 'the export was cancelled');
    const stop = watch(db, (percent) => progress({ phase: 'writing', percent, rows }));
    try {
      await db.run(`COPY (${sql}) TO ${sqlString(partial)} (${COPY_OPTIONS[format]})`, q.params);
    } finally {
      stop();
    }
    if (o.signal?.aborted) throw new EngineError('cancelled', 'the export was cancelled');
    progress({ phase: 'hashing', percent: 99, rows });
    let hashed: { sha256: string; bytes: number };
    let files: ExportSummary['files'];
    if (format === 'dataset') {
      const done = await finishDataset(db, partial, { rows, masked: mask, casePath: c.path, selection: req });
      hashed = { sha256: done.sha256, bytes: done.bytes };
      files = done.files;
    } else {
      hashed = await hashFile(partial);
    }
    await rename(partial, target);
    const summary: ExportSummary = {
      exportId,
      format,
      path: target,
      rows,
      bytes: hashed.bytes,
      sha256: hashed.sha256,
      masked: mask,
      skipped,
      ...(files ? { files } : {}),
      elapsedMs: Math.round(performance.now() - started),
    };
    await c.write((w) =>
      appendCustody(
        w,
        'export',
        {
          format,
          path: target,
          rows,
          bytes: hashed.bytes,
          sha256: hashed.sha256,
          secrets: mask ? 'masked' : 'kept',
          scope: selectionScope(req),
          ...(req.sort ? { sort: req.sort } : {}),
          ...(skipped ? { skipped } : {}),
          ...(files ? { files: files.length } : {}),
        },
        o.author,
      ),
    );
    progress({ phase: 'done', percent: 100, rows });
    return summary;
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    if (o.signal?.aborted) throw new EngineError('cancelled', 'the export was cancelled; nothing was written');
    if (e instanceof EngineError) throw e;
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new EngineError('refused', `Export to ${target} failed: ${msg}`, { file: target });
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    db.close();
  }
}
