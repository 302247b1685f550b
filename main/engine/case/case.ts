import { readdir, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Db, num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { DEFAULT_QUERY_TIMEOUT_MS, timeLimitFromEnv } from '../query-pool.ts';
import { ownedTempDir } from '../temp-dirs.ts';
import { checkCaseFile, describeOpenError } from './open-checks.ts';
import { TOOL_VERSION } from '../version.ts';
import { APP_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { installMacros } from '../packs/time-sql.ts';
import { installTimeRangeMacros } from '../packs/time-range.ts';
import { Pager } from '../query/pager.ts';
import { FacetCache } from '../query/facets.ts';

export interface OpenOptions {
  create?: boolean;
  /** Open read-only even where the file could be written. */
  readOnly?: boolean;
  /** Cap DuckDB's own memory; the importer spills to disk beyond it. */
  memoryLimit?: string;
  threads?: number;
  /** Time limit of one browsing statement (default 30 s, or AUDITLENS_QUERY_TIMEOUT_S). */
  queryTimeoutMs?: number;
}

/** Browsing calls answered at once; more wait for a free connection (each is bounded in time). */
const READER_CONNECTIONS = 4;

/** Read-only cases spill to `<tmp>/auditlens-spill-<pid>-*`, swept when that process is gone. */
export const SPILL_PREFIX = 'auditlens-spill-';

/**
 * DuckDB's spill files may take at most half the free space where they go (its own default is
 * 90%), so a runaway sort or a bomb never fills the disk holding the evidence or the case.
 */
async function spillCap(dir: string): Promise<string> {
  try {
    const fs = await statfs(dir);
    const free = Number(fs.bavail) * Number(fs.bsize);
    return `${Math.max(1, Math.floor(free / 2 / 1048576))}MB`;
  } catch {
    return '16GB';
  }
}

/** DuckDB's own spill files in a writable case's temp folder (nothing else there is touched). */
async function sweepSpill(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names) if (/^duckdb_temp_/.test(n)) await rm(join(dir, n), { force: true }).catch(() => undefined);
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
    /** Opened with DuckDB's READ_ONLY access: every write is refused with a message. */
    readonly readOnly: boolean,
  ) {
    this.pager = new Pager(reader, { indexDb: indexer });
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Case> {
    const checked = await checkCaseFile(path, opts.create ?? false);
    const readOnly = opts.readOnly === true || checked.readOnly;
    const settings = async (ro: boolean): Promise<Record<string, string>> => ({
      memory_limit: opts.memoryLimit ?? '4GB',
      ...(opts.threads ? { threads: String(opts.threads) } : {}),
      ...(ro ? { access_mode: 'READ_ONLY' } : {}),
      // Spill files: beside the case when it is writable (DuckDB's default place), else in a
      // per-process temp folder, since read-only media take no new files.
      temp_directory: ro ? await ownedTempDir(SPILL_PREFIX) : `${path}.tmp`,
      max_temp_directory_size: await spillCap(ro ? tmpdir() : dirname(resolve(path))),
    });
    let db: Db;
    let ro = readOnly;
    try {
      db = await Db.open(path, await settings(ro));
    } catch (e) {
      // Storage mounted read-only (or a permission the checks above could not see, as for root):
      // opening read-only still lets the investigator read the evidence.
      const canRetry = !ro && checked.exists && /Permission denied|Read-only file system|Cannot open file/i.test((e as Error).message);
      if (!canRetry) throw describeOpenError(e, path);
      ro = true;
      try {
        db = await Db.open(path, await settings(ro));
      } catch (e2) {
        throw describeOpenError(e2, path);
      }
    }
    try {
      // Left by a process killed mid-spill; the lock just taken says no one else is using them.
      if (!ro) await sweepSpill(`${path}.tmp`);
      await db.run("SET TimeZone = 'UTC'");
      const version = ro ? await Case.checkReadOnly(db, path) : await Case.migrate(db, path, checked.exists);
      await installMacros(db);
      await installTimeRangeMacros(db);
      const reader = await db.pooled(
        async (r) => {
          await r.run("SET TimeZone = 'UTC'");
          await installMacros(r);
          await installTimeRangeMacros(r);
        },
        { max: READER_CONNECTIONS, timeoutMs: opts.queryTimeoutMs ?? timeLimitFromEnv() ?? DEFAULT_QUERY_TIMEOUT_MS },
      );
      const indexer = await db.fork();
      const writer = await db.fork();
      await writer.run("SET TimeZone = 'UTC'");
      return new Case(path, db, reader, indexer, writer, version, ro);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** A read-only case is read as it is: it must already be an AuditLens case of this schema. */
  private static async checkReadOnly(db: Db, path: string): Promise<number> {
    const tables = await db.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'");
    if (!tables.some((t) => t.name === 'meta')) {
      throw new EngineError('not-a-case', `${path} is a DuckDB database but not an AuditLens case (it has no meta table)`, { file: path });
    }
    const app = await db.value<string>("SELECT value FROM meta WHERE key = 'app'");
    if (app !== APP_ID) throw new EngineError('not-a-case', `${path} is a DuckDB database but not an AuditLens case`, { file: path });
    const version = Number(await db.value<string>("SELECT value FROM meta WHERE key = 'schema_version'"));
    if (version > SCHEMA_VERSION) {
      throw new EngineError('newer-schema', `${path} uses case schema v${version}; this AuditLens (${TOOL_VERSION}) reads up to v${SCHEMA_VERSION}. Update AuditLens to open it.`, { file: path });
    }
    if (version < SCHEMA_VERSION) {
      throw new EngineError(
        'read-only',
        `${path} is read-only and was written by an older AuditLens (case schema v${version}); reading it needs an upgrade to v${SCHEMA_VERSION}, which needs write access. Copy it to writable storage and open the copy: the original stays as it is.`,
        { file: path },
      );
    }
    return version;
  }

  /** Refuses a write to a case opened read-only, saying what was refused and why. */
  assertWritable(what: string): void {
    if (this.readOnly) {
      throw new EngineError('read-only', `${what} is not possible: ${this.path} is open read-only (read-only storage or no write permission)`, { file: this.path });
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
  async write<T>(f: (db: Db) => Promise<T>, opts: { transaction?: boolean; what?: string } = {}): Promise<T> {
    this.assertWritable(opts.what ?? 'Changing the case');
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

  /** Runs `f` on the writer connection without touching this case (Save as writes another file): allowed read-only. */
  async copyOut<T>(f: (db: Db) => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(() => f(this.writer));
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
    this.assertWritable('Recording in the custody log');
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
      for (const d of conns) if (d.busy) d.interrupt();
    };
    interrupt();
    const again = setInterval(interrupt, 50);
    return Promise.all(conns.map((d) => d.idle())).then(() => {
      clearInterval(again);
      closeAll();
    });
  }
}
