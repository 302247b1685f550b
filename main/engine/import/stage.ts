import type { Db } from '../db.ts';
import { toJsonPath } from '../packs/paths.ts';
import { num, sqlString } from '../db.ts';
import { EngineError } from '../errors.ts';
import type { Limits } from './limits.ts';
import type { Prescan } from './prescan.ts';
import type { Sniffed } from './sniff.ts';

/**
 * Reads one file into two temp tables with DuckDB's native readers:
 *   al_stage(rn BIGINT, raw VARCHAR, loc VARCHAR)  one row per record, raw verbatim where possible
 *   al_rejects(locator VARCHAR, reason VARCHAR, excerpt VARCHAR)
 * `rn` is the 1-based line (NDJSON), row (CSV, header = row 1) or element index + 1 (JSON).
 */

export interface StageInput {
  path: string;
  /** How the file is named in locators (a zip entry shows as archive.zip!entry). */
  display: string;
  gz: boolean;
  /** The full scan (hash, line count), running alongside DuckDB's read. */
  scan: Promise<Prescan>;
  sniffed: Sniffed;
  limits: Limits;
}

export interface StageResult {
  rows: number;
  rejects: number;
  /** For json-object: the wrapper key whose array was read, or null for a single record. */
  wrapper: string | null;
  /** Records held as JSON strings (double-encoded), which the mapping reads through. */
  strings: number;
  /** NDJSON: empty or whitespace-only lines, which are not records. */
  blankLines?: number;
}

/**
 * Keys under which a saved API page or export holds its records, in order of preference. Besides
 * the common ones: `Events` (CloudTrail lookup-events), `result` (Cloudflare), `response` (Duo v1),
 * `activity_logs` / `operation_logs` (Zoom reports).
 */
const WRAPPER_KEYS = [
  'Records', 'logs', 'data', 'value', 'events', 'items', 'entries', 'results', 'auditLogs', 'records',
  'Events', 'result', 'response', 'activity_logs', 'operation_logs',
];
/** One level down: `{"response": {"authlogs": […], "metadata": …}}` (Duo v2 authentication logs, `items` in other v2 logs). */
const NESTED_PARENTS = ['response', 'data', 'result'];
const NESTED_KEYS = ['authlogs', ...WRAPPER_KEYS];

/** Explicit, so a gzip stream named .json (or plain text named .gz) is read as what it is. */
function compression(gz: boolean, reader: 'csv' | 'json'): string {
  return gz ? "compression='gzip'" : reader === 'csv' ? "compression='none'" : "compression='uncompressed'";
}

/** Where staged row k (0-based) sits in the file, given the sorted record numbers DuckDB dropped. */
async function shiftTable(db: Db, dropped: number[], base: number): Promise<string> {
  await db.run('CREATE OR REPLACE TEMP TABLE al_shift (k BIGINT, add BIGINT)');
  if (dropped.length === 0) return `k + ${base}`;
  const sorted = [...new Set(dropped)].sort((a, b) => a - b);
  const rows = sorted.map((r, i) => `(${r - base - i}, ${i + 1})`);
  for (let i = 0; i < rows.length; i += 1000) {
    await db.run(`INSERT INTO al_shift VALUES ${rows.slice(i, i + 1000).join(', ')}`);
  }
  return `k + ${base} + coalesce((SELECT max(add) FROM al_shift s WHERE s.k <= l.k), 0)`;
}

async function createRejects(db: Db): Promise<void> {
  await db.run('CREATE OR REPLACE TEMP TABLE al_rejects (locator VARCHAR, reason VARCHAR, excerpt VARCHAR)');
}

/** Human reason for a line that DuckDB's json_valid refused, from JS's own parser. */
function jsonReason(text: string): string {
  try {
    JSON.parse(text);
    return 'not valid JSON';
  } catch (e) {
    return `not valid JSON: ${(e as Error).message.replace(/^JSON\.parse: /, '')}`;
  }
}

