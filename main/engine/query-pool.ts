import { AsyncLocalStorage } from 'node:async_hooks';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { EngineError } from './errors.ts';

/**
 * Bounds on browsing queries. DuckDB runs one statement at a time per connection, so one slow
 * query on a shared reader stalled every other call of the serve host. Each API call therefore
 * leases its own connection from a small pool for as long as it runs (its temp tables stay
 * visible to it), every statement has a time limit (DuckDB's interrupt, then a `timeout` error
 * that says so), and a call whose requester went away (a newer query for the same view, a closed
 * tab) is interrupted as `cancelled`.
 */

interface CallScope {
  signal?: AbortSignal;
  leases: Map<QueryPool, Promise<DuckDBConnection>>;
  /** Set when the call has returned: work it left running falls back to the shared connection. */
  done: boolean;
}

const calls = new AsyncLocalStorage<CallScope>();

/** Runs one API call: its statements get a connection of their own, interrupted when `signal` aborts. */
export async function withCall<T>(f: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const outer = calls.getStore();
  if (outer && !outer.done) return f();
  const scope: CallScope = { leases: new Map(), done: false, ...(signal ? { signal } : {}) };
  try {
    return await calls.run(scope, f);
  } finally {
    scope.done = true;
    for (const [pool, lease] of scope.leases) void lease.then((c) => pool.release(c), () => undefined);
  }
}

/** Browsing statements stop after this long unless the case is opened with another limit. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

export function timeLimitFromEnv(): number | undefined {
  const s = Number(process.env.AUDITLENS_QUERY_TIMEOUT_S);
  return Number.isFinite(s) && s > 0 ? Math.round(s * 1000) : undefined;
}

export class QueryPool {
  private readonly free: DuckDBConnection[] = [];
  private readonly made: DuckDBConnection[] = [];
  private pending = 0;
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    /** Statements outside any API call (the CLI's own reads) use this one, as before. */
    private readonly base: DuckDBConnection,
    private readonly init: (c: DuckDBConnection) => Promise<void>,
    readonly opts: { max: number; timeoutMs: number },
  ) {}

  /** Runs one statement on the calling API call's connection, bounded in time and cancellable. */
  async run<R>(f: (c: DuckDBConnection) => Promise<R>): Promise<R> {
    const scope = calls.getStore();
    if (scope?.signal?.aborted) throw cancelled();
    const conn = !scope || scope.done ? this.base : await this.leaseFor(scope);
    return this.bounded(conn, f, scope?.signal);
  }

  private leaseFor(scope: CallScope): Promise<DuckDBConnection> {
    let lease = scope.leases.get(this);
    if (!lease) {
      lease = this.acquire();
      scope.leases.set(this, lease);
    }
    return lease;
  }

  private async acquire(): Promise<DuckDBConnection> {
    const ready = this.free.pop();
    if (ready) return ready;
    if (this.made.length + this.pending < this.opts.max) {
      this.pending += 1;
      try {
        const conn = await this.instance.connect();
        await this.init(conn);
        this.made.push(conn);
        return conn;
      } finally {
        this.pending -= 1;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(conn: DuckDBConnection): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.free.push(conn);
  }

  private async bounded<R>(conn: DuckDBConnection, f: (c: DuckDBConnection) => Promise<R>, signal?: AbortSignal): Promise<R> {
    let why: 'timeout' | 'cancelled' | null = null;
    const stop = (reason: 'timeout' | 'cancelled'): void => {
      if (why) return;
      why = reason;
      conn.interrupt();
    };
    const timer = setTimeout(() => stop('timeout'), this.opts.timeoutMs);
    const onAbort = (): void => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await f(conn);
    } catch (e) {
      if (why === 'timeout') {
        throw new EngineError(
          'timeout',
          `The query ran for more than ${formatSeconds(this.opts.timeoutMs)} and was stopped (the time limit for one query). Narrow the filter, the search or the time range, or use a simpler expression.`,
        );
      }
      if (why === 'cancelled') throw cancelled();
      throw e;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  interruptAll(): void {
    for (const c of this.made) c.interrupt();
  }

  close(): void {
    this.closed = true;
    for (const c of this.made.splice(0)) c.closeSync();
    this.free.length = 0;
  }
}

function cancelled(): EngineError {
  return new EngineError('cancelled', 'The query was cancelled: the viewer no longer needed its answer');
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
