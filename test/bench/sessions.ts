/**
 * Issue 9's figures on a case (npm run bench runs it on the 1M-event case it imported): exports to
 * Parquet and CSV against plain DuckDB COPY of the same table in the same run, bulk tagging ~100k
 * events, a report of 1,000 bookmarked events, and what restoring the working state adds to opening
 * the case. Usage: tsx test/bench/sessions.ts <case.duckdb>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createEngine } from '../../main/engine/api.ts';
import { sqlString } from '../../main/engine/db.ts';
import type { Result } from '../../preload/api.ts';

if (!process.argv[2]) throw new Error('usage: sessions.ts <case.duckdb>');
// The engine writes only to absolute paths.
const casePath = resolve(process.argv[2]);
// Beside the case: the exports are as large as the case, and temp folders may be cleaned by others.
const out = mkdtempSync(join(dirname(casePath), 'sessions-bench-'));

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const timed = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
};
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const line = (t: string): boolean => process.stdout.write(`${t}\n`);

try {
  const e = await createEngine({ casePath, dataDir: join(out, 'home') });
  const c = e.current;
  if (!c) throw new Error('no case');
  const total = ok(await e.countEvents({}));

  for (const format of ['parquet', 'csv'] as const) {
    const floorPath = join(out, `floor.${format}`);
    const [floorMs] = await timed(() => c.reader.run(`COPY (SELECT * FROM events) TO ${sqlString(floorPath)} (FORMAT ${format})`));
    const [ms, summary] = await timed(async () => ok(await e.exportEvents({ scope: {}, format, path: join(out, `all.${format}`) })));
    line(
      `export ${format} ${summary.rows.toLocaleString('en-US')} events (masked, provenance, annotations, time order): ${s(ms)}; ` +
        `plain COPY of events ${s(floorMs)}; ratio ${(ms / floorMs).toFixed(2)}; ${(summary.bytes / 1048576).toFixed(0)} MB`,
    );
  }

  const filter = "action = 'delete'";
  const n = ok(await e.countEvents({ filter }));
  const [tagMs, tagged] = await timed(async () => ok(await e.bulkTag({ scope: { filter }, tag: 'bench', expected: n })));
  line(`bulk tag ${tagged.tagged.toLocaleString('en-US')} events (${filter}): ${(tagMs).toFixed(0)} ms`);

  // 1,000 bookmarks (a third with notes) straight into the table, as many clicks would leave them.
  await c.reader.run(`INSERT INTO annotations (event_id, kind, author) SELECT event_id, 'bookmark', 'bench' FROM events USING SAMPLE 1000 ROWS (reservoir, 42)`);
  await c.reader.run(`INSERT INTO annotations (event_id, kind, value, author)
    SELECT event_id, 'note', 'Finding: ' || event_id || chr(10) || 'checked against the proxy logs', 'bench'
    FROM annotations WHERE kind = 'bookmark' AND hash(event_id) % 3 = 0`);
  await c.annotationsChanged();
  const [reportMs, report] = await timed(async () => ok(await e.writeReport({ path: join(out, 'report.html') })));
  line(`report of ${report.events.toLocaleString('en-US')} bookmarked events: ${reportMs.toFixed(0)} ms (${(report.bytes / 1048576).toFixed(1)} MB)`);

  // A working state as the viewer saves it: a filter, a selection, two timelines and a diff.
  const first = ok(await e.getEvents({ filter: "outcome = 'failure'", limit: 1, offset: 5000 })).rows[0];
  const workspace = {
    version: 1,
    scope: { filter: "outcome = 'failure'", chips: [{ column: 'action', value: 'delete', exclude: true }], search: '', timeRange: {}, zone: 'UTC' },
    selection: { index: 5000, eventId: first?.event_id ?? '' },
    scrollTop: 4990,
    detailOpen: true,
    tabs: {
      tabs: [
        { id: 'timeline:actor:user7@corp.example', title: 'actor', kind: 'timeline', entity: { kind: 'actor', value: 'user7@corp.example' } },
        { id: 'timeline:ip:10.1.2.3', title: 'ip', kind: 'timeline', entity: { kind: 'ip', value: '10.1.2.3' } },
        { id: 'diff:1', title: 'diff', kind: 'diff', a: { label: 'a', value: 'x\n'.repeat(25_000) }, b: { label: 'b', value: 'y\n'.repeat(25_000) } },
      ],
      active: 'timeline:actor:user7@corp.example',
      beside: null,
    },
  };
  ok(await e.setSession({ key: 'workspace', value: workspace }));
  const plain: number[] = [];
  const restored: number[] = [];
  for (let i = 0; i < 7; i++) {
    ok(await e.closeCase());
    const [a] = await timed(async () => {
      ok(await e.openCase(casePath));
      ok(await e.getSession('columns'));
      ok(await e.getEvents({ filter: "outcome = 'failure' AND (action IS NULL OR action <> 'delete')", limit: 200, offset: 4800 }));
    });
    plain.push(a);
    ok(await e.closeCase());
    const [b] = await timed(async () => {
      ok(await e.openCase(casePath));
      ok(await e.getSession('columns'));
      ok(await e.getSession('workspace'));
      ok(await e.getEvents({ filter: "outcome = 'failure' AND (action IS NULL OR action <> 'delete')", limit: 200, offset: 4800 }));
      // The selection's row is checked where it was; worst case it is looked up again.
      ok(await e.locateEvent({ filter: "outcome = 'failure' AND (action IS NULL OR action <> 'delete')", eventId: first?.event_id ?? '' }));
    });
    restored.push(b);
  }
  line(
    `session restore: opening the case and its first page ${median(plain).toFixed(0)} ms; with the working state read and the selection located ` +
      `${median(restored).toFixed(0)} ms; adds ${(median(restored) - median(plain)).toFixed(0)} ms (median of 7, ${total.toLocaleString('en-US')} events)`,
  );
  await e.dispose();
} finally {
  rmSync(out, { recursive: true, force: true });
}
