import type { AuditApi, SessionApi } from '../../../preload/api.ts';
import { AuthorSetting } from '../annotate/author.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { appendCustody } from '../custody/append.ts';
import { locateEvent } from './locate.ts';
import { copyCase } from './save-as.ts';
import { deleteView, listViews, renameView, saveView } from './views.ts';

/** The working state restores a whole investigation (open tabs, diffs); past this it is refused. */
const MAX_SESSION_BYTES = 4 * 1024 * 1024;

/** Per-case UI state in the case's `session` table; saved views; locating an event in a result. */
export function sessionApi(ctx: EngineContext) {
  const author = new AuthorSetting(ctx.dataDir);
  return {
    getSession: (key) =>
      wrap(async () => {
        const v = await ctx.need().reader.value<string>('SELECT value FROM session WHERE key = $k', { k: key });
        return v === undefined || v === null ? null : (JSON.parse(v) as unknown);
      }),
    setSession: (q) =>
      wrap(async () => {
        if (typeof q.key !== 'string' || q.key === '' || q.key.length > 200) throw new EngineError('bad-input', 'session key must be a non-empty string');
        const value = JSON.stringify(q.value ?? null);
        if (value.length > MAX_SESSION_BYTES) throw new EngineError('bad-input', `session state over ${MAX_SESSION_BYTES / 1048576} MB is not kept`);
        await ctx.need().write((db) => db.run('INSERT OR REPLACE INTO session (key, value, updated_at) VALUES ($k, $v, now())', { k: q.key, v: value }));
        return null;
      }),
    listViews: () => wrap(() => listViews(ctx.need().reader)),
    saveView: (q) => wrap(async () => saveView(ctx.need(), q, await author.get())),
    renameView: (q) => wrap(async () => renameView(ctx.need(), q, await author.get())),
    deleteView: (q) => wrap(async () => deleteView(ctx.need(), q, await author.get())),
    locateEvent: (q) => wrap(() => locateEvent(ctx.need().reader, q)),
    saveCaseAs: (path) =>
      wrap(async () => {
        if (ctx.jobs.size > 0) throw new EngineError('busy', 'an import or export is running; wait for it or cancel it before saving the case as a new file');
        const from = ctx.need().path;
        const who = await author.get();
        const target = await copyCase(ctx.need(), path, who);
        const info = await ctx.open(target, false);
        await ctx.need().write((db) => appendCustody(db, 'case-copied', { from, to: target }, who));
        return info;
      }),
  } satisfies Pick<AuditApi, keyof SessionApi>;
}
