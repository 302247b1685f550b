import type { AuditApi, CaseApi, CaseInfo } from '../../../preload/api.ts';
import { wrap, type EngineContext } from '../context.ts';
import { isoOrNull, num, readableTime } from '../db.ts';
import { EngineError } from '../errors.ts';
import type { Case } from './case.ts';

export async function caseInfo(c: Case): Promise<CaseInfo> {
  const totals = await c.reader.one<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sources) AS sources,
       (SELECT count(*) FROM batches) AS batches, (SELECT coalesce(sum(reject_count), 0) FROM batches) AS rejects,
       (SELECT min(event_time) FROM events WHERE ${readableTime()}) AS tmin,
       (SELECT max(event_time) FROM events WHERE ${readableTime()}) AS tmax`,
  );
  const byVendor = await c.reader.all<{ vendor: string; n: bigint }>(
    'SELECT vendor, count(*) AS n FROM events GROUP BY vendor ORDER BY n DESC, vendor',
  );
  return {
    path: c.path,
    schemaVersion: c.schemaVersion,
    readOnly: c.readOnly,
    events: num(totals?.events),
    sources: num(totals?.sources),
    batches: num(totals?.batches),
    rejects: num(totals?.rejects),
    timeMin: isoOrNull(totals?.tmin),
    timeMax: isoOrNull(totals?.tmax),
    byVendor: byVendor.map((v) => ({ vendor: v.vendor, events: num(v.n) })),
  };
}

/** Opening, creating and closing cases; recent cases; the demo case. */
export function caseApi(ctx: EngineContext) {
  return {
    createCase: (path) => wrap(() => ctx.open(path, true)),
    openCase: (path) => wrap(() => ctx.open(path, false)),
    closeCase: () =>
      wrap(async () => {
        ctx.close();
        ctx.emit('case-changed', null);
        return null;
      }),
    caseInfo: () => wrap(() => caseInfo(ctx.need())),
    recentCases: () => wrap(async () => ctx.recentList()),
    openDemoCase: () =>
      wrap(async () => {
        if (!ctx.buildDemo) throw new EngineError('not-found', 'this host has no demo case');
        await ctx.buildDemo(ctx.demoPath);
        return ctx.open(ctx.demoPath, false);
      }),
  } satisfies Pick<AuditApi, keyof CaseApi>;
}