async function refineJsonReasons(db: Db, limits: Limits): Promise<void> {
  const rows = await db.all<{ rid: bigint; excerpt: string }>(
    "SELECT rowid AS rid, excerpt FROM al_rejects WHERE reason = 'not valid JSON' AND length(excerpt) < 4096 LIMIT $n",
    { n: Math.min(limits.maxRejectDetail, 2000) },
  );
  for (const r of rows) {
    await db.run('UPDATE al_rejects SET reason = $r WHERE rowid = $id', { r: jsonReason(r.excerpt), id: r.rid });
  }
}

async function stageNdjson(db: Db, inp: StageInput): Promise<StageResult> {
  const { path, display, limits } = inp;
  // One parse per line here (try(json_type)); the mapping parses again only the valid ones.
  // ignore_errors skips only over-long lines (one column, no quotes: nothing else can fail);
  // the prescan names them as rejects and the line count below proves nothing else was skipped.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE al_lines AS SELECT line, try(json_type(line)) AS t FROM read_csv(${sqlString(path)},
      columns={'line': 'VARCHAR'}, header=false, delim='\\0', quote='', escape='', auto_detect=false, strict_mode=false,
      max_line_size=${limits.maxRecordBytes + 2}, ignore_errors=true, store_rejects=true, rejects_table='al_nd_rej',
      rejects_scan='al_nd_scan', ${compression(inp.gz, 'csv')})`,
  );
  const scan = await inp.scan;
  const long = new Set(scan.longLines.map((l) => l.line));
  // Lines DuckDB could not read besides the over-long ones: invalid UTF-8 (one bad byte must not
  // refuse the file). Each becomes a reject with its line number.
  const unreadable = (
    await db.all<{ line: bigint; msg: string; csv_line: string | null }>(
      'SELECT line, error_message AS msg, csv_line FROM al_nd_rej ORDER BY line',
    )
  ).filter((r) => !long.has(num(r.line)));
  await db.run('DROP TABLE IF EXISTS al_nd_rej');
  await db.run('DROP TABLE IF EXISTS al_nd_scan');
  const got = num(await db.value('SELECT count(*) FROM al_lines'));
  const expected = scan.lines - scan.longLines.length - unreadable.length;
  if (got !== expected) {
    throw new EngineError(
      'internal',
      `read ${got} lines where ${expected} were expected; the file was not imported (please report this file)`,
      { file: display },
    );
  }
  const firstRow = num(await db.value('SELECT coalesce(min(rowid), 0) FROM al_lines'));
  const rnExpr = await shiftTable(db, [...long, ...unreadable.map((r) => num(r.line))], 1);
  const prefix = sqlString(`${display}:`);
  // A line holding a JSON string of a JSON object (double-encoded shippers) is a record; raw keeps
  // the line as written and the mapping reads through the string (packs/sql.ts).
  const inner = "CASE WHEN t = 'VARCHAR' THEN json_extract_string(line, '$') END";
  const isRecord = `coalesce(t = 'OBJECT' OR (t = 'VARCHAR' AND try(json_type(${inner})) = 'OBJECT'), false)`;
  const numbered = `SELECT ${rnExpr} AS rn, line, t FROM (SELECT rowid - ${firstRow} AS k, line, t FROM al_lines) l`;
  await db.run(`CREATE OR REPLACE TEMP VIEW al_stage AS
    SELECT rn, line AS raw, ${prefix} || rn AS loc
    FROM (${numbered}) WHERE ${isRecord}`);
  await createRejects(db);
  await db.run(`INSERT INTO al_rejects
    SELECT ${prefix} || rn,
      CASE WHEN t IS NULL THEN 'not valid JSON'
           WHEN t = 'VARCHAR' THEN 'a JSON string that does not hold a JSON object'
           ELSE 'valid JSON but not an object (a ' || lower(t) || ')' END,
      left(line, 4096)
    FROM (SELECT ${rnExpr} AS rn, line, t FROM (
      SELECT rowid - ${firstRow} AS k, line, t FROM al_lines WHERE t IS DISTINCT FROM 'OBJECT') l)
    WHERE line IS NOT NULL AND trim(line) <> '' AND NOT ${isRecord}
    ORDER BY rn`);
  for (const l of scan.longLines) {
    await db.run('INSERT INTO al_rejects VALUES ($loc, $reason, NULL)', {
      loc: `${display}:${l.line}`,
      reason: `line of ${(l.bytes / 1048576).toFixed(1)} MB is over the ${(limits.maxRecordBytes / 1048576).toFixed(0)} MB record limit (--max-record-mb); not read`,
    });
  }
  for (const r of unreadable) {
    await db.run('INSERT INTO al_rejects VALUES ($loc, $reason, $ex)', {
      loc: `${display}:${num(r.line)}`,
      reason: /unicode|utf-?8|encod/i.test(r.msg)
        ? 'not UTF-8 text (an invalid byte sequence); the line was not read'
        : `the line could not be read: ${r.msg.split('\n')[0] ?? r.msg}`,
      ex: (r.csv_line ?? '').slice(0, 4096),
    });
  }
  await refineJsonReasons(db, limits);
  const blank = num(await db.value("SELECT count(*) FROM al_lines WHERE line IS NULL OR trim(line) = ''"));
  return { ...(await counts(db, null, await stringCount(db, 'al_lines'))), blankLines: blank };
}

async function counts(db: Db, wrapper: string | null, strings = 0): Promise<StageResult> {
  const rows = num(await db.value('SELECT count(*) FROM al_stage'));
  const rejects = num(await db.value('SELECT count(*) FROM al_rejects'));
  return { rows, rejects, wrapper, strings };
}

/** Records that are JSON strings, from the type column staging computed anyway (no second parse). */
async function stringCount(db: Db, table: string): Promise<number> {
  return num(await db.value(`SELECT count(*) FROM ${table} WHERE t = 'VARCHAR'`));
}

/** JSON array elements: objects are records, and so are strings holding objects (kept as written); others rejected. */
async function stageElements(db: Db, source: string, prefix: string): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE al_el AS SELECT j FROM (${source})`);
  await db.run(`CREATE OR REPLACE TEMP TABLE al_typed AS
    SELECT rowid - (SELECT min(rowid) FROM al_el) + 1 AS rn, j, CASE WHEN json_valid(j) THEN json_type(j) END AS t,
      CASE WHEN json_valid(j) AND json_type(j) = 'VARCHAR' THEN json_extract_string(j, '$') END AS inner_text
    FROM al_el`);
  await db.run('DROP TABLE al_el');
  // What a string holds, typed apart: DuckDB does not short-circuit AND, and json_type of text
  // that is not JSON is an error (a plain string element must be a reject, not a failed file).
  await db.run('ALTER TABLE al_typed ADD COLUMN inner_t VARCHAR');
  await db.run('UPDATE al_typed SET inner_t = CASE WHEN json_valid(inner_text) THEN json_type(inner_text) END WHERE inner_text IS NOT NULL');
  const p = sqlString(prefix);
  await db.run(`CREATE OR REPLACE TEMP TABLE al_stage AS
    SELECT rn, j AS raw, ${p} || (rn - 1) || ']' AS loc
    FROM al_typed
    WHERE coalesce(t = 'OBJECT' OR (t = 'VARCHAR' AND inner_t = 'OBJECT'), false)
    ORDER BY rn`);
  await createRejects(db);
  await db.run(`INSERT INTO al_rejects
    SELECT ${p} || (rn - 1) || ']',
      CASE WHEN t IS NULL THEN 'not valid JSON'
           WHEN t = 'VARCHAR' THEN 'a JSON string that does not hold a JSON object'
           ELSE 'element is ' || lower(t) || ', not an object' END,
      left(j, 4096)
    FROM al_typed
    WHERE NOT coalesce(t = 'OBJECT' OR (t = 'VARCHAR' AND inner_t = 'OBJECT'), false)
    ORDER BY rn`);
  const strings = await stringCount(db, 'al_typed');
  await db.run('DROP TABLE al_typed');
  return strings;
}

