import { describe, expect, it } from 'vitest';
import type { EventPage, EventRow, Result } from '../../preload/api.ts';
import { PageCache } from '../../renderer/features/table/page-cache.ts';

function row(i: number): EventRow {
  return {
    event_id: `e${i}`,
    batch_id: 1,
    source_id: 1,
    vendor: 'generic',
    locator: `f:${i}`,
    event_time: null,
    time_raw: null,
    time_assumed_tz: null,
    actor: null,
    actor_id: null,
    actor_type: null,
    src_ip: null,
    user_agent: null,
    action: null,
    action_class: null,
    service: null,
    target_type: null,
    target_id: null,
    target_name: null,
    outcome: null,
    outcome_raw: null,
    description: null,
    tenant: null,
    changes: null,
    raw: '{}',
    vendor_event_id: null,
    id_conflict: false,
  };
}

/** A fetcher whose answers the test releases one by one, to observe in-between states. */
function controlledFetcher(total: number) {
  const pending: { offset: number; resolve: () => void }[] = [];
  const fetcher = (offset: number, limit: number): Promise<Result<EventPage>> =>
    new Promise((resolve) => {
      pending.push({
        offset,
        resolve: () => {
          const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => row(offset + k));
          resolve({ ok: true, value: { rows, offset, total, elapsedMs: 5 } });
        },
      });
    });
  return { fetcher, pending };
}

async function settle(p: { resolve: () => void } | undefined, cache: PageCache): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const off = cache.subscribe(() => {
      off();
      resolve();
    });
  });
  p?.resolve();
  await changed;
}

describe('PageCache', () => {
  it('fetches only the pages a range needs, once each', () => {
    const { fetcher, pending } = controlledFetcher(1000);
    const cache = new PageCache(fetcher, 100);
    cache.request(150, 320);
    cache.request(150, 320);
    expect(pending.map((p) => p.offset)).toEqual([100, 200, 300]);
  });

  it('serves rows once their page arrives and reports the total and query time', async () => {
    const { fetcher, pending } = controlledFetcher(250);
    const cache = new PageCache(fetcher, 100);
    cache.request(0, 10);
    expect(cache.row(5)).toBeUndefined();
    expect(cache.total).toBeNull();
    await settle(pending[0], cache);
    expect(cache.row(5)?.event_id).toBe('e5');
    expect(cache.total).toBe(250);
    expect(cache.elapsedMs).toBe(5);
  });

  it('does not ask for pages past the end once the total is known', async () => {
    const { fetcher, pending } = controlledFetcher(150);
    const cache = new PageCache(fetcher, 100);
    cache.request(0, 0);
    await settle(pending[0], cache);
    cache.request(0, 5000);
    expect(pending.map((p) => p.offset)).toEqual([0, 100]);
  });

  it('evicts the least recently used pages beyond its budget', async () => {
    const { fetcher, pending } = controlledFetcher(10_000);
    const cache = new PageCache(fetcher, 100, 2);
    for (const start of [0, 100, 200]) {
      cache.request(start, start);
      await settle(pending.at(-1), cache);
      if (start === 100) cache.request(0, 0); // touch page 0, so page 1 is the oldest
    }
    expect(cache.row(0)).toBeDefined();
    expect(cache.row(100)).toBeUndefined();
    expect(cache.row(200)).toBeDefined();
  });

  it('keeps the error of a failed page and retries on the next request', async () => {
    let calls = 0;
    const cache = new PageCache(async () => {
      calls += 1;
      return { ok: false, error: { code: 'bad-filter', message: 'no such column' } };
    }, 100);
    const failed = new Promise<void>((resolve) => cache.subscribe(resolve));
    cache.request(0, 0);
    await failed;
    expect(cache.error?.code).toBe('bad-filter');
    cache.request(0, 0);
    expect(calls).toBe(2);
  });
});
