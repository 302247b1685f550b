import { createHash } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ExportedFile, ExportSelection } from '../../../preload/api.ts';
import { num, sqlString, type Db } from '../db.ts';
import { hashFile } from '../output-file.ts';
import { TOOL_VERSION } from '../version.ts';
import { selectionScope } from './select.ts';

/**
 * A Parquet dataset partitioned by vendor and day, hive style (`vendor=okta/day=2025-03-04/…`),
 * which Spark, Trino, ClickHouse, Athena and BigQuery read as it is (docs/export.md has one query
 * for each). Events without a time go to `day=__HIVE_DEFAULT_PARTITION__`, Hive's name for NULL.
 * Beside the data: _manifest.json (schema, selection, every file's rows and SHA-256) and _README.md;
 * their leading underscore makes Spark, Hive, Trino and Athena skip them as data files.
 */

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

const README = (rows: number, files: number): string => `# AuditLens event dataset

${rows} events in ${files} Parquet files, written by AuditLens ${TOOL_VERSION}.

Layout: \`vendor=<vendor id>/day=<YYYY-MM-DD in UTC>/data_N.parquet\` (hive partitioning; events
without a readable time are under \`day=__HIVE_DEFAULT_PARTITION__\`). The columns are those of the
case's \`events\` table (\`event_time\` a UTC timestamp, \`changes\` JSON text) plus \`bookmarked\`,
\`tags\`, \`note\` and the provenance of each row (\`batch_id\`, \`locator\`, \`origin\`,
\`origin_method\`, \`origin_sha256\`, \`origin_container\`, \`origin_container_sha256\`).
\`vendor\` and \`day\` are in the folder names, not in the files.

_manifest.json lists the schema, the selection exported and every file with its row count and
SHA-256. Example queries for DuckDB, Spark, Trino, ClickHouse, Athena and BigQuery are in
AuditLens's docs/export.md.

    duckdb -c "SELECT vendor, day, count(*) FROM read_parquet('**/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY ALL"
`;

export async function finishDataset(
  db: Db,
  dir: string,
  meta: { rows: number; masked: boolean; casePath: string; selection: ExportSelection },
): Promise<{ sha256: string; bytes: number; files: ExportedFile[] }> {
  const paths = (await walk(dir)).filter((p) => p.endsWith('.parquet')).sort();
  const counts = new Map<string, number>();
  if (paths.length > 0) {
    const rows = await db.all<{ f: string; n: bigint }>(
      `SELECT file_name AS f, sum(num_rows) AS n FROM parquet_file_metadata(${sqlString(join(dir, '**', '*.parquet'))}) GROUP BY 1`,
    );
    for (const r of rows) counts.set(r.f, num(r.n));
  }
  const files: ExportedFile[] = [];
  for (const p of paths) {
    const h = await hashFile(p);
    files.push({ path: relative(dir, p).split(sep).join('/'), rows: counts.get(p) ?? 0, bytes: h.bytes, sha256: h.sha256 });
  }
  const schema =
    paths.length === 0
      ? []
      : await db.all<{ column_name: string; column_type: string }>(
          `DESCRIBE SELECT * FROM read_parquet(${sqlString(join(dir, '**', '*.parquet'))}, hive_partitioning = true, hive_types = {'vendor': VARCHAR, 'day': VARCHAR})`,
        );
  const manifest = {
    format: 'auditlens-dataset',
    version: 1,
    tool_version: TOOL_VERSION,
    created_at: new Date().toISOString(),
    case: meta.casePath,
    partitioning: { style: 'hive', columns: ['vendor', 'day'], day: 'event_time in UTC, YYYY-MM-DD; __HIVE_DEFAULT_PARTITION__ when NULL' },
    selection: selectionScope(meta.selection),
    secrets: meta.masked ? 'masked' : 'kept',
    rows: meta.rows,
    schema: schema.map((c) => ({ name: c.column_name, type: c.column_type })),
    files,
  };
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  await writeFile(join(dir, '_manifest.json'), manifestText);
  await writeFile(join(dir, '_README.md'), README(meta.rows, files.length));
  const readmeBytes = (await stat(join(dir, '_README.md'))).size;
  const bytes = files.reduce((n, f) => n + f.bytes, 0) + Buffer.byteLength(manifestText) + readmeBytes;
  return { sha256: createHash('sha256').update(manifestText).digest('hex'), bytes, files };
}
