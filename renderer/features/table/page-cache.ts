import type { ApiError, EventPage, EventRow, Result } from '../../../preload/api.ts';

export type PageFetcher = (offset: number, limit: number) => Promise<Result<EventPage>>;

/**
 * The rows of one query result, fetched a page at a time as the table scrolls. One instance per
 * (filter, case generation): a new query gets a new cache, and answers arriving for an old one
 * land in an instance nobody reads any more, so they can never show up under the wrong filter.
 */
export class PageCache {
  private readonly pages = new Map<number, EventRow[]>(); // insertion order doubles as LRU order
  private readonly inflight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  /** Rows in the whole result; null until the first page answers. */
  total: number | null = null;
  /** How long the first page (the query itself) took in the engine. */
  elapsedMs: number | null = null;
  error: ApiError | null = null;

  constructor(
    private readonly fetchPage: PageFetcher,
    readonly pageSize = 200,
    /** Enough for fast scrolling back and forth, small enough that memory stays flat on 10M rows. */
    private readonly maxPages = 40,
  ) {}

  row(index: number): EventRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Makes sure the pages holding rows start..end (inclusive) are loaded or on their way. */
  request(start: number, end: number): void {
    const first = Math.floor(Math.max(0, start) / this.pageSize);
    let last = Math.floor(Math.max(start, end) / this.pageSize);
    if (this.total !== null) last = Math.min(last, Math.max(0, Math.ceil(this.total / this.pageSize) - 1));
    for (let page = first; page <= last; page++) {
      const rows = this.pages.get(page);
      if (rows) {
        this.pages.delete(page);
        this.pages.set(page, rows); // mark as recently used
      } else if (!this.inflight.has(page)) {
        void this.load(page);
      }
    }
  }

  isLoading(): boolean {
    return this.inflight.size > 0;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever anything visible changed; for useSyncExternalStore. */
  getVersion = (): number => this.version;

  private async load(page: number): Promise<void> {
    this.inflight.add(page);
    const result = await this.fetchPage(page * this.pageSize, this.pageSize);
    this.inflight.delete(page);
    if (result.ok) {
      this.pages.set(page, result.value.rows);
      this.total = result.value.total;
      if (this.elapsedMs === null || page === 0) this.elapsedMs = result.value.elapsedMs;
      this.error = null;
      this.evict();
    } else {
      this.error = result.error;
    }
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private evict(): void {
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) return;
      this.pages.delete(oldest);
    }
  }
}
