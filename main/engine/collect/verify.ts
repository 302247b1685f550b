import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { VerifyItem, VerifyReport } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { num } from '../db.ts';

/**
 * `auditlens verify`: re-hashes what the case says it read. Files are hashed again where they
 * still are (a changed file is a mismatch; one that is gone is reported missing, not failed);
 * every stored page body is hashed again and compared with the hash taken when it arrived; each
 * pull's batch hash is recomputed from its pages. The run is recorded in the custody log.
 */

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export async function verifyCase(c: Case): Promise<VerifyReport> {
  const problems: VerifyItem[] = [];
  const files = { checked: 0, ok: 0, mismatched: 0, missing: 0 };
  const pages = { checked: 0, ok: 0, mismatched: 0 };

  const batches = await c.db.all<{ id: number; origin: string; sha256: string; container: string | null; container_sha256: string | null }>(
    "SELECT id, origin, sha256, container, container_sha256 FROM batches WHERE method = 'file' ORDER BY id",
  );
  const hashed = new Map<string, string>();
  for (const b of batches) {
    const path = b.container ?? b.origin;
    const expected = b.container ? b.container_sha256 : b.sha256;
    files.checked++;
    if (!isAbsolute(path) || !existsSync(path) || !expected) {
      files.missing++;
      problems.push({ kind: 'file', batchId: num(b.id), what: path, state: 'missing', detail: isAbsolute(path) ? 'the file is no longer at this path' : 'not a file on this machine (an upload); its hash stays as recorded' });
      continue;
    }
    let got = hashed.get(path);
    if (got === undefined) {
      got = await hashFile(path);
      hashed.set(path, got);
    }
    if (got === expected) files.ok++;
    else {
      files.mismatched++;
      problems.push({ kind: 'file', batchId: num(b.id), what: path, state: 'mismatch', detail: `sha256 is now ${got}, the case recorded ${expected}` });
    }
  }

  const rows = await c.db.all<{ id: bigint; batch_id: number; seq: number; sha256: string; stored_sha256: string; body_redacted: boolean; h: string; n: bigint; bytes: bigint }>(
    'SELECT id, batch_id, seq, sha256, stored_sha256, body_redacted, sha256(body) AS h, octet_length(body) AS n, bytes FROM pages ORDER BY id',
  );
  for (const r of rows) {
    pages.checked++;
    const what = `page ${r.seq} of batch ${num(r.batch_id)}`;
    const bad = r.h !== r.stored_sha256 || (!r.body_redacted && (r.sha256 !== r.stored_sha256 || num(r.n) !== num(r.bytes)));
    if (bad) {
      pages.mismatched++;
      problems.push({ kind: 'page', batchId: num(r.batch_id), pageId: num(r.id), what, state: 'mismatch', detail: `stored body hashes to ${r.h}; recorded ${r.stored_sha256}` });
    } else {
      pages.ok++;
      if (r.body_redacted) {
        problems.push({ kind: 'page', batchId: num(r.batch_id), pageId: num(r.id), what, state: 'redacted', detail: `the server echoed the pull's credential; it was cut out before storing (received sha256 ${r.sha256}, stored ${r.stored_sha256})` });
      }
    }
  }

  const pulls = await c.db.all<{ id: number; sha256: string; h: string | null }>(
    `SELECT b.id, b.sha256, (SELECT sha256(string_agg(p.sha256, chr(10) ORDER BY p.seq)) FROM pages p WHERE p.batch_id = b.id) AS h
     FROM batches b WHERE b.method = 'api' ORDER BY b.id`,
  );
  for (const p of pulls) {
    if (p.h !== null && p.h !== p.sha256) {
      problems.push({ kind: 'pull', batchId: num(p.id), what: `batch ${num(p.id)}`, state: 'mismatch', detail: `the pages hash to ${p.h}; the batch recorded ${p.sha256}` });
    }
  }
  const ok = files.mismatched === 0 && pages.mismatched === 0 && !problems.some((p) => p.kind === 'pull');
  await c.logCustody('verify', { files, pages, ok, problems: problems.filter((p) => p.state === 'mismatch').length });
  return { files, pages, problems, ok };
}
