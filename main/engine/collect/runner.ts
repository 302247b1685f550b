import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullProgress, PullRequest, PullStatus, PullSummary } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { num } from '../db.ts';
import { EngineError, toApiError } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../import/limits.ts';
import { withStoredMapping } from '../mapping/store.ts';
import { packById } from '../packs/registry.ts';
import type { MappingPack } from '../packs/types.ts';
import { commitGroup, PageMapper, type PendingPage } from './commit.ts';
import { mergeRanges } from './coverage.ts';
import { fetchPage, stashPage } from './fetch-page.ts';
import { HttpClient, RemoteError, type HttpEvent, type HttpOptions } from './http/client.ts';
import { Secrets } from './http/redact.ts';
import { resolvePull } from './request.ts';
import { createPull, finishPull, findUnfinished, loadPull, markRunning, type PullCursor, type StoredPull } from './store.ts';
import type { PageRequest, PullWindow, VendorCtx, VendorDef } from './types.ts';
import { vendorById } from './vendors/index.ts';
import { planWindows } from './windows.ts';

/**
 * Runs a pull: plans its windows, fetches page after page through the one HTTP layer, and
 * commits pages in groups (commit.ts) with the cursor of the next request, so an interrupted
 * pull resumes exactly after the last committed page: no duplicates, no gaps.
 */

export interface GroupLimits {
  /** Commit once a group holds this many records, bytes or pages, or is this old. */
  records: number;
  bytes: number;
  pages: number;
  ms: number;
}

const DEFAULT_GROUP: GroupLimits = { records: 5000, bytes: 16 * 1024 * 1024, pages: 200, ms: 1000 };

export interface RunPullOptions {
  credential: string;
  /** Continue this pull instead of starting from the request. */
  resumeId?: number;
  jobId?: string;
  signal?: AbortSignal;
  onProgress?: (p: PullProgress) => void;
  http?: Partial<HttpOptions>;
  env?: Record<string, string | undefined>;
  now?: () => number;
  group?: Partial<GroupLimits>;
  limits?: Partial<Limits>;
}

function envGroup(env: Record<string, string | undefined>): Partial<GroupLimits> {
  // A tuning knob (and what tests use to commit after every page).
  const n = Number(env.AUDITLENS_PULL_COMMIT_PAGES);
  return Number.isInteger(n) && n > 0 ? { pages: n } : {};
}

/** The mapping a pull uses: the investigator's corrected one for the vendor's pack if the case holds one. */
async function pullPack(c: Case, vendor: VendorDef): Promise<MappingPack> {
  const p = packById(vendor.id);
  if (!p) throw new EngineError('internal', `no mapping pack for ${vendor.id}`);
  return withStoredMapping(c.db, p);
}

function statusFor(e: unknown): { status: PullStatus; message: string } {
  const err = toApiError(e);
  if (err.code === 'cancelled') return { status: 'cancelled', message: 'cancelled; resume to continue from the last committed page' };
  if (e instanceof RemoteError && e.kind === 'status' && e.status !== undefined && e.status < 500) return { status: 'failed', message: err.message };
  if (e instanceof RemoteError && e.kind !== 'refused-url') return { status: 'stopped', message: `${err.message}; resume to continue` };
  return { status: 'failed', message: err.message };
}

