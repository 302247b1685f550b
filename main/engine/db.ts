import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** AUDITLENS_PROFILE=1 prints each statement's time and the process RSS to stderr. */
const PROFILE = Boolean(process.env.AUDITLENS_PROFILE);

function profileLine(sql: string, t0: number): void {
  const ms = Math.round(performance.now() - t0);
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  process.stderr.write(`[profile] ${String(ms).padStart(6)} ms  ${String(rss).padStart(5)} MB  ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
}

/** A thin wrapper over one DuckDB connection: JSON-friendly rows, nothing else. */
export class Db {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** Whether close() also closes the instance (the first connection owns it). */
    private readonly ownsInstance = true,
  ) {}

  static async open(path: string, options: Record<string, string> = {}): Promise<Db> {
    const instance = await DuckDBInstance.create(path, options);
    const conn = await instance.connect();
    return new Db(instance, conn);
  }

  /** Another connection on the same database: its own transactions and temp tables. */
  async fork(): Promise<Db> {
    return new Db(this.instance, await this.instance.connect(), false);
  }

  async run(sql: string, params?: Params): Promise<void> {
    const t0 = PROFILE ? performance.now() : 0;
    await this.conn.run(sql, params);
    if (PROFILE) profileLine(sql, t0);
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const t0 = PROFILE ? performance.now() : 0;
    const reader = await this.conn.runAndReadAll(sql, params);
    if (PROFILE) profileLine(sql, t0);
    return reader.getRowObjectsJS() as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async value<T>(sql: string, params?: Params): Promise<T | undefined> {
    const row = await this.one<Row>(sql, params);
    return row ? (Object.values(row)[0] as T) : undefined;
  }

  close(): void {
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
