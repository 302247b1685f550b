import type { AuditApi, QueryApi } from '../../../preload/api.ts';
import { wrap, type EngineContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { countEvents, eventPage, getEvent } from './events.ts';
import { facets, suggestValues } from './facets.ts';
import { compileFilter, filterColumnNames } from './filter.ts';
import { histogram } from './histogram.ts';

/** Browsing: pages, counts, filter checks, histogram, facets, completion. */
export function queryApi(ctx: EngineContext) {
  return {
    getEvents: (q) => wrap(() => eventPage(ctx.need().reader, q, ctx.need().pager)),
    countEvents: (q) => wrap(() => countEvents(ctx.need().reader, q)),
    getEvent: (id) => wrap(() => getEvent(ctx.need().reader, id)),
    getHistogram: (q) => wrap(() => histogram(ctx.need().reader, q)),
    getFacets: (q) => wrap(() => facets(ctx.need().reader, q, ctx.need().facetCache)),
    suggestValues: (q) => wrap(() => suggestValues(ctx.need().reader, q)),
    checkFilter: (filter) =>
      wrap(async () => {
        const columns = filterColumnNames();
        try {
          await compileFilter(ctx.need().reader, filter);
          return { valid: true, columns };
        } catch (e) {
          if (e instanceof EngineError && e.code === 'bad-filter') return { valid: false, error: e.toApi(), columns };
          throw e;
        }
      }),
  } satisfies Pick<AuditApi, keyof QueryApi>;
}
