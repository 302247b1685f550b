import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ReportRequest, ReportSummary } from '../../../../preload/api.ts';
import type { Case } from '../../case/case.ts';
import { appendCustody } from '../../custody/append.ts';
import { EngineError } from '../../errors.ts';
import { checkNewFile, hashFile } from '../../output-file.ts';
import { checkTag } from '../../annotate/validate.ts';
import { gatherReport } from './gather.ts';
import { reportHtml } from './html.ts';

/** Writes the report beside its target, renames it into place and logs it with its SHA-256. */
export async function writeReport(c: Case, req: ReportRequest, author: string): Promise<ReportSummary> {
  const started = performance.now();
  if (typeof req !== 'object' || req === null) throw new EngineError('bad-input', 'writeReport takes a report request');
  const target = await checkNewFile(req.path, 'Report');
  if (req.title !== undefined && (typeof req.title !== 'string' || req.title.length > 200)) throw new EngineError('bad-input', 'a report title is text of at most 200 characters');
  const tag = req.tag === undefined ? undefined : checkTag(req.tag);
  const masked = req.keepSecrets !== true;
  const data = await gatherReport(c, { ...(req.title ? { title: req.title } : {}), ...(tag ? { tag } : {}), author, masked });
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  try {
    await writeFile(partial, reportHtml(data), { flag: 'wx' });
    const h = await hashFile(partial);
    await rename(partial, target);
    await c.write((db) =>
      appendCustody(db, 'report', { path: target, events: data.events.length, bytes: h.bytes, sha256: h.sha256, secrets: masked ? 'masked' : 'kept', ...(tag ? { tag } : {}) }, author),
    );
    return { path: target, events: data.events.length, bytes: h.bytes, sha256: h.sha256, elapsedMs: Math.round(performance.now() - started) };
  } catch (e) {
    await rm(partial, { force: true });
    if (e instanceof EngineError) throw e;
    throw new EngineError('refused', `Report to ${target} failed: ${(e as Error).message.split('\n')[0]}`, { file: target });
  }
}
