import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api } from '../../api.ts';
import { PageCache } from './page-cache.ts';

export const PAGE_SIZE = 200;

/**
 * The paged result of `filter` over the open case. `generation` changes when the case's contents
 * change (import, another case opened), which starts a fresh query. Returns null while disabled.
 */
export function useEventPages(filter: string, generation: number, enabled: boolean): PageCache | null {
  const cache = useMemo(
    () => (enabled ? new PageCache((offset, limit) => api.getEvents({ filter, offset, limit }), PAGE_SIZE) : null),
    [filter, generation, enabled],
  );
  useEffect(() => {
    // Ask for the first page right away: it carries the total the table needs to lay itself out.
    cache?.request(0, PAGE_SIZE - 1);
  }, [cache]);
  useSyncExternalStore(cache?.subscribe ?? noopSubscribe, cache?.getVersion ?? zero);
  return cache;
}

const noopSubscribe = (): (() => void) => () => undefined;
const zero = (): number => 0;
