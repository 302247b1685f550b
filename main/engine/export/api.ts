import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { AuditApi, ExportApi, ExportSummary } from '../../../preload/api.ts';
import { AuthorSetting } from '../annotate/author.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError, toApiError } from '../errors.ts';
import { writeReport } from './report/write.ts';
import { checkFormat, runExport } from './run.ts';

const EXTENSIONS: Record<string, string> = {
  csv: '.csv',
  json: '.json',
  ndjson: '.ndjson',
  parquet: '.parquet',
  timesketch: '.jsonl',
  dataset: '',
  report: '.html',
};

/** `case-export-20250304-0241.csv` beside the case, numbered when taken. */
async function suggestPath(casePath: string, format: string): Promise<string> {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const stem = basename(casePath, extname(casePath));
  const kind = format === 'report' ? 'report' : format === 'dataset' ? 'dataset' : 'export';
  for (let i = 1; ; i++) {
    const p = join(dirname(casePath), `${stem}-${kind}-${stamp}${i > 1 ? `-${i}` : ''}${EXTENSIONS[format] ?? ''}`);
    if (!(await stat(p).catch(() => null))) return p;
  }
}

/** Exports of the filtered (or bookmarked, or tagged) events and the HTML report. */
export function exportApi(ctx: EngineContext) {
  const author = new AuthorSetting(ctx.dataDir);
  return {
    exportEvents: (req) =>
      wrap(async () => {
        if (typeof req !== 'object' || req === null) throw new EngineError('bad-input', 'exportEvents takes an export request');
        const c = ctx.need();
        const exportId = typeof req.exportId === 'string' && req.exportId ? req.exportId : randomUUID();
        if (ctx.jobs.has(exportId)) throw new EngineError('busy', `an export with id ${exportId} is running`);
        const ac = new AbortController();
        ctx.jobs.set(exportId, ac);
        try {
          const summary: ExportSummary = await runExport(c, { ...req, exportId }, {
            signal: ac.signal,
            onProgress: (p) => ctx.emit('export-progress', p),
            author: await author.get(),
          });
          ctx.emit('export-done', { exportId, summary, error: null, cancelled: false });
          return summary;
        } catch (e) {
          const error = toApiError(e);
          ctx.emit('export-done', { exportId, summary: null, error, cancelled: error.code === 'cancelled' });
          throw e;
        } finally {
          ctx.jobs.delete(exportId);
        }
      }),
    cancelExport: (exportId) =>
      wrap(async () => {
        const ac = ctx.jobs.get(exportId);
        if (!ac) return false;
        ac.abort();
        return true;
      }),
    suggestExportPath: (q) =>
      wrap(async () => {
        const format = q?.format === 'report' ? 'report' : checkFormat(q?.format);
        return suggestPath(ctx.need().path, format);
      }),
    writeReport: (req) => wrap(async () => writeReport(ctx.need(), req, await author.get())),
  } satisfies Pick<AuditApi, keyof ExportApi>;
}
