import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, EventRow, Timeline } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { toRange, type TimeWindow } from './lane-data.ts';

export interface TimelineEvents {
  rows: EventRow[];
  /** Events in the window (or in the whole timeline); null while the first page loads. */
  total: number | null;
  error: ApiError | null;
  loadMore(): void;
}

const PAGE = 300;

/**
 * The synced list under the lane chart: the timeline's events, narrowed to the brushed (or zoomed)
 * window. The first page of the whole timeline comes with the timeline itself; further pages and
 * windows are asked of getEvents with the timeline's own filter, in the same order the engine
 * uses for timelines (time, then event id), so pages join without gaps or repeats.
 */
export function useTimelineEvents(timeline: Timeline | null, window: TimeWindow | null): TimelineEvents {
  const [state, setState] = useState<{ rows: EventRow[]; total: number | null; error: ApiError | null }>({
    rows: [],
    total: null,
    error: null,
  });
  const loading = useRef(false);
  const generation = useRef(0);
  const filter = timeline?.filter;
  const from = window?.from;
  const to = window?.to;

  const fetchPage = useCallback(
    async (offset: number, gen: number): Promise<void> => {
      if (!filter) return;
      loading.current = true;
      const range = from !== undefined && to !== undefined ? toRange({ from, to }) : undefined;
      const r = await api.getEvents({
        filter,
        ...(range ? { timeRange: range } : {}),
        sort: { column: 'event_time', dir: 'asc' },
        offset,
        limit: PAGE,
      });
      loading.current = false;
      if (gen !== generation.current) return;
      setState((s) =>
        r.ok
          ? { rows: offset === 0 ? r.value.rows : [...s.rows, ...r.value.rows], total: r.value.total, error: null }
          : { ...s, error: r.error },
      );
    },
    [filter, from, to],
  );

  useEffect(() => {
    const gen = ++generation.current;
    if (!timeline) return;
    if (from === undefined) {
      setState({ rows: timeline.events, total: timeline.total, error: null });
      return;
    }
    setState((s) => ({ ...s, total: null }));
    void fetchPage(0, gen);
  }, [timeline, from, fetchPage]);

  const live = useRef(state);
  live.current = state;
  const loadMore = useCallback(() => {
    const s = live.current;
    if (!loading.current && s.total !== null && s.rows.length < s.total) void fetchPage(s.rows.length, generation.current);
  }, [fetchPage]);

  return { ...state, loadMore };
}
