import { describe, expect, it } from 'vitest';
import { importPaths } from '../../main/engine/import/importer.ts';
import { Pager } from '../../main/engine/query/pager.ts';
import { compileScope } from '../../main/engine/query/scope.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const rows = Array.from({ length: 300 }, (_, i) => ({
  id: `e${i}`,
  // Times out of file order, with ties, so the sort and its event_id tie-break both matter.
  time: new Date(Date.UTC(2025, 0, 1) + ((i * 37) % 101) * 1000).toISOString(),
  user: `u${i % 7}`,
  action: i % 2 ? 'read' : 'write',
}));

describe('paging through large results', () => {
  const t = useTempDir();

  it('pages through a sort index exactly as ORDER BY … OFFSET would, and forgets it on invalidate', async () => {
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('e.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))] });
    const indexed = new Pager(c.reader, { threshold: 10, topNWindow: 0 });
    for (const [filter, col, dir] of [
      ['', 'event_time', 'ASC'],
      ["action = 'read'", 'actor', 'DESC'],
    ] as const) {
      const scope = await compileScope(c.reader, { filter });
      const expected = await c.reader.all<{ event_id: string }>(
        `SELECT event_id FROM events WHERE ${scope.where} ORDER BY ${col} ${dir} NULLS LAST, event_id`,
        scope.params,
      );
      const got: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 37) {
        const page = await indexed.page(scope.where, scope.params, col, dir, offset, 37);
        expect(page.total).toBe(expected.length);
        got.push(...page.rows.map((r) => String(r.event_id)));
      }
      expect(got).toEqual(expected.map((e) => e.event_id));
      const beyond = await indexed.page(scope.where, scope.params, col, dir, expected.length + 5, 10);
      expect(beyond.rows).toEqual([]);
    }
    // The first page of a large result comes from a top-N query while the index builds.
    const quick = new Pager(c.reader, { threshold: 10, topNWindow: 100 });
    const all = await compileScope(c.reader, {});
    const first = await quick.page(all.where, all.params, 'event_time', 'ASC', 0, 20);
    const viaIndex = await indexed.page(all.where, all.params, 'event_time', 'ASC', 0, 20);
    expect(first.rows.map((r) => r.event_id)).toEqual(viaIndex.rows.map((r) => r.event_id));
    await quick.invalidate();
    const before = await c.reader.value<bigint>("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'al_pg_%'");
    expect(before).toBe(2n);
    await indexed.invalidate();
    expect(await c.reader.value<bigint>("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'al_pg_%'")).toBe(0n);
  });
});
