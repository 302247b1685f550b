import { randomUUID } from 'node:crypto';
import type { AuditApi, MappingApi, RemapSummary } from '../../../preload/api.ts';
import { AuthorSetting } from '../annotate/author.ts';
import { caseInfo } from '../case/api.ts';
import type { Case } from '../case/case.ts';
import { wrap, type EngineContext } from '../context.ts';
import type { Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import type { MappingPack } from '../packs/types.ts';
import { currentMapping, editedPack, asSourceMapping, sourceIdOf, type CurrentMapping } from './current.ts';
import { sourceSamples, withDetectRule } from './derive-detect.ts';
import { packFileText } from './pack-file.ts';
import { previewMapping } from './preview.ts';
import { remapSource, type RemapOptions } from './remap.ts';
import { requireValid } from './validate.ts';

const PREVIEW_DEFAULT = 12;
const PREVIEW_MAX = 50;

function obj(q: unknown): Record<string, unknown> {
  if (typeof q !== 'object' || q === null) throw new EngineError('bad-input', 'expected an object');
  return q as Record<string, unknown>;
}

/** The pack an edit makes of the source's mapping, checked; for a generic source with its detection rule. */
export async function editedMapping(db: Db, cur: CurrentMapping, edit: unknown): Promise<MappingPack> {
  const pack = await requireValid(db, editedPack(cur.pack, edit as never), 'mapping');
  return pack.id === 'generic' ? withDetectRule(pack, await sourceSamples(db, cur.source.id)) : pack;
}

/** Applies a checked mapping to a source: remap, invalidate what is derived from the events, announce. */
export async function applyToSource(
  c: Case,
  cur: CurrentMapping,
  pack: MappingPack,
  o: Pick<RemapOptions, 'author' | 'signal' | 'onProgress'> & { remapId?: string },
): Promise<RemapSummary> {
  const summary = await remapSource(c.db, { ...o, remapId: o.remapId ?? randomUUID(), source: cur.source, old: cur.pack, pack });
  if (!summary.cancelled) await c.eventsChanged();
  return summary;
}

/** The mapping editor: a source's mapping, a preview on its own records, and applying it in place. */
export function mappingApi(ctx: EngineContext) {
  return {
    getMapping: (q) =>
      wrap(async () => {
        const db = ctx.need().reader;
        const cur = await currentMapping(db, sourceIdOf(q));
        return asSourceMapping(cur, await sourceSamples(db, cur.source.id));
      }),
    previewMapping: (q) =>
      wrap(async () => {
        const c = ctx.need();
        const cur = await currentMapping(c.reader, sourceIdOf(q));
        const n = obj(q).limit;
        const limit = typeof n === 'number' && Number.isInteger(n) && n > 0 ? Math.min(n, PREVIEW_MAX) : PREVIEW_DEFAULT;
        return previewMapping(c.reader, cur.source.id, editedPack(cur.pack, obj(q).mapping as never), limit);
      }),
    applyMapping: (q) =>
      wrap(async () => {
        const c = ctx.need();
        if (ctx.jobs.size > 0) throw new EngineError('busy', 'an import or another remap is running; wait for it or cancel it');
        const cur = await currentMapping(c.db, sourceIdOf(q));
        const pack = await editedMapping(c.db, cur, obj(q).mapping);
        const remapId = randomUUID();
        const ac = new AbortController();
        ctx.jobs.set(remapId, ac);
        try {
          const summary = await applyToSource(c, cur, pack, {
            remapId,
            author: await new AuthorSetting(ctx.dataDir).get(),
            signal: ac.signal,
            onProgress: (p) => ctx.emit('remap-progress', p),
          });
          ctx.emit('remap-done', summary);
          if (!summary.cancelled) ctx.emit('case-changed', await caseInfo(c));
          return summary;
        } finally {
          ctx.jobs.delete(remapId);
        }
      }),
    cancelRemap: (remapId) =>
      wrap(async () => {
        const ac = typeof remapId === 'string' ? ctx.jobs.get(remapId) : undefined;
        if (!ac) return false;
        ac.abort();
        return true;
      }),
    mappingPackFile: (q) =>
      wrap(async () => {
        const c = ctx.need();
        const cur = await currentMapping(c.reader, sourceIdOf(q));
        const edit = obj(q).mapping;
        const pack = edit === undefined ? cur.pack : await editedMapping(c.reader, cur, edit);
        return packFileText(pack);
      }),
  } satisfies Pick<AuditApi, keyof MappingApi>;
}
