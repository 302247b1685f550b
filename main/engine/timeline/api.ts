import type { AuditApi, TimelineApi } from '../../../preload/api.ts';
import { wrap, type EngineContext } from '../context.ts';
import { eventContext, timeline } from './entity.ts';
import { objectHistory } from './history.ts';

/** Entity timelines, the events around one event, object history. */
export function timelineApi(ctx: EngineContext) {
  return {
    getTimeline: (q) => wrap(() => timeline(ctx.need().reader, q)),
    getContext: (q) => wrap(() => eventContext(ctx.need().reader, q)),
    getHistory: (q) => wrap(() => objectHistory(ctx.need().reader, q)),
  } satisfies Pick<AuditApi, keyof TimelineApi>;
}
