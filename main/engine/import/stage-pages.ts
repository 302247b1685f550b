import type { Db } from '../db.ts';
import { sqlString } from '../db.ts';
import type { Limits } from './limits.ts';
import type { StageResult } from './stage.ts';

/**
 * Stages the bodies of API pages (one JSON document per file) into the same temp tables a file
 * import uses (`al_stage`, `al_rejects`; see stage.ts), so pages go through the same mapping and
 * commit path. `records` says where a body keeps its events: `$[*]` for a bare array (elements
 * kept verbatim, as for a JSON-array file), `$.logs[*]` for an array inside a wrapper object
 * (re-serialized compactly, as for a wrapper file), `$.data` for a body holding one record.
 * Locators are `<label>[i]` (e.g. `page 12[3]`). The same rules as files decide what is a record:
 * objects are, and so are strings holding objects — kept as received (the JSON string), the
 * mapping reads through them — anything else is a reject.
 */

export interface PageFile {
  path: string;
  label: string;
}

export type RecordsPath = `$${string}`;

function elementsSql(files: PageFile[], records: RecordsPath, limits: Limits): string {
  const list = `[${files.map((f) => sqlString(f.path)).join(', ')}]`;
  const size = `maximum_object_size=${limits.maxRecordBytes + 16}`;
  if (records === '$[*]') {
    return `SELECT filename AS f, json AS j FROM read_json_objects(${list}, format='array', filename=true, ${size})`;
  }
  if (records.endsWith('[*]')) {
    return `SELECT f, unnest(l) AS j, unnest(range(len(l))) AS i FROM (
      SELECT filename AS f, coalesce(json_extract(json, ${sqlString(records)})::VARCHAR[], []::VARCHAR[]) AS l
      FROM read_json_objects(${list}, format='unstructured', filename=true, ${size}))`;
  }
  return `SELECT filename AS f, json_extract(json, ${sqlString(records)})::VARCHAR AS j, 0 AS i
    FROM read_json_objects(${list}, format='unstructured', filename=true, ${size})
    WHERE json_extract(json, ${sqlString(records)}) IS NOT NULL`;
}

/** The persistent `al_stage` a pull refills for every group (prepared statements keep pointing at it). */
export async function createPageStage(db: Db): Promise<void> {
  await db.run('CREATE OR REPLACE TEMP TABLE al_stage (rn BIGINT, raw VARCHAR, loc VARCHAR)');
}

/** Fills `al_stage` (made by createPageStage) and `al_rejects` with the records of these page files. */
export async function stagePages(db: Db, files: PageFile[], records: RecordsPath, limits: Limits): Promise<StageResult> {
  await db.run('CREATE OR REPLACE TEMP TABLE al_pagefile (f VARCHAR, label VARCHAR, ord INTEGER)');
  for (let i = 0; i < files.length; i += 500) {
    const rows = files.slice(i, i + 500).map((p, k) => `(${sqlString(p.path)}, ${sqlString(p.label)}, ${i + k})`);
    await db.run(`INSERT INTO al_pagefile VALUES ${rows.join(', ')}`);
  }
  // Element order within a page comes from the read itself (rowid of the temp table for arrays).
  await db.run(`CREATE OR REPLACE TEMP TABLE al_el AS SELECT * FROM (${elementsSql(files, records, limits)})`);
  const indexed = records === '$[*]'
    ? 'SELECT f, j, row_number() OVER (PARTITION BY f ORDER BY rowid) - 1 AS i FROM al_el'
    : 'SELECT f, j, i FROM al_el';
  await db.run(`CREATE OR REPLACE TEMP TABLE al_typed AS
    SELECT row_number() OVER (ORDER BY p.ord, e.i) AS rn, p.label || '[' || e.i || ']' AS loc, e.j,
      CASE WHEN json_valid(e.j) THEN json_type(e.j) END AS t,
      CASE WHEN json_valid(e.j) AND json_type(e.j) = 'VARCHAR' THEN json_extract_string(e.j, '$') END AS inner_text
    FROM (${indexed}) e JOIN al_pagefile p ON p.f = e.f`);
  // The type of what a string holds, computed apart: DuckDB does not short-circuit AND, and
  // json_type of text that is not JSON is an error.
  await db.run('ALTER TABLE al_typed ADD COLUMN inner_t VARCHAR');
  await db.run(`UPDATE al_typed SET inner_t = CASE WHEN json_valid(inner_text) THEN json_type(inner_text) END WHERE inner_text IS NOT NULL`);
  await db.run('DROP TABLE al_el');
  const isRecord = "coalesce(t = 'OBJECT' OR (t = 'VARCHAR' AND inner_t = 'OBJECT'), false)";
  await db.run('DELETE FROM al_stage');
  await db.run(`INSERT INTO al_stage
    SELECT rn, j AS raw, loc FROM al_typed WHERE ${isRecord} ORDER BY rn`);
  await db.run('CREATE OR REPLACE TEMP TABLE al_rejects (locator VARCHAR, reason VARCHAR, excerpt VARCHAR)');
  await db.run(`INSERT INTO al_rejects
    SELECT loc,
      CASE WHEN t IS NULL THEN 'not valid JSON'
           WHEN t = 'VARCHAR' THEN 'a JSON string that does not hold a JSON object'
           ELSE 'element is ' || lower(t) || ', not an object' END,
      left(j, 4096)
    FROM al_typed WHERE NOT (${isRecord}) ORDER BY rn`);
  const strings = Number(await db.value(`SELECT count(*) FROM al_typed WHERE t = 'VARCHAR' AND ${isRecord}`));
  await db.run('DROP TABLE al_typed');
  await db.run('DROP TABLE al_pagefile');
  const rows = Number(await db.value('SELECT count(*) FROM al_stage'));
  const rejects = Number(await db.value('SELECT count(*) FROM al_rejects'));
  return { rows, rejects, wrapper: records === '$[*]' ? null : records, strings };
}
