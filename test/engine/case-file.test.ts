import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { SCHEMA_VERSION } from '../../main/engine/case/schema.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const CONTRACT: Record<string, string[]> = {
  meta: ['key', 'value'],
  sources: ['id', 'vendor', 'label', 'tenant'],
  batches: ['id', 'source_id', 'method', 'origin', 'sha256', 'bytes', 'started_at', 'finished_at', 'row_count', 'event_count', 'reject_count', 'tool_version', 'pack', 'pack_version', 'assumed_tz'],
  events: ['event_id', 'batch_id', 'source_id', 'vendor', 'locator', 'event_time', 'time_raw', 'time_assumed_tz', 'actor', 'actor_id', 'actor_type', 'src_ip', 'user_agent', 'action', 'action_class', 'service', 'target_type', 'target_id', 'target_name', 'outcome', 'outcome_raw', 'description', 'changes', 'raw'],
  rejects: ['batch_id', 'locator', 'reason', 'excerpt'],
  annotations: ['event_id', 'kind', 'value', 'author', 'at'],
  views: ['name', 'filter', 'columns', 'sort', 'time_from', 'time_to', 'timezone'],
  session: ['key', 'value'],
  custody_log: ['at', 'action', 'details'],
};

async function plainDuckDb(path: string, sql: string): Promise<void> {
  const db = await DuckDBInstance.create(path);
  const conn = await db.connect();
  await conn.run(sql);
  conn.closeSync();
  db.closeSync();
}

describe('case file', () => {
  const t = useTempDir();

  it('has every table and column of the documented contract', async () => {
    const c = await t.openCase();
    for (const [table, cols] of Object.entries(CONTRACT)) {
      const have = await c.db.all<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_name = $t", { t: table });
      expect(have.map((h) => h.name), table).toEqual(expect.arrayContaining(cols));
    }
    expect(await c.db.value("SELECT value FROM meta WHERE key = 'schema_version'")).toBe(String(SCHEMA_VERSION));
    expect(c.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await c.db.value("SELECT data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'event_time'")).toBe('TIMESTAMP WITH TIME ZONE');
  });

  it('reopens an existing case without migrating it again', async () => {
    const path = join(t.dir(), 'x.duckdb');
    (await Case.open(path, { create: true })).close();
    const c = await Case.open(path);
    expect(await c.db.value("SELECT count(*) FROM custody_log WHERE action = 'case-created'")).toBe(1n);
    c.close();
  });

  it('refuses a DuckDB database that is not an AuditLens case', async () => {
    const path = join(t.dir(), 'other.duckdb');
    await plainDuckDb(path, 'CREATE TABLE customers (id INTEGER)');
    await expect(Case.open(path)).rejects.toMatchObject({ code: 'not-a-case', message: expect.stringMatching(/not an AuditLens case/) });
  });

  it('refuses a file that is not a DuckDB database at all', async () => {
    const path = t.file('notes.duckdb', 'just some text, not a database');
    await expect(Case.open(path)).rejects.toMatchObject({ code: 'not-a-case' });
  });

  it('refuses a case from a newer schema with a clear message', async () => {
    const path = join(t.dir(), 'future.duckdb');
    (await Case.open(path, { create: true })).close();
    await plainDuckDb(path, `UPDATE meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`);
    await expect(Case.open(path)).rejects.toMatchObject({ code: 'newer-schema', message: expect.stringMatching(/Update AuditLens to open it/) });
  });

  it('says when there is no case at the path', async () => {
    await expect(Case.open(join(t.dir(), 'missing.duckdb'))).rejects.toMatchObject({ code: 'not-found' });
  });
});