export async function runPull(c: Case, req: PullRequest | null, opts: RunPullOptions): Promise<PullSummary> {
  c.assertWritable('Pulling from an API');
  const now = opts.now ?? Date.now;
  const env = opts.env ?? process.env;
  const jobId = opts.jobId ?? randomUUID();
  const secrets = new Secrets();
  secrets.add(opts.credential);
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const groupLimits: GroupLimits = { ...DEFAULT_GROUP, ...envGroup(env), ...opts.group };

  let pull: StoredPull;
  let resumed = false;
  let vendor: VendorDef;
  let pageSize: number;
  if (opts.resumeId !== undefined) {
    const p = await loadPull(c.db, opts.resumeId);
    if (!p) throw new EngineError('not-found', `no pull #${opts.resumeId} in this case`);
    const v = vendorById(p.vendor);
    if (!v) throw new EngineError('internal', `no collector for ${p.vendor}`);
    vendor = v;
    pull = p;
    resumed = true;
    pageSize = Math.min(req?.pageSize ?? vendor.defaultPageSize, vendor.maxPageSize);
  } else {
    if (!req) throw new EngineError('bad-input', 'no pull request');
    const r = resolvePull(req, now());
    vendor = r.vendor;
    pageSize = r.pageSize;
    const existing = req.restart ? undefined : await findUnfinished(c.db, r.scopeKey, new Date(r.fromMs).toISOString(), r.explicitTo ? new Date(r.toMs).toISOString() : null);
    if (existing) {
      pull = existing;
      resumed = true;
    } else {
      const windows = r.scope.eventId
        ? [{ index: 0, from: new Date(now()).toISOString(), to: new Date(now()).toISOString(), state: 'pending' as const, reason: `event ${r.scope.eventId}` }]
        : planWindows(r.fromMs, r.toMs, vendor.windows, now());
      const pack = await pullPack(c, vendor);
      pull = await createPull(c, {
        vendor: vendor.id, baseUrl: r.baseUrl, scope: r.scope, scopeKey: r.scopeKey, tenant: r.tenant,
        from: new Date(r.fromMs).toISOString(), to: new Date(Math.min(r.toMs, now())).toISOString(), windows,
        origin: `${vendor.label} API ${r.baseUrl} (${r.scopeKey.split(' ').slice(2).join(' ') || 'all'}) ${windows[0]?.from ?? ''} – ${windows[windows.length - 1]?.to ?? ''}`,
        pack,
      });
    }
  }
  if (resumed && pull.status === 'complete') return summarize(c, pull, jobId, true, 0, 0, 0);
  if (resumed) await markRunning(c, pull);
  const pack = await pullPack(c, vendor);

  const windows: PullWindow[] = pull.windows.map((w) => (w.state === 'incomplete' ? { ...w, state: 'pending', reason: undefined } as PullWindow : { ...w }));
  let cursor: PullCursor | null = pull.cursor;
  let seq = num(await c.db.value('SELECT coalesce(max(seq), 0) FROM pages WHERE pull_id = $p', { p: pull.id }));
  const baseRequests = pull.requests;
  const baseRetries = pull.retries;
  const stats = { pages: pull.pages, events: pull.events, duplicates: pull.duplicates, rejects: 0, retries: 0, waits: 0 };
  const started = now();
  let eventsThisRun = 0;
  let phase: PullProgress['phase'] = 'fetching';
  let current: PullWindow | null = null;
  let last: PullProgress['last'] = null;
  let lastEmit = 0;

  const emit = (force = false): void => {
    const t = now();
    if (!force && t - lastEmit < 100) return;
    lastEmit = t;
    opts.onProgress?.({
      jobId, pullId: pull.id, vendor: vendor.id, phase, pages: stats.pages + group.pages.length, events: stats.events,
      duplicates: stats.duplicates, requests: baseRequests + http.requestsSent,
      eventsPerSecond: Math.round(eventsThisRun / Math.max(0.001, (t - started) / 1000)),
      window: current ? { index: current.index, count: windows.length, from: current.from, to: current.to } : null,
      retries: stats.retries, waits: stats.waits, last,
    });
  };
  const onHttp = (e: HttpEvent): void => {
    if (e.type === 'request') return;
    if (e.type === 'retry') stats.retries++;
    else stats.waits++;
    last = { type: e.type, reason: e.reason, waitMs: e.waitMs, at: new Date(now()).toISOString() };
    phase = e.type === 'wait' ? 'waiting' : 'fetching';
    emit(true);
  };
  const http = new HttpClient(
    { env, ...opts.http, ...(req?.maxRequests ? { budget: req.maxRequests } : {}) },
    secrets,
    vendor.rateLimit,
    onHttp,
    opts.signal,
  );
  const auth = vendor.auth(opts.credential, { http, secrets, baseUrl: pull.baseUrl, scope: pull.scope, now });
  const dir = mkdtempSync(join(tmpdir(), 'auditlens-pull-'));
  const mapper = await PageMapper.open(c, pack, { batchId: pull.batchId, sourceId: pull.sourceId });

  const group = { pages: [] as PendingPage[], covered: [] as { window: PullWindow; pages: number; records: number }[], records: 0, bytes: 0, since: 0, cursor: cursor };
  const flush = async (): Promise<void> => {
    if (group.pages.length === 0 && group.covered.length === 0) return;
    phase = 'committing';
    emit(true);
    const r = await commitGroup(c, {
      pull, mapper, pages: group.pages, cursor: group.cursor, windows, covered: group.covered,
      requests: baseRequests + http.requestsSent, retries: baseRetries + stats.retries, limits,
    });
    for (const p of group.pages) rmSync(p.file, { force: true });
    stats.pages += group.pages.length;
    stats.events += r.inserted;
    stats.duplicates += r.duplicates;
    stats.rejects += r.rejects;
    eventsThisRun += r.inserted;
    group.pages = [];
    group.covered = [];
    group.records = 0;
    group.bytes = 0;
    await c.eventsChanged();
    phase = 'fetching';
    emit(true);
  };

  let status: PullStatus = 'complete';
  let message: string | null = null;
  try {
    for (const w of windows) {
      if (w.state !== 'pending') continue;
      current = w;
      const ctx: VendorCtx = { baseUrl: pull.baseUrl, scope: pull.scope, pageSize, window: w };
      const start = pull.scope.eventId && vendor.one ? vendor.one(ctx, pull.scope.eventId) : vendor.first(ctx);
      let next: PageRequest | null = cursor && cursor.window === w.index && cursor.request ? cursor.request : start;
      cursor = null;
      const prior = await c.db.one<{ n: bigint; r: bigint | null }>(
        'SELECT count(*) AS n, sum(records) AS r FROM pages WHERE pull_id = $p AND window_index = $w',
        { p: pull.id, w: w.index },
      );
      let winPages = num(prior?.n);
      let winRecords = num(prior?.r);
      emit(true);
      while (next) {
        if (opts.signal?.aborted) throw new EngineError('cancelled', 'pull cancelled');
        if (seq === 0 && winPages === 0) phase = 'authenticating';
        const fetched = await fetchPage(vendor, http, auth, next, secrets);
        phase = 'fetching';
        const step = vendor.next(ctx, fetched.page);
        const unit = [fetched];
        for (const d of step.details ?? []) unit.push(await fetchPage(vendor, http, auth, d, secrets));
        for (const f of unit) {
          const p = stashPage(f, { seq: ++seq, windowIndex: w.index, dir, vendor, secrets });
          group.pages.push(p);
          group.records += p.records;
          group.bytes += p.bytes;
          winPages++;
          winRecords += p.records;
        }
        if (group.pages.length === unit.length) group.since = now();
        if (!step.next) {
          if (step.incomplete) {
            w.state = 'incomplete';
            w.reason = step.incomplete;
          } else {
            w.state = 'done';
            // One event by id says nothing about a time range.
            if (!pull.scope.eventId) group.covered.push({ window: w, pages: winPages, records: winRecords });
          }
        }
        group.cursor = step.next ? { window: w.index, request: step.next } : { window: w.index + 1, request: null };
        next = step.next;
        if (
          group.records >= groupLimits.records || group.bytes >= groupLimits.bytes || group.pages.length >= groupLimits.pages ||
          now() - group.since >= groupLimits.ms
        ) {
          await flush();
        }
        emit();
      }
    }
    await flush();
    const incomplete = windows.filter((w) => w.state === 'incomplete');
    if (incomplete.length) {
      status = 'incomplete';
      message = `${incomplete.length} window(s) could not be pulled completely: ${incomplete.map((w) => `${w.from} – ${w.to}: ${w.reason ?? ''}`).join('; ')}`;
    }
  } catch (e) {
    ({ status, message } = statusFor(e));
    try {
      await flush();
    } catch (e2) {
      message += `; the last ${group.pages.length} fetched page(s) could not be committed (${toApiError(e2).message}) and will be fetched again on resume`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await mapper.close(c);
    await http.close();
  }
  message = message === null ? null : secrets.redact(message);
  await finishPull(c, pull, status, message, { requests: baseRequests + http.requestsSent, retries: baseRetries + stats.retries });
  phase = 'done';
  current = null;
  emit(true);
  const done = (await loadPull(c.db, pull.id)) ?? pull;
  return summarize(c, done, jobId, resumed, stats.rejects, stats.retries, stats.waits);
}

async function summarize(c: Case, p: StoredPull, jobId: string, resumed: boolean, rejects: number, retries: number, waits: number): Promise<PullSummary> {
  const cov = await c.db.all<{ f: Date; t: Date }>('SELECT range_from AS f, range_to AS t FROM coverage WHERE pull_id = $p ORDER BY range_from', { p: p.id });
  return {
    jobId, pullId: p.id, vendor: p.vendor, status: p.status, resumed, pages: p.pages, events: p.events, duplicates: p.duplicates,
    rejects, requests: p.requests, retries, waits,
    windows: p.windows.map((w) => ({ from: w.from, to: w.to, state: w.state, ...(w.reason ? { reason: w.reason } : {}) })),
    coverage: mergeRanges(cov.map((r) => ({ from: new Date(r.f).toISOString(), to: new Date(r.t).toISOString() }))),
    message: p.message,
  };
}

