import type { CollectorId, PullRow, PullScope, PullStatus, PullWindowInfo } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import type { Db } from '../db.ts';
import { num } from '../db.ts';
import type { MappingPack } from '../packs/types.ts';
import { TOOL_VERSION } from '../version.ts';
import type { PageRequest, PullWindow } from './types.ts';

/** The `pulls` rows: what was asked, where it stands, where to resume. */

export interface PullCursor {
  /** The window the next request belongs to, and that request (null: start the window afresh). */
  window: number;
  request: PageRequest | null;
}

export interface StoredPull {
  id: number;
  sourceId: number;
  batchId: number;
  vendor: CollectorId;
  baseUrl: string;
  scope: PullScope;
  scopeKey: string;
  from: string;
  to: string;
  windows: PullWindow[];
  status: PullStatus;
  cursor: PullCursor | null;
  pages: number;
  events: number;
  duplicates: number;
  requests: number;
  retries: number;
  message: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

function parseJson<T>(v: unknown, dflt: T): T {
  if (v == null) return dflt;
  try {
    return JSON.parse(String(v)) as T;
  } catch {
    return dflt;
  }
}

function rowToPull(r: Record<string, unknown>): StoredPull {
  return {
    id: num(r.id), sourceId: num(r.source_id), batchId: num(r.batch_id), vendor: String(r.vendor) as CollectorId,
    baseUrl: String(r.base_url), scope: parseJson<PullScope>(r.scope, {}), scopeKey: String(r.scope_key),
    from: iso(r.range_from), to: iso(r.range_to), windows: parseJson<PullWindow[]>(r.windows, []),
    status: String(r.status) as PullStatus, cursor: parseJson<PullCursor | null>(r.cursor, null),
    pages: num(r.pages), events: num(r.events), duplicates: num(r.duplicates), requests: num(r.requests), retries: num(r.retries),
    message: r.message == null ? null : String(r.message), startedAt: iso(r.started_at), updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at == null ? null : iso(r.finished_at),
  };
}

export async function loadPull(db: Db, id: number): Promise<StoredPull | undefined> {
  const r = await db.one<Record<string, unknown>>('SELECT * FROM pulls WHERE id = $id', { id });
  return r ? rowToPull(r) : undefined;
}

/** The latest unfinished pull with this scope and start (and end, when one was given). */
export async function findUnfinished(db: Db, scopeKey: string, fromIso: string, toIso: string | null): Promise<StoredPull | undefined> {
  const r = await db.one<Record<string, unknown>>(
    `SELECT * FROM pulls WHERE scope_key = $k AND range_from = $f::TIMESTAMPTZ AND ($t IS NULL OR range_to = $t::TIMESTAMPTZ)
       AND status <> 'complete' ORDER BY id DESC LIMIT 1`,
    { k: scopeKey, f: fromIso, t: toIso },
  );
  return r ? rowToPull(r) : undefined;
}

export async function listStoredPulls(db: Db): Promise<StoredPull[]> {
  const rows = await db.all<Record<string, unknown>>('SELECT * FROM pulls ORDER BY id');
  return rows.map(rowToPull);
}

export function toPullRow(p: StoredPull, live: boolean): PullRow {
  const windows: PullWindowInfo[] = p.windows.map((w) => ({ from: w.from, to: w.to, state: w.state, ...(w.reason ? { reason: w.reason } : {}) }));
  return {
    id: p.id, vendor: p.vendor, sourceId: p.sourceId, batchId: p.batchId, baseUrl: p.baseUrl, scope: p.scope, scopeKey: p.scopeKey,
    from: p.from, to: p.to, status: p.status, interrupted: p.status === 'running' && !live, pages: p.pages, events: p.events,
    duplicates: p.duplicates, requests: p.requests, message: p.message, startedAt: p.startedAt, updatedAt: p.updatedAt,
    finishedAt: p.finishedAt, windows,
  };
}

/** The source a pull's events belong to: one per vendor account (tenant). */
export async function apiSource(db: Db, pack: MappingPack, tenant: string): Promise<number> {
  const existing = await db.value('SELECT id FROM sources WHERE vendor = $v AND tenant = $t ORDER BY id LIMIT 1', { v: pack.id, t: tenant });
  if (existing !== undefined) return num(existing);
  return num(await db.value('INSERT INTO sources (vendor, label, tenant) VALUES ($v, $l, $t) RETURNING id', { v: pack.id, l: pack.label, t: tenant }));
}

/** SHA-256 of no bytes: an API batch's hash before its first page. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface NewPull {
  vendor: CollectorId;
  baseUrl: string;
  scope: PullScope;
  scopeKey: string;
  tenant: string;
  from: string;
  to: string;
  windows: PullWindow[];
  origin: string;
  pack: MappingPack;
}

/** Creates the source (if new), the pull's batch and the pull, in one transaction. */
export async function createPull(c: Case, n: NewPull): Promise<StoredPull> {
  const db = c.db;
  await db.run('BEGIN TRANSACTION');
  try {
    const sourceId = await apiSource(db, n.pack, n.tenant);
    const now = new Date().toISOString();
    const batchId = num(
      await db.value(
        `INSERT INTO batches (source_id, method, origin, format, sha256, bytes, started_at, finished_at, row_count, event_count,
           duplicate_count, reject_count, tool_version, pack, pack_version, mapping, assumed_tz)
         VALUES ($src, 'api', $origin, 'api-json', $sha, 0, $now, $now, 0, 0, 0, 0, $tool, $pack, $pv, $mapping, 'UTC') RETURNING id`,
        { src: sourceId, origin: n.origin, sha: EMPTY_SHA256, now, tool: TOOL_VERSION, pack: n.pack.id, pv: n.pack.version, mapping: JSON.stringify(n.pack) },
      ),
    );
    const id = num(
      await db.value(
        `INSERT INTO pulls (source_id, batch_id, vendor, base_url, scope, scope_key, range_from, range_to, windows, status, cursor,
           started_at, updated_at, tool_version)
         VALUES ($src, $batch, $vendor, $base, $scope, $key, $from, $to, $windows, 'running', NULL, $now, $now, $tool) RETURNING id`,
        {
          src: sourceId, batch: batchId, vendor: n.vendor, base: n.baseUrl, scope: JSON.stringify(n.scope), key: n.scopeKey,
          from: n.from, to: n.to, windows: JSON.stringify(n.windows), now, tool: TOOL_VERSION,
        },
      ),
    );
    await c.logCustody('pull-started', {
      pull_id: id, batch_id: batchId, vendor: n.vendor, base_url: n.baseUrl, scope: n.scope, from: n.from, to: n.to,
      windows: n.windows.length, pack_version: n.pack.version,
    });
    await db.run('COMMIT');
    const p = await loadPull(db, id);
    if (!p) throw new Error('pull row vanished');
    return p;
  } catch (e) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export async function markRunning(c: Case, p: StoredPull): Promise<void> {
  await c.db.run("UPDATE pulls SET status = 'running', message = NULL, updated_at = now() WHERE id = $id", { id: p.id });
  await c.logCustody('pull-resumed', { pull_id: p.id, batch_id: p.batchId, vendor: p.vendor, from_status: p.status, pages_before: p.pages });
}

export async function finishPull(
  c: Case,
  p: StoredPull,
  status: PullStatus,
  message: string | null,
  /** Totals over every run of this pull. */
  counters: { requests: number; retries: number },
): Promise<void> {
  await c.db.run(
    `UPDATE pulls SET status = $s, message = $m, requests = $rq, retries = $rt, updated_at = now(),
       finished_at = CASE WHEN $s = 'complete' THEN now() ELSE finished_at END WHERE id = $id`,
    { s: status, m: message, rq: counters.requests, rt: counters.retries, id: p.id },
  );
  const row = await loadPull(c.db, p.id);
  const batch = await c.db.one<{ sha256: string; bytes: bigint }>('SELECT sha256, bytes FROM batches WHERE id = $b', { b: p.batchId });
  await c.logCustody('pull-finished', {
    pull_id: p.id, batch_id: p.batchId, vendor: p.vendor, status, message, pages: row?.pages ?? 0, events: row?.events ?? 0,
    duplicates: row?.duplicates ?? 0, requests: row?.requests ?? 0, sha256: batch?.sha256 ?? null, bytes: num(batch?.bytes),
  });
}
