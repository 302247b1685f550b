import { existsSync } from 'node:fs';
import { Db, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { TOOL_VERSION } from '../version.ts';
import { APP_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { installMacros } from '../packs/time-sql.ts';
import { installTimeRangeMacros } from '../packs/time-range.ts';
import { Pager } from '../query/pager.ts';
import { FacetCache } from '../query/facets.ts';

export interface OpenOptions {
  create?: boolean;
  /** Cap DuckDB's own memory; the importer spills to disk beyond it. */
  memoryLimit?: string;
  threads?: number;
}

/**
 * An open case file. Imports and other writes go through `db`; browsing goes through `reader`, a
 * second connection, so pages, counts and facets answer while an import's transaction is open
 * (they see the case as it was before that file).
 */
export class Case {
  readonly pager: Pager;
  readonly facetCache = new FacetCache();
  /** Writes of the investigator's own work (annotations, views) run one at a time on `writer`. */
  private writeQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    readonly db: Db,
    readonly reader: Db,
    private readonly indexer: Db,
    /**
     * Annotations, views and their custody entries: a connection of their own, because `db` may
     * be inside an import's transaction, which a cancel rolls back with everything on it.
     */
    private readonly writer: Db,
    readonly schemaVersion: number,
  ) {
    this.pager = new Pager(reader, { indexDb: indexer });
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Case> {
    const exists = existsSync(path);
    if (!exists && !opts.create) throw new EngineError('not-found', `No case file at ${path}`, { file: path });
    let db: Db;
    try {
      db = await Db.open(path, {
        memory_limit: opts.memoryLimit ?? '4GB',
        ...(opts.threads ? { threads: String(opts.threads) } : {}),
      });
    } catch (e) {
      throw new EngineError('not-a-case', `${path} is not a DuckDB database: ${(e as Error).message.split('\n')[0]}`, {
        file: path,
      });
    }
    try {
      await db.run("SET TimeZone = 'UTC'");
      const version = await Case.migrate(db, path, exists);
      await installMacros(db);
      await installTimeRangeMacros(db);
      const reader = await db.fork();
      await reader.run("SET TimeZone = 'UTC'");
      await installMacros(reader);
      await installTimeRangeMacros(reader);
      const indexer = await db.fork();
      const writer = await db.fork();
      await writer.run("SET TimeZone = 'UTC'");
      return new Case(path, db, reader, indexer, writer, version);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private static async migrate(db: Db, path: string, existed: boolean): Promise<number> {
    const tables = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'",
    );
    let version = 0;
    if (tables.some((t) => t.name === 'meta')) {
      const app = await db.value<string>("SELECT value FROM meta WHERE key = 'app'");
      if (app !== APP_ID) throw new EngineError('not-a-case', `${path} is a DuckDB database but not an AuditLens case`, { file: path });
      version = Number(await db.value<string>("SELECT value FROM meta WHERE key = 'schema_version'"));
    } else if (existed && tables.length > 0) {
      throw new EngineError('not-a-case', `${path} is a DuckDB database but not an AuditLens case (it has no meta table)`, {
        file: path,
      });
    }
    if (version > SCHEMA_VERSION) {
      throw new EngineError(
        'newer-schema',
        `${path} uses case schema v${version}; this AuditLens (${TOOL_VERSION}) reads up to v${SCHEMA_VERSION}. Update AuditLens to open it.`,
        { file: path },
      );
    }
    if (version === SCHEMA_VERSION) return version;
    await db.run('BEGIN TRANSACTION');
    try {
      for (let v = version; v < SCHEMA_VERSION; v++) {
        const migration = MIGRATIONS[v];
        if (migration === undefined) throw new Error(`missing migration ${v}→${v + 1}`);
        await db.run(migration);
      }
      if (version === 0) {
        await db.run("INSERT INTO meta VALUES ('app', $app), ('created_by', $tool), ('created_at', CAST(now() AS VARCHAR))", {
          app: APP_ID,
          tool: TOOL_VERSION,
        });
      }
      await db.run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)", { v: String(SCHEMA_VERSION) });
      await db.run(
        "INSERT INTO custody_log (action, tool_version, details) VALUES ($a, $t, $d)",
        {
          a: version === 0 ? 'case-created' : 'schema-migrated',
          t: TOOL_VERSION,
          d: JSON.stringify({ from: version, to: SCHEMA_VERSION }),
        },
      );
      await db.run('COMMIT');
    } catch (e) {
      await db.run('ROLLBACK');
      throw e;
    }
    return SCHEMA_VERSION;
  }

  /** The events changed: drop everything derived from them. */
  async eventsChanged(): Promise<void> {
    this.facetCache.clear();
    await this.pager.invalidate();
  }

  /**
   * Runs investigator writes one after another on their own connection, so a multi-statement change
   * (an annotation and its custody entry) is one transaction no other call interleaves with.
   * `transaction: false` for statements DuckDB refuses inside one (ATTACH, COPY FROM DATABASE).
   */
  async write<T>(f: (db: Db) => Promise<T>, opts: { transaction?: boolean } = {}): Promise<T> {
    const tx = opts.transaction ?? true;
    const run = this.writeQueue.then(async () => {
      if (!tx) return f(this.writer);
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const out = await f(this.writer);
        await this.writer.run('COMMIT');
        return out;
      } catch (e) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Annotations changed: drop cached answers of filters that read them (`tag = 'x'`, `bookmarked`). */
  async annotationsChanged(): Promise<void> {
    const readsAnnotations = (key: string): boolean => key.includes('annotations');
    this.facetCache.dropMatching(readsAnnotations);
    await this.pager.dropMatching(readsAnnotations);
  }

  async logCustody(action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.run('INSERT INTO custody_log (action, tool_version, details) VALUES ($a, $t, $d)', {
      a: action,
      t: TOOL_VERSION,
      d: JSON.stringify(details),
    });
  }

  async eventCount(): Promise<number> {
    return num(await this.db.value('SELECT count(*) FROM events'));
  }

  /**
   * Closes every connection. A statement still running (the pager's background sort index, a
   * count the viewer stopped waiting for) is interrupted first and the connections close once it
   * has stopped: DuckDB never settles a statement whose connection closed under it, and that
   * pending statement keeps the process alive forever (the 10M browsing benchmark sat idle so).
   * Resolves when everything is closed; with nothing running, that is before it returns.
   */
  close(): Promise<void> {
    const conns = [this.writer, this.indexer, this.reader, this.db];
    const closeAll = (): void => {
      for (const d of conns) d.close();
    };
    if (!conns.some((d) => d.busy)) {
      closeAll();
      return Promise.resolve();
    }
    // Repeated until they stop: an interrupt that arrives before DuckDB starts executing is lost.
    const interrupt = (): void => {
      for (const d of conns) if (d.busy) d.conn.interrupt();
    };
    interrupt();
    const again = setInterval(interrupt, 50);
    return Promise.all(conns.map((d) => d.idle())).then(() => {
      clearInterval(again);
      closeAll();
    });
  }
}
