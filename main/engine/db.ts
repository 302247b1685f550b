import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBValue,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import { QueryPool } from './query-pool.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** AUDITLENS_PROFILE=1 prints each statement's time and the process RSS to stderr. */
const PROFILE = Boolean(process.env.AUDITLENS_PROFILE);

function profileLine(sql: string, t0: number): void {
  const ms = Math.round(performance.now() - t0);
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  process.stderr.write(`[profile] ${String(ms).padStart(6)} ms  ${String(rss).padStart(5)} MB  ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
}

/** Years 1 to 9999: what an ISO 8601 text and every part of the app can show as a time. */
// Date.UTC maps years 0-99 to 1900-1999, so year 1 is set explicitly.
const READABLE_MIN_MS = new Date('0001-01-01T00:00:00Z').getTime();
const READABLE_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TIME_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.DATE,
]);

/**
 * DuckDB's own JS conversion, except that a time JavaScript cannot hold (DuckDB's `infinity`, a
 * year 290000 written into a case by another tool) or outside years 1 to 9999 reads as no time
 * instead of throwing: one such value must not make a whole page, count or case unreadable.
 */
const safeConverter: DuckDBValueConverter<JS> = (value, type, converter) => {
  if (!TIME_TYPES.has(type.typeId)) return JSDuckDBValueConverter(value, type, converter);
  let d: JS | null;
  try {
    d = JSDuckDBValueConverter(value, type, converter);
  } catch {
    return null;
  }
  if (!(d instanceof Date)) return d;
  const ms = d.getTime();
  return ms >= READABLE_MIN_MS && ms <= READABLE_MAX_MS ? d : null;
};

/** SQL: `col` holds a time the app can show (years 1 to 9999); infinity and beyond are left out of ranges and buckets. */
export function readableTime(col = 'event_time'): string {
  return `(${col} >= TIMESTAMPTZ '0001-01-01 00:00:00+00' AND ${col} <= TIMESTAMPTZ '9999-12-31 23:59:59.999+00')`;
}

/** A converted DuckDB time (or text) as ISO 8601; anything else that is not a readable time is null. */
export function isoOrNull(v: unknown): string | null {
  if (v == null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return String(v);
}

/** ISO text of a millisecond instant, or null where JavaScript cannot represent it. */
export function isoFromMs(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A thin wrapper over one DuckDB connection: JSON-friendly rows, and which of its statements still run. */
export class Db {
  /** Statements started and not yet settled (a sort index building in the background, a count). */
  private readonly running = new Set<Promise<unknown>>();

  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** Whether close() also closes the instance (the first connection owns it). */
    private readonly ownsInstance = true,
    /** For the browsing reader: statements go to the calling API call's own connection, time-bounded (query-pool.ts). */
    private readonly pool?: QueryPool,
  ) {}

  /**
   * The browsing reader: up to `max` connections, one per API call in flight, each set up by
   * `init`; every statement stops after `timeoutMs` or when its call is cancelled.
   */
  async pooled(init: (db: Db) => Promise<void>, opts: { max: number; timeoutMs: number }): Promise<Db> {
    const base = await this.instance.connect();
    await init(new Db(this.instance, base, false));
    const pool = new QueryPool(this.instance, base, (c) => init(new Db(this.instance, c, false)), opts);
    return new Db(this.instance, base, false, pool);
  }

  /** Interrupts whatever runs on this connection (and, for the reader, on every pooled one). */
  interrupt(): void {
    this.conn.interrupt();
    this.pool?.interruptAll();
  }

  private use<R>(f: (c: DuckDBConnection) => Promise<R>): Promise<R> {
    return this.pool ? this.pool.run(f) : f(this.conn);
  }

  static async open(path: string, options: Record<string, string> = {}): Promise<Db> {
    const instance = await DuckDBInstance.create(path, options);
    const conn = await instance.connect();
    return new Db(instance, conn);
  }

  /** Another connection on the same database: its own transactions and temp tables. */
  async fork(): Promise<Db> {
    return new Db(this.instance, await this.instance.connect(), false);
  }

  /** Whether a statement is still running on this connection. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Settles once every statement started so far has finished or failed. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Runs `f` as one tracked statement, so close can wait for it (see Case.close). */
  track<T>(f: () => Promise<T>): Promise<T> {
    const p = f();
    this.running.add(p);
    const forget = (): void => {
      this.running.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  async run(sql: string, params?: Params): Promise<void> {
    const t0 = PROFILE ? performance.now() : 0;
    await this.track(() => this.use((c) => c.run(sql, params)));
    if (PROFILE) profileLine(sql, t0);
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const t0 = PROFILE ? performance.now() : 0;
    const reader = await this.track(() => this.use((c) => c.runAndReadAll(sql, params)));
    if (PROFILE) profileLine(sql, t0);
    return reader.convertRowObjects(safeConverter) as T[];
  }

  /** Runs a statement and returns how many rows it changed. */
  async exec(sql: string, params?: Params): Promise<number> {
    const t0 = PROFILE ? performance.now() : 0;
    const result = await this.track(() => this.use((c) => c.run(sql, params)));
    if (PROFILE) profileLine(sql, t0);
    return result.rowsChanged;
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async value<T>(sql: string, params?: Params): Promise<T | undefined> {
    const row = await this.one<Row>(sql, params);
    return row ? (Object.values(row)[0] as T) : undefined;
  }

  close(): void {
    this.pool?.close();
    this.conn.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/** Quote a string as a SQL literal (for the few places DuckDB takes no parameter, e.g. table functions' file names). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** DuckDB BIGINT/HUGEINT come back as bigint; the API speaks numbers. */
export function num(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (v == null) return 0;
  return Number(v);
}
