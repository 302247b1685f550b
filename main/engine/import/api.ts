import { randomUUID } from 'node:crypto';
import type { AuditApi, BatchRow, ImportApi, MappingChoice, RejectRow, SourceRow } from '../../../preload/api.ts';
import { caseInfo } from '../case/api.ts';
import type { Case } from '../case/case.ts';
import { wrap, type EngineContext } from '../context.ts';
import { isoOrNull as iso, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { describeMapping } from '../packs/describe.ts';
import type { MappingPack } from '../packs/types.ts';
import { importPaths } from './importer.ts';

export async function listSources(c: Case): Promise<SourceRow[]> {
  const rows = await c.reader.all<Record<string, unknown>>(
    `SELECT s.id, s.vendor, s.label, s.tenant, (SELECT count(*) FROM events e WHERE e.source_id = s.id) AS events
     FROM sources s ORDER BY s.id`,
  );
  return rows.map((r) => ({
    id: num(r.id), vendor: String(r.vendor), label: String(r.label), tenant: r.tenant == null ? null : String(r.tenant), events: num(r.events),
  }));
}

function mappingOf(v: unknown): MappingChoice[] {
  try {
    return describeMapping(JSON.parse(String(v)) as MappingPack);
  } catch {
    return [];
  }
}

export async function listBatches(c: Case): Promise<BatchRow[]> {
  const rows = await c.reader.all<Record<string, unknown>>(
    `SELECT b.*, s.vendor, coalesce(c.n, 0) AS id_conflicts FROM batches b JOIN sources s ON s.id = b.source_id
     LEFT JOIN (SELECT batch_id, count(*) AS n FROM events WHERE id_conflict GROUP BY batch_id) c ON c.batch_id = b.id
     ORDER BY b.id`,
  );
  return rows.map((r) => ({
    id: num(r.id), source_id: num(r.source_id), vendor: String(r.vendor), method: r.method === 'api' ? 'api' : 'file',
    origin: String(r.origin), format: String(r.format), sha256: String(r.sha256), bytes: num(r.bytes),
    started_at: iso(r.started_at) ?? '', finished_at: iso(r.finished_at) ?? '', rows: num(r.row_count),
    events: num(r.event_count), duplicates: num(r.duplicate_count), idConflicts: num(r.id_conflicts), rejects: num(r.reject_count),
    tool_version: String(r.tool_version), pack: String(r.pack), pack_version: num(r.pack_version), assumed_tz: String(r.assumed_tz),
    mapping: mappingOf(r.mapping),
  }));
}

export async function listRejects(c: Case, q: { batchId?: number; offset?: number; limit?: number }): Promise<RejectRow[]> {
  const rows = await c.reader.all<Record<string, unknown>>(
    `SELECT * FROM rejects WHERE ($b IS NULL OR batch_id = $b) ORDER BY id LIMIT $l OFFSET $o`,
    { b: q.batchId ?? null, l: Math.min(q.limit ?? 500, 5000), o: q.offset ?? 0 },
  );
  return rows.map((r) => ({
    id: num(r.id), batch_id: num(r.batch_id), locator: String(r.locator), reason: String(r.reason), excerpt: r.excerpt == null ? '' : String(r.excerpt),
  }));
}

/** File imports (one at a time per engine) and what they left: sources, batches, rejects. */
export function importApi(ctx: EngineContext) {
  return {
    importFiles: (req) =>
      wrap(async () => {
        const importId = randomUUID();
        const refuse = (e: EngineError): never => {
          // Hosts that start imports without awaiting them (a desktop drop) learn of it here too.
          ctx.emit('import-done', {
            importId,
            batches: [{ file: (req.paths ?? []).join(', '), sha256: '', vendor: '', format: '', events: 0, duplicates: 0, idConflicts: 0, rejects: 0, batchId: null, error: e.toApi() }],
            eventsTotal: 0,
            cancelled: false,
          });
          throw e;
        };
        if (!ctx.current) refuse(new EngineError('no-case', 'no case is open; open or create a case before importing'));
        if (ctx.jobs.size > 0) refuse(new EngineError('busy', 'another import is running; wait for it or cancel it'));
        const c = ctx.need();
        if (c.readOnly) refuse(new EngineError('read-only', `Importing files is not possible: ${c.path} is open read-only (read-only storage or no write permission). Create a new case to import into.`, { file: c.path }));
        const ac = new AbortController();
        ctx.jobs.set(importId, ac);
        try {
          const summary = await importPaths(c, {
            ...req,
            importId,
            signal: ac.signal,
            onProgress: (p) => ctx.emit('import-progress', p),
          });
          await c.eventsChanged();
          ctx.emit('import-done', summary);
          ctx.emit('case-changed', await caseInfo(c));
          return summary;
        } finally {
          ctx.jobs.delete(importId);
        }
      }),
    cancelImport: (importId) =>
      wrap(async () => {
        const ac = ctx.jobs.get(importId);
        if (!ac) return false;
        ac.abort();
        return true;
      }),
    listSources: () => wrap(() => listSources(ctx.need())),
    listBatches: () => wrap(() => listBatches(ctx.need())),
    listRejects: (q) => wrap(() => listRejects(ctx.need(), q)),
  } satisfies Pick<AuditApi, keyof ImportApi>;
}
