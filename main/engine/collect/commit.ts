import type { Case } from '../case/case.ts';
import { insertStaged } from '../import/insert-staged.ts';
import type { Limits } from '../import/limits.ts';
import { createPageStage, stagePages, type RecordsPath } from '../import/stage-pages.ts';
import { dropStage } from '../import/stage.ts';
import type { MappingPack } from '../packs/types.ts';
import type { PullCursor, StoredPull } from './store.ts';
import type { PullWindow } from './types.ts';

/** A fetched page waiting in a temp file for its group's commit. */
export interface PendingPage {
  seq: number;
  windowIndex: number;
  role: 'events' | 'index' | 'detail';
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  status: number;
  responseHeaders: Record<string, string>;
  sha256: string;
  bytes: number;
  fetchedAt: Date;
  elapsedMs: number;
  attempts: number;
  records: number;
  /** The body as it is stored (our own credential cut out of it when the server echoed it). */
  file: string;
  bodyRedacted: boolean;
  storedSha256: string;
  /** Where its events are, or null for a page that is kept but not mapped (a listing of details). */
  recordsPath: RecordsPath | null;
}

/**
 * The importer's mapping for a pull's page groups: the file importer's insert (`insertStaged`),
 * planned for each group after it is staged, over a stage made once per pull.
 */
export class PageMapper {
  private constructor(
    private readonly pack: MappingPack,
    private readonly ids: { batchId: number; sourceId: number },
  ) {}

  static async open(c: Case, pack: MappingPack, ids: { batchId: number; sourceId: number }): Promise<PageMapper> {
    await createPageStage(c.db);
    return new PageMapper(pack, ids);
  }

  /** Maps what is staged now. Records a page holds as JSON strings (kept verbatim as raw) are read through. */
  run(c: Case, o: { stagedRows: number }): Promise<{ inserted: number; total: number }> {
    return insertStaged(c.db, this.pack, { ...this.ids, tz: 'UTC', stagedRows: o.stagedRows, stringRecords: true });
  }

  async close(c: Case): Promise<void> {
    await dropStage(c.db).catch(() => undefined);
  }
}

export interface GroupCommit {
  pull: StoredPull;
  mapper: PageMapper;
  pages: PendingPage[];
  cursor: PullCursor | null;
  windows: PullWindow[];
  /** Windows this group finished completely, with their page and record counts. */
  covered: { window: PullWindow; pages: number; records: number }[];
  requests: number;
  retries: number;
  limits: Limits;
}

export interface GroupResult {
  inserted: number;
  duplicates: number;
  rejects: number;
}

/**
 * Commits a group of pages in one transaction, through the importer's own staging and mapping:
 * the page rows (request, status, hash, size, time, body), their events, rejects, the batch's
 * counts and manifest hash, the pull's resume cursor, and the coverage of finished windows.
 * Either all of it is in the case, or none of it (a kill -9 loses only this group, which the
 * resume fetches again from the cursor committed before it).
 */
export async function commitGroup(c: Case, g: GroupCommit): Promise<GroupResult> {
  const db = c.db;
  const { pull } = g;
  await db.run('BEGIN TRANSACTION');
  try {
    for (const p of g.pages) {
      await db.run(
        `INSERT INTO pages (pull_id, batch_id, seq, window_index, role, method, url, request_headers, request_body, status,
           response_headers, sha256, bytes, fetched_at, elapsed_ms, attempts, records, body, body_redacted, stored_sha256)
         SELECT $pull, $batch, $seq, $win, $role, $method, $url, $rqh, $rqb, $status, $rsh, $sha, $bytes, $at, $ms, $att, $rec,
           content, $red, $ssha FROM read_blob($file)`,
        {
          pull: pull.id, batch: pull.batchId, seq: p.seq, win: p.windowIndex, role: p.role, method: p.method, url: p.url,
          rqh: JSON.stringify(p.requestHeaders), rqb: p.requestBody, status: p.status, rsh: JSON.stringify(p.responseHeaders),
          sha: p.sha256, bytes: p.bytes, at: p.fetchedAt.toISOString(), ms: p.elapsedMs, att: p.attempts, rec: p.records,
          red: p.bodyRedacted, ssha: p.storedSha256, file: p.file,
        },
      );
    }
    let inserted = 0;
    let duplicates = 0;
    let rejects = 0;
    let rows = 0;
    const paths = [...new Set(g.pages.map((p) => p.recordsPath).filter((r): r is RecordsPath => r !== null))];
    for (const path of paths) {
      const files = g.pages.filter((p) => p.recordsPath === path).map((p) => ({ path: p.file, label: `page ${p.seq}` }));
      const staged = await stagePages(db, files, path, g.limits);
      const r = await g.mapper.run(c, { stagedRows: staged.rows });
      await db.run('INSERT INTO rejects (batch_id, locator, reason, excerpt) SELECT $b, locator, reason, excerpt FROM al_rejects', { b: pull.batchId });
      inserted += r.inserted;
      duplicates += r.total - r.inserted;
      rejects += staged.rejects;
      rows += staged.rows + staged.rejects;
    }
    // The batch's hash covers every page: SHA-256 of the pages' SHA-256 values, one per line, in page order.
    await db.run(
      `UPDATE batches SET
         sha256 = (SELECT sha256(string_agg(sha256, chr(10) ORDER BY seq)) FROM pages WHERE batch_id = $b),
         bytes = (SELECT coalesce(sum(bytes), 0) FROM pages WHERE batch_id = $b),
         finished_at = now(), row_count = row_count + $rows, event_count = event_count + $ev,
         duplicate_count = duplicate_count + $dup, reject_count = reject_count + $rej
       WHERE id = $b`,
      { b: pull.batchId, rows, ev: inserted, dup: duplicates, rej: rejects },
    );
    await db.run(
      `UPDATE pulls SET cursor = $cursor, windows = $windows, pages = pages + $pages, events = events + $ev,
         duplicates = duplicates + $dup, requests = $rq, retries = $rt, updated_at = now() WHERE id = $id`,
      {
        cursor: g.cursor ? JSON.stringify(g.cursor) : null, windows: JSON.stringify(g.windows), pages: g.pages.length, ev: inserted,
        dup: duplicates, rq: g.requests, rt: g.retries, id: pull.id,
      },
    );
    for (const cv of g.covered) {
      await db.run(
        `INSERT INTO coverage (source_id, scope_key, pull_id, range_from, range_to, pages, records, completed_at)
         VALUES ($s, $k, $p, $f, $t, $n, $r, now())`,
        { s: pull.sourceId, k: pull.scopeKey, p: pull.id, f: cv.window.from, t: cv.window.to, n: cv.pages, r: cv.records },
      );
    }
    await db.run('COMMIT');
    return { inserted, duplicates, rejects };
  } catch (e) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
