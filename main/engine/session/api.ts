import type { AuditApi, SessionApi } from '../../../preload/api.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError } from '../errors.ts';

/** Per-case UI state in the case's `session` table. */
export function sessionApi(ctx: EngineContext) {
  return {
    getSession: (key) =>
      wrap(async () => {
        const v = await ctx.need().reader.value<string>('SELECT value FROM session WHERE key = $k', { k: key });
        return v === undefined || v === null ? null : (JSON.parse(v) as unknown);
      }),
    setSession: (q) =>
      wrap(async () => {
        if (typeof q.key !== 'string' || q.key === '') throw new EngineError('bad-input', 'session key must be a non-empty string');
        await ctx.need().reader.run('INSERT OR REPLACE INTO session (key, value, updated_at) VALUES ($k, $v, now())', {
          k: q.key,
          v: JSON.stringify(q.value ?? null),
        });
        return null;
      }),
  } satisfies Pick<AuditApi, keyof SessionApi>;
}