async function stageJsonArray(db: Db, inp: StageInput): Promise<StageResult> {
  const src = `SELECT json AS j FROM read_json_objects(${sqlString(inp.path)}, format='array',
    maximum_object_size=${inp.limits.maxRecordBytes}, ${compression(inp.gz, 'json')})`;
  const strings = await stageElements(db, src, `${inp.display}[`);
  await refineJsonReasons(db, inp.limits);
  return counts(db, null, strings);
}

async function stageJsonObject(db: Db, inp: StageInput): Promise<StageResult> {
  const scan = await inp.scan;
  if (scan.contentBytes > inp.limits.maxRecordBytes) {
    throw new EngineError(
      'refused',
      `a single JSON document of ${(scan.contentBytes / 1048576).toFixed(1)} MB is over the ${(inp.limits.maxRecordBytes / 1048576).toFixed(0)} MB record limit (--max-record-mb); split it or export as NDJSON`,
      { file: inp.display, line: 1 },
    );
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE al_doc AS SELECT json AS j FROM read_json_objects(${sqlString(inp.path)},
    format='unstructured', maximum_object_size=${inp.limits.maxRecordBytes + 16}, ${compression(inp.gz, 'json')})`);
  const docs = await db.all<{ keys: string[] | null; types: string[] | null; t: string }>(
    `SELECT json_type(j) AS t, json_keys(j) AS keys,
       list_transform(json_keys(j), lambda k: json_type(j, '$."' || replace(k, '"', '\\"') || '"')) AS types
     FROM al_doc LIMIT 1`,
  );
  const doc = docs[0];
  let wrapper: string | null = null;
  let strings = 0;
  if (doc && doc.keys && doc.types) {
    const arrays = doc.keys.filter((_, i) => doc.types?.[i] === 'ARRAY');
    wrapper = WRAPPER_KEYS.find((k) => arrays.includes(k)) ?? null;
    const parent = wrapper ? undefined : NESTED_PARENTS.find((k) => doc.types?.[doc.keys?.indexOf(k) ?? -1] === 'OBJECT');
    if (parent) wrapper = await nestedWrapper(db, parent);
  }
  if (!wrapper) {
    // An envelope whose records key is not a known one (a GraphQL `data.x.nodes`, Zendesk `audit_logs`).
    const st = await db.value<string>('SELECT json_structure(j)::VARCHAR FROM al_doc LIMIT 1');
    const found = st ? envelopeArray(JSON.parse(st) as unknown) : null;
    wrapper = found ? found.join('.') : null;
  }
  if (wrapper) {
    const path = sqlString(`${toJsonPath(wrapper.split('.'))}[*]`);
    strings = await stageElements(db, `SELECT unnest(json_extract(j, ${path}))::VARCHAR AS j FROM al_doc`, `${inp.display} ${wrapper}[`);
  } else {
    strings = await stageElements(db, 'SELECT j FROM al_doc', `${inp.display}[`);
    await db.run(`UPDATE al_stage SET loc = ${sqlString(inp.display)} || ' (document ' || rn || ')'`);
  }
  await db.run('DROP TABLE al_doc');
  return counts(db, wrapper, strings);
}

/** `parent.key` when the document's `parent` object holds an array under a wrapper key, else null. */
async function nestedWrapper(db: Db, parent: string): Promise<string | null> {
  const p = sqlString(`$."${parent}"`);
  const rows = await db.all<{ keys: string[] | null; types: string[] | null }>(
    `SELECT json_keys(j, ${p}) AS keys,
       list_transform(json_keys(j, ${p}), lambda k: json_type(json_extract(j, ${p}), '$."' || replace(k, '"', '\\"') || '"')) AS types
     FROM al_doc LIMIT 1`,
  );
  const r = rows[0];
  if (!r?.keys || !r.types) return null;
  const arrays = r.keys.filter((_, i) => r.types?.[i] === 'ARRAY');
  const key = NESTED_KEYS.find((k) => arrays.includes(k));
  return key ? `${parent}.${key}` : null;
}

/** Keys of an API page's envelope around its records: paging, counts, status, links. */
const ENVELOPE_KEY = /^(next|prev|previous|cursor|page|total|count|size|has_?more|links?|_links|meta|metadata|paging|pagination|offset|limit|stat|status|success|errors?|messages?|object|url|from|to|first_?id|last_?id|version|result_?info|response_?metadata|kind|etag|chunk_?size|start|done|took|page_?info|end_?cursor|has_?next_?page|@odata)/i;

/**
 * The records array of an API page whose key is not a known wrapper (Zoom `activity_logs`,
 * Cloudflare `result`, Duo `response.authlogs`, a GraphQL `data.x.nodes`): the array of objects
 * reached through objects whose other keys are all envelope keys. Null when there is none, so a
 * single record holding a list (`targets`) stays one record.
 */
function envelopeArray(structure: unknown, depth = 0): string[] | null {
  if (!structure || typeof structure !== 'object' || Array.isArray(structure) || depth > 3) return null;
  const entries = Object.entries(structure as Record<string, unknown>);
  const isRecords = (v: unknown): boolean =>
    Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null && !Array.isArray(v[0]) && Object.keys(v[0] as object).length >= 2;
  const found: string[][] = [];
  for (const [k, v] of entries) {
    if (isRecords(v)) found.push([k]);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = envelopeArray(v, depth + 1);
      if (inner) found.push([k, ...inner]);
    }
  }
  if (found.length !== 1) return null;
  const key = (found[0] as string[])[0];
  const rest = entries.filter(([k]) => k !== key);
  return rest.every(([k, v]) => ENVELOPE_KEY.test(k) || v === 'NULL' || (Array.isArray(v) && !isRecords(v))) ? (found[0] as string[]) : null;
}

async function stageCsv(db: Db, inp: StageInput): Promise<StageResult> {
  const delim = inp.sniffed.delimiter ?? ',';
  const skip = inp.sniffed.skipLines ?? 0;
  await db.run(`CREATE OR REPLACE TEMP TABLE al_rows AS SELECT to_json(t)::VARCHAR AS raw
    FROM read_csv(${sqlString(inp.path)}, header=true, skip=${skip}, all_varchar=true, delim=${sqlString(delim)}, quote='"', escape='"',
      store_rejects=true, rejects_table='al_csv_rej', rejects_scan='al_csv_scan',
      max_line_size=${inp.limits.maxRecordBytes + 2}, ${compression(inp.gz, 'csv')}, normalize_names=false) t`);
  const rej = await db.all<{ line: bigint; msg: string; csv_line: string | null }>(
    'SELECT line, error_message AS msg, csv_line FROM al_csv_rej ORDER BY line',
  );
  const rnExpr = await shiftTable(
    db,
    rej.map((r) => num(r.line)),
    2 + skip,
  );
  const prefix = sqlString(`${inp.display}:row `);
  await db.run(`CREATE OR REPLACE TEMP TABLE al_stage AS
    SELECT ${rnExpr} AS rn, raw, ${prefix} || (${rnExpr}) AS loc FROM (SELECT rowid - (SELECT min(rowid) FROM al_rows) AS k, raw FROM al_rows) l ORDER BY rn`);
  await db.run('DROP TABLE al_rows');
  await createRejects(db);
  for (const r of rej) {
    await db.run('INSERT INTO al_rejects VALUES ($loc, $reason, $ex)', {
      loc: `${inp.display}:row ${num(r.line)}`,
      reason: `CSV row rejected: ${r.msg}`,
      ex: (r.csv_line ?? '').replace(/^\r?\n/, '').slice(0, 4096),
    });
  }
  await db.run('DROP TABLE IF EXISTS al_csv_rej');
  await db.run('DROP TABLE IF EXISTS al_csv_scan');
  return counts(db, null);
}

export async function stageFile(db: Db, inp: StageInput): Promise<StageResult> {
  switch (inp.sniffed.format) {
    case 'ndjson':
      return stageNdjson(db, inp);
    case 'json-array':
      return stageJsonArray(db, inp);
    case 'json-object':
      return stageJsonObject(db, inp);
    case 'csv':
      return stageCsv(db, inp);
  }
}

export async function dropStage(db: Db): Promise<void> {
  // al_stage is a view for NDJSON and a table otherwise.
  await db.run('DROP VIEW IF EXISTS al_stage').catch(() => db.run('DROP TABLE IF EXISTS al_stage'));
  for (const t of ['al_rejects', 'al_occ', 'al_shift', 'al_lines', 'al_typed', 'al_el', 'al_doc', 'al_rows', 'al_nd_rej', 'al_nd_scan']) {
    await db.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
