import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { ApiEventName, AuditApi, AuditEvents, CaseInfo } from '../../preload/api.ts';
import { annotateApi } from './annotate/api.ts';
import { caseApi, caseInfo } from './case/api.ts';
import { collectApi } from './collect/api.ts';
import type { CredentialStore } from './collect/credentials.ts';
import type { HttpOptions } from './collect/http/client.ts';
import { Case, SPILL_PREFIX } from './case/case.ts';
import type { EngineContext } from './context.ts';
import { custodyApi } from './custody/api.ts';
import { exportApi } from './export/api.ts';
import { EngineError } from './errors.ts';
import { defaultDataDir, RecentCases } from './host-state.ts';
import { importApi } from './import/api.ts';
import { ZIP_PREFIX } from './import/inputs.ts';
import { CONVERT_PREFIX } from './import/utf16.ts';
import { sweepStaleTempDirs } from './temp-dirs.ts';
import { mappingApi } from './mapping/api.ts';
import { queryApi } from './query/api.ts';
import { sessionApi } from './session/api.ts';
import { timelineApi } from './timeline/api.ts';

export { caseInfo } from './case/api.ts';
export { listBatches, listRejects, listSources } from './import/api.ts';

export interface EngineHost extends AuditApi {
  on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void;
  dispose(): Promise<void>;
  /** The open case, for hosts that need more than the API (CLI export, tests). */
  readonly current: Case | null;
}

/** The engine behind every host: one open case at a time, long jobs one at a time. */
export interface EngineOptions {
  casePath?: string;
  create?: boolean;
  /** Open every case read-only (`auditlens serve --read-only`); cases that cannot be written open read-only anyway. */
  readOnly?: boolean;
  /** Time limit of one browsing statement (default 30 s, or AUDITLENS_QUERY_TIMEOUT_S). */
  queryTimeoutMs?: number;
  /** Per-machine state (recent cases; the demo case unless demoPath is given). */
  dataDir?: string;
  demoPath?: string;
  /** Builds the demo case at a path; hosts hand in the demo generator (it is a client of the engine). */
  buildDemo?: (path: string) => Promise<void>;
  /** Where pulls find and keep credentials: the desktop host's OS keychain; otherwise environment variables only. */
  credentials?: CredentialStore;
  /** Environment for credentials and proxy settings (process.env by default). */
  env?: Record<string, string | undefined>;
  /** HTTP settings for pulls (tests shorten waits). */
  http?: Partial<HttpOptions>;
}

export async function createEngine(opts: EngineOptions = {}): Promise<EngineHost> {
  // What a killed process left in the temp folder (zip entries, UTF-8 copies, spill files of read-only cases).
  await Promise.all([sweepStaleTempDirs(ZIP_PREFIX), sweepStaleTempDirs(SPILL_PREFIX), sweepStaleTempDirs(CONVERT_PREFIX)]);
  const emitter = new EventEmitter();
  const dataDir = opts.dataDir ?? defaultDataDir();
  const recent = new RecentCases(dataDir);
  let current: Case | null = null;
  const jobs = new Map<string, AbortController>();
  const emit = <E extends ApiEventName>(e: E, payload: AuditEvents[E]): void => {
    emitter.emit(e, payload);
  };
  const ctx: EngineContext = {
    get current() {
      return current;
    },
    need() {
      if (!current) throw new EngineError('no-case', 'no case is open');
      return current;
    },
    async open(path: string, create: boolean): Promise<CaseInfo> {
      if (jobs.size > 0) throw new EngineError('busy', 'an import is running; cancel it or wait before switching cases');
      const next = await Case.open(path, {
        create,
        ...(opts.readOnly ? { readOnly: true } : {}),
        ...(opts.queryTimeoutMs ? { queryTimeoutMs: opts.queryTimeoutMs } : {}),
      });
      current?.close();
      current = next;
      recent.add(path);
      const info = await caseInfo(next);
      emit('case-changed', info);
      return info;
    },
    close() {
      current?.close();
      current = null;
    },
    emit,
    jobs,
    dataDir,
    demoPath: opts.demoPath ?? join(dataDir, 'demo', 'demo.duckdb'),
    ...(opts.buildDemo ? { buildDemo: opts.buildDemo } : {}),
    recentList: () => recent.list(),
  };
  if (opts.casePath) await ctx.open(opts.casePath, opts.create ?? false);

  return {
    get current() {
      return current;
    },
    on(event, listener) {
      emitter.on(event, listener as (p: unknown) => void);
      return () => emitter.off(event, listener as (p: unknown) => void);
    },
    async dispose() {
      for (const a of jobs.values()) a.abort();
      ctx.close();
    },
    ...caseApi(ctx),
    ...importApi(ctx),
    ...queryApi(ctx),
    ...sessionApi(ctx),
    ...timelineApi(ctx),
    ...annotateApi(ctx),
    ...custodyApi(ctx),
    ...mappingApi(ctx),
    ...collectApi(ctx, {
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.http ? { http: opts.http } : {}),
    }),
    ...exportApi(ctx),
  };
}
