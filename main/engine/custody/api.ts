import type { AuditApi, CustodyApi } from '../../../preload/api.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { listCustody } from './list.ts';

/** Reading the custody log. There is deliberately no method that edits or removes an entry. */
export function custodyApi(ctx: EngineContext) {
  return {
    listCustody: (q) =>
      wrap(async () => {
        if (typeof q !== 'object' || q === null) throw new EngineError('bad-input', 'listCustody takes an object');
        return listCustody(ctx.need().reader, q);
      }),
  } satisfies Pick<AuditApi, keyof CustodyApi>;
}
