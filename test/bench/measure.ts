/** One measurement in its own process (see run.ts): prints {ms, rssMb, events} as JSON. */
import { DuckDBInstance } from '@duckdb/node-api';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { sqlString } from '../../main/engine/db.ts';

const [mode, file, format, casePath] = process.argv.slice(2) as [string, string, string, string];
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const t0 = performance.now();
let events = 0;
if (mode === 'floor') {
  const db = await DuckDBInstance.create(casePath);
  const conn = await db.connect();
  const reader = format === 'ndjson' ? `read_json_auto(${sqlString(file)})` : `read_csv_auto(${sqlString(file)})`;
  await conn.run(`CREATE TABLE t AS SELECT * FROM ${reader}`);
  const r = await conn.runAndReadAll('SELECT count(*) AS n FROM t');
  events = Number(r.getRowObjectsJS()[0]?.n);
  conn.closeSync();
  db.closeSync();
} else {
  const c = await Case.open(casePath, { create: true });
  const s = await importPaths(c, { paths: [file] });
  events = s.eventsTotal;
  if (s.batches.some((b) => b.error)) throw new Error(JSON.stringify(s.batches));
  await c.close();
}
const ms = performance.now() - t0;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ ms, rssMb: peak / 1048576, events }) + '\n');
