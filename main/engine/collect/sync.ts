import type { PullRequest } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { listStoredPulls } from './store.ts';

/**
 * `auditlens sync`: for every source and scope pulled before, a pull of what is newer than its
 * last complete coverage (same host, scope and filters; to now). A scope never covered at all is
 * left to its own pull's resume.
 */
export interface SyncPlan {
  scopeKey: string;
  request: PullRequest;
  lastPullId: number;
}

export async function syncPlans(db: Db): Promise<{ plans: SyncPlan[]; skipped: { scopeKey: string; reason: string }[] }> {
  const pulls = await listStoredPulls(db);
  const ends = await db.all<{ k: string; t: Date }>('SELECT scope_key AS k, max(range_to) AS t FROM coverage GROUP BY scope_key');
  const endOf = new Map(ends.map((e) => [e.k, new Date(e.t).toISOString()]));
  const plans: SyncPlan[] = [];
  const skipped: { scopeKey: string; reason: string }[] = [];
  const keys = [...new Set(pulls.map((p) => p.scopeKey))];
  for (const k of keys) {
    const last = pulls.filter((p) => p.scopeKey === k).at(-1);
    if (!last) continue;
    const from = endOf.get(k);
    if (!from) {
      skipped.push({ scopeKey: k, reason: `no complete window yet; resume pull #${last.id} instead` });
      continue;
    }
    const { filters, ...rest } = last.scope;
    plans.push({
      scopeKey: k,
      lastPullId: last.id,
      request: { vendor: last.vendor, baseUrl: last.baseUrl, from, ...rest, ...(filters ? { filters } : {}) },
    });
  }
  return { plans, skipped };
}
