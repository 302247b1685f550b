import type { AnnotateApi, AuditApi } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { AuthorSetting } from './author.ts';
import { bulkTag, listAnnotated } from './bulk.ts';
import { addTag, annotationsOf, listTags, removeTag, setBookmark, setNote, setTagColor } from './store.ts';

/** Bookmarks, tags and notes: each change is stored, logged in custody_log and announced. */
export function annotateApi(ctx: EngineContext) {
  const author = new AuthorSetting(ctx.dataDir);
  /** Runs a change, then lets cached filter answers and every window know. */
  const change = async <T>(eventIds: string[] | null, f: (c: Case, who: string) => Promise<T>): Promise<T> => {
    const c = ctx.need();
    const out = await f(c, await author.get());
    await c.annotationsChanged();
    ctx.emit('annotations-changed', { eventIds });
    return out;
  };
  const obj = (q: unknown): Record<string, unknown> => {
    if (typeof q !== 'object' || q === null) throw new EngineError('bad-input', 'expected an object');
    return q as Record<string, unknown>;
  };
  return {
    getAnnotations: (q) =>
      wrap(async () => {
        if (!Array.isArray(q.eventIds)) throw new EngineError('bad-input', 'eventIds must be a list of event ids');
        return annotationsOf(ctx.need().reader, q.eventIds);
      }),
    setBookmark: (q) => wrap(() => change([String(obj(q).eventId)], (c, who) => setBookmark(c, q.eventId, q.on === true, who))),
    addTag: (q) => wrap(() => change([String(obj(q).eventId)], (c, who) => addTag(c, q.eventId, q.tag, who, q.color))),
    removeTag: (q) => wrap(() => change([String(obj(q).eventId)], (c, who) => removeTag(c, q.eventId, q.tag, who))),
    setNote: (q) => wrap(() => change([String(obj(q).eventId)], (c, who) => setNote(c, q.eventId, q.text, who))),
    listTags: () => wrap(() => listTags(ctx.need().reader)),
    setTagColor: (q) => wrap(() => change([], (c, who) => setTagColor(c, q.tag, q.color, who))),
    bulkTag: (q) => wrap(() => change(null, (c, who) => bulkTag(c, obj(q) as unknown as Parameters<typeof bulkTag>[1], who))),
    listAnnotated: (q) => wrap(() => listAnnotated(ctx.need().reader, obj(q))),
    getAuthor: () => wrap(() => author.get()),
    setAuthor: (name) => wrap(() => author.set(name)),
  } satisfies Pick<AuditApi, keyof AnnotateApi>;
}
