import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type {
  ApiEventName,
  AuditApi,
  AuditEvents,
  BatchRow,
  CaseInfo,
  RejectRow,
  Result,
  SourceRow,
} from '../../preload/api.ts';
import { Case } from './case/case.ts';
import { num } from './db.ts';
import { EngineError, toApiError } from './errors.ts';
import { importPaths } from './import/importer.ts';
import { compileFilter, FILTER_COLUMNS } from './query/filter.ts';
import { countEvents, eventPage, getEvent } from './query/events.ts';
import { facets, suggestValues } from './query/facets.ts';
import { histogram } from './query/histogram.ts';
import { eventContext, timeline } from './timeline/entity.ts';
import { objectHistory } from './timeline/history.ts';
import { defaultDataDir, RecentCases } from './host-state.ts';
import { join } from 'node:path';

export interface EngineHost extends AuditApi {
  on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void;
  dispose(): Promise<void>;
  /** The open case, for hosts that need more than the API (CLI export, tests). */
  readonly current: Case | null;
}

function iso(v: unknown): string | null {
  return v instanceof Date ? v.toISOString() : v == null ? null : String(v);
}

export async function caseInfo(c: Case): Promise<CaseInfo> {
  const totals = await c.reader.one<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sources) AS sources,
       (SELECT count(*) FROM batches) AS batches, (SELECT count(*) FROM rejects) AS rejects,
       (SELECT min(event_time) FROM events) AS tmin, (SELECT max(event_time) FROM events) AS tmax`,
  );
  const byVendor = await c.reader.all<{ vendor: string; n: bigint }>(
    'SELECT vendor, count(*) AS n FROM events GROUP BY vendor ORDER BY n DESC, vendor',
  );
  return {
    path: c.path,
    schemaVersion: c.schemaVersion,
    readOnly: false,
    events: num(totals?.events),
    sources: num(totals?.sources),
    batches: num(totals?.batches),
    rejects: num(totals?.rejects),
    timeMin: iso(totals?.tmin),
    timeMax: iso(totals?.tmax),
    byVendor: byVendor.map((v) => ({ vendor: v.vendor, events: num(v.n) })),
  };
}

export async function listSources(c: Case): Promise<SourceRow[]> {
  const rows = await c.reader.all<Record<string, unknown>>(
    `SELECT s.id, s.vendor, s.label, s.tenant, (SELECT count(*) FROM events e WHERE e.source_id = s.id) AS events
     FROM sources s ORDER BY s.id`,
  );
  return rows.map((r) => ({
    id: num(r.id), vendor: String(r.vendor), label: String(r.label), tenant: r.tenant == null ? null : String(r.tenant), events: num(r.events),
  }));
}

export async function listBatches(c: Case): Promise<BatchRow[]> {
  const rows = await c.reader.all<Record<string, unknown>>(
    `SELECT b.*, s.vendor FROM batches b JOIN sources s ON s.id = b.source_id ORDER BY b.id`,
  );
  return rows.map((r) => ({
    id: num(r.id), source_id: num(r.source_id), vendor: String(r.vendor), method: r.method === 'api' ? 'api' : 'file',
    origin: String(r.origin), format: String(r.format), sha256: String(r.sha256), bytes: num(r.bytes),
    started_at: iso(r.started_at) ?? '', finished_at: iso(r.finished_at) ?? '', rows: num(r.row_count),
    events: num(r.event_count), duplicates: num(r.duplicate_count), rejects: num(r.reject_count),
    tool_version: String(r.tool_version), pack: String(r.pack), pack_version: num(r.pack_version), assumed_tz: String(r.assumed_tz),
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

async function wrap<T>(f: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

/** The engine behind every host: one open case at a time, imports one at a time. */
export interface EngineOptions {
  casePath?: string;
  create?: boolean;
  /** Per-machine state (recent cases; the demo case unless demoPath is given). */
  dataDir?: string;
  demoPath?: string;
}

export async function createEngine(opts: EngineOptions = {}): Promise<EngineHost> {
  const emitter = new EventEmitter();
  const dataDir = opts.dataDir ?? defaultDataDir();
  const recent = new RecentCases(dataDir);
  const demoPath = opts.demoPath ?? join(dataDir, 'demo', 'demo.duckdb');
  let current: Case | null = null;
  const imports = new Map<string, AbortController>();
  const need = (): Case => {
    if (!current) throw new EngineError('no-case', 'no case is open');
    return current;
  };
  const emit = <E extends ApiEventName>(e: E, payload: AuditEvents[E]): void => {
    emitter.emit(e, payload);
  };
  const open = async (path: string, create: boolean): Promise<CaseInfo> => {
    if (imports.size > 0) throw new EngineError('busy', 'an import is running; cancel it or wait before switching cases');
    const next = await Case.open(path, { create });
    current?.close();
    current = next;
    recent.add(path);
    const info = await caseInfo(next);
    emit('case-changed', info);
    return info;
  };
  if (opts.casePath) await open(opts.casePath, opts.create ?? false);

  const engine: EngineHost = {
    get current() {
      return current;
    },
    on(event, listener) {
      emitter.on(event, listener as (p: unknown) => void);
      return () => emitter.off(event, listener as (p: unknown) => void);
    },
    async dispose() {
      for (const a of imports.values()) a.abort();
      current?.close();
      current = null;
    },
    createCase: (path) => wrap(() => open(path, true)),
    openCase: (path) => wrap(() => open(path, false)),
    closeCase: () =>
      wrap(async () => {
        current?.close();
        current = null;
        emit('case-changed', null);
        return null;
      }),
    caseInfo: () => wrap(() => caseInfo(need())),
    importFiles: (req) =>
      wrap(async () => {
        const importId = randomUUID();
        const refuse = (e: EngineError): never => {
          // Hosts that start imports without awaiting them (a desktop drop) learn of it here too.
          emit('import-done', {
            importId,
            batches: [{ file: (req.paths ?? []).join(', '), sha256: '', vendor: '', format: '', events: 0, duplicates: 0, rejects: 0, batchId: null, error: e.toApi() }],
            eventsTotal: 0,
            cancelled: false,
          });
          throw e;
        };
        if (!current) refuse(new EngineError('no-case', 'no case is open; open or create a case before importing'));
        if (imports.size > 0) refuse(new EngineError('busy', 'another import is running; wait for it or cancel it'));
        const c = need();
        const ac = new AbortController();
        imports.set(importId, ac);
        try {
          const summary = await importPaths(c, {
            ...req,
            importId,
            signal: ac.signal,
            onProgress: (p) => emit('import-progress', p),
          });
          await c.eventsChanged();
          emit('import-done', summary);
          emit('case-changed', await caseInfo(c));
          return summary;
        } finally {
          imports.delete(importId);
        }
      }),
    cancelImport: (importId) =>
      wrap(async () => {
        const ac = imports.get(importId);
        if (!ac) return false;
        ac.abort();
        return true;
      }),
    listSources: () => wrap(() => listSources(need())),
    listBatches: () => wrap(() => listBatches(need())),
    listRejects: (q) => wrap(() => listRejects(need(), q)),
    getEvents: (q) => wrap(() => eventPage(need().reader, q, need().pager)),
    countEvents: (q) => wrap(() => countEvents(need().reader, q)),
    getEvent: (id) => wrap(() => getEvent(need().reader, id)),
    getHistogram: (q) => wrap(() => histogram(need().reader, q)),
    getFacets: (q) => wrap(() => facets(need().reader, q, need().facetCache)),
    suggestValues: (q) => wrap(() => suggestValues(need().reader, q)),
    getSession: (key) =>
      wrap(async () => {
        const v = await need().reader.value<string>('SELECT value FROM session WHERE key = $k', { k: key });
        return v === undefined || v === null ? null : (JSON.parse(v) as unknown);
      }),
    setSession: (q) =>
      wrap(async () => {
        if (typeof q.key !== 'string' || q.key === '') throw new EngineError('bad-input', 'session key must be a non-empty string');
        await need().reader.run('INSERT OR REPLACE INTO session (key, value, updated_at) VALUES ($k, $v, now())', {
          k: q.key,
          v: JSON.stringify(q.value ?? null),
        });
        return null;
      }),
    recentCases: () => wrap(async () => recent.list()),
    getTimeline: (q) => wrap(() => timeline(need().reader, q)),
    getContext: (q) => wrap(() => eventContext(need().reader, q)),
    getHistory: (q) => wrap(() => objectHistory(need().reader, q)),
    openDemoCase: () =>
      wrap(async () => {
        const { ensureDemoCase } = await import('./demo/demo-case.ts');
        await ensureDemoCase(demoPath);
        return open(demoPath, false);
      }),
    checkFilter: (filter) =>
      wrap(async () => {
        const columns = [...FILTER_COLUMNS];
        try {
          await compileFilter(need().reader, filter);
          return { valid: true, columns };
        } catch (e) {
          if (e instanceof EngineError && e.code === 'bad-filter') return { valid: false, error: e.toApi(), columns };
          throw e;
        }
      }),
  };
  return engine;
}
