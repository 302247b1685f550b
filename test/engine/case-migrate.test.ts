import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../main/engine/case/schema.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/** Older cases move forward on open, keep what they held, and survive a crash right after. */

async function v1Case(path: string): Promise<void> {
  const db = await DuckDBInstance.create(path);
  const conn = await db.connect();
  await conn.run(MIGRATIONS[0] as string);
  await conn.run(`INSERT INTO meta VALUES ('app', 'auditlens'), ('schema_version', '1');
    INSERT INTO views (name, filter, timezone) VALUES ('night shift', 'hour(event_time) < 6', 'UTC');
    INSERT INTO custody_log (action, tool_version, details) VALUES ('case-created', '0.1.0', '{}');
    INSERT INTO mappings (vendor, mapping) VALUES ('okta', '{"id":"okta","label":"Okta System Log","fields":{}}'), ('github', '{"id":"github"}')`);
  conn.closeSync();
  db.closeSync();
}

describe('case migrations', () => {
  const t = useTempDir();

  it('moves a v1 case to the current schema, keeping its views and logging the migration', async () => {
    const path = join(t.dir(), 'old.duckdb');
    await v1Case(path);
    const c = await Case.open(path);
    expect(c.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await c.db.all('SELECT id, name, filter, chips, search FROM views')).toEqual([
      { id: 1, name: 'night shift', filter: 'hour(event_time) < 6', chips: null, search: null },
    ]);
    await c.db.run("INSERT INTO views (name) VALUES ('next')");
    expect(await c.db.value("SELECT id FROM views WHERE name = 'next'")).toBe(2);
    expect(await c.db.value("SELECT CAST(details AS VARCHAR) FROM custody_log WHERE action = 'schema-migrated'")).toBe(`{"from":1,"to":${SCHEMA_VERSION}}`);
    c.close();
  });

  it('keys v1 stored mappings by pack identity (vendor and label), the label taken from the mapping', async () => {
    const path = join(t.dir(), 'old.duckdb');
    await v1Case(path);
    const c = await Case.open(path);
    expect(await c.db.all('SELECT vendor, label, json_extract_string(mapping, \'$.id\') AS id FROM mappings ORDER BY vendor')).toEqual([
      { vendor: 'github', label: 'github', id: 'github' },
      { vendor: 'okta', label: 'Okta System Log', id: 'okta' },
    ]);
    await expect(c.db.run("INSERT INTO mappings (vendor, label, mapping) VALUES ('okta', 'Okta System Log', '{}')")).rejects.toThrow(/PRIMARY KEY|Duplicate key/);
    await c.db.run("INSERT INTO mappings (vendor, label, mapping) VALUES ('okta', 'Another Okta pack', '{}')");
    c.close();
  });

  it('opens after the process died right after migrating (the WAL replays)', () => {
    const path = join(t.dir(), 'crash.duckdb');
    const script = join(import.meta.dirname, '..', 'helpers', 'open-and-exit.ts');
    // A new case runs every migration; the child exits without closing, leaving them in the WAL.
    execFileSync(process.execPath, ['--import', 'tsx', script, path], { stdio: 'pipe' });
    return Case.open(path).then(async (c) => {
      expect(c.schemaVersion).toBe(SCHEMA_VERSION);
      expect(await c.db.value('SELECT count(*) FROM tags')).toBe(0n);
      c.close();
    });
  });
});
