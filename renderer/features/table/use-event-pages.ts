import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { EventScope } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { PageCache } from './page-cache.ts';

export const PAGE_SIZE = 200;

/**
 * The paged result of `scope` (filter bar, chips, search, time range) over the open case.
 * `generation` changes when the case's contents change (import, another case opened), which starts
 * a fresh query. Returns null while disabled.
 */
export function useEventPages(scope: EventScope, generation: number, enabled: boolean): PageCache | null {
  // Keyed on the scope's content, not its identity: an equal scope must not restart the query.
  const key = JSON.stringify(scope);
  const cache = useMemo(() => {
    const q = JSON.parse(key) as EventScope;
    return enabled ? new PageCache((offset, limit) => api.getEvents({ ...q, offset, limit }), PAGE_SIZE) : null;
  }, [key, generation, enabled]);
  useEffect(() => {
    // Ask for the first page right away: it carries the total the table needs to lay itself out.
    cache?.request(0, PAGE_SIZE - 1);
  }, [cache]);
  useSyncExternalStore(cache?.subscribe ?? noopSubscribe, cache?.getVersion ?? zero);
  return cache;
}

const noopSubscribe = (): (() => void) => () => undefined;
const zero = (): number => 0;
