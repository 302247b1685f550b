import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemo } from '../../main/demo/demo-case.ts';
import { createEngine } from '../../main/engine/api.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { countEvents, eventPage, getEvent } from '../../main/engine/query/events.ts';
import { facets, suggestValues } from '../../main/engine/query/facets.ts';
import { bucketSize, histogram } from '../../main/engine/query/histogram.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const base = Date.UTC(2025, 0, 1, 0, 0, 0);
const rows = Array.from({ length: 60 }, (_, i) => ({
  id: `e${i}`,
  time: new Date(base + i * 60_000).toISOString(),
  user: i % 3 === 0 ? 'alice' : 'bob',
  action: i % 2 ? 'delete' : 'login',
  target: `doc-${i % 4}`,
  ip: `10.0.0.${i % 5}`,
  status: i % 10 === 0 ? 'failure' : 'success',
  note: i === 7 ? 'Needle in the haystack' : 'hay',
}));

describe('exploring a case', () => {
  const t = useTempDir();

  async function loaded() {
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('e.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))] });
    return c;
  }

  it('chooses round bucket sizes', () => {
    expect(bucketSize(60 * 60_000, 120)).toBe(30_000);
    expect(bucketSize(24 * 3600_000, 120)).toBe(15 * 60_000);
    expect(bucketSize(365 * 24 * 3600_000, 120)).toBe(7 * 24 * 3600_000);
  });

  it('counts events over time, stacked, and the counts add up to the filtered total', async () => {
    const c = await loaded();
    const h = await histogram(c.db, { stackBy: 'outcome', maxBuckets: 12 });
    expect(h.bucketMs).toBe(5 * 60_000);
    expect(h.buckets[0]).toBe('2025-01-01T00:00:00.000Z');
    expect(h.buckets).toHaveLength(12);
    expect(h.series.map((s) => s.key)).toEqual(['success', 'failure']);
    expect(h.series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0)).toBe(60);
    expect(h.series.find((s) => s.key === 'failure')?.counts.slice(0, 3)).toEqual([1, 0, 1]);
    const filtered = await histogram(c.db, { filter: "actor = 'alice'", stackBy: 'none' });
    expect(filtered.total).toBe(20);
    expect(filtered.series[0]?.counts.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('gives top values per facet that follow the filter', async () => {
    const c = await loaded();
    const all = await facets(c.db, { columns: ['actor', 'src_ip'], limit: 3 });
    expect(all.facets[0]).toEqual({ column: 'actor', values: [{ value: 'bob', count: 40 }, { value: 'alice', count: 20 }], distinct: 2 });
    expect(all.facets[1]?.values).toHaveLength(3);
    expect(all.facets[1]?.distinct).toBe(5);
    const del = await facets(c.db, { columns: ['action'], filter: "action = 'delete'" });
    expect(del.facets[0]?.values).toEqual([{ value: 'delete', count: 30 }]);
  });

  it('searches free text in columns and raw records, and narrows by time range', async () => {
    const c = await loaded();
    expect(await countEvents(c.db, { search: 'needle' })).toBe(1);
    expect(await countEvents(c.db, { search: 'ALICE' })).toBe(20);
    expect(await countEvents(c.db, { timeRange: { from: '2025-01-01T00:10:00Z', to: '2025-01-01T00:20:00Z' } })).toBe(10);
    const page = await eventPage(c.db, { search: 'needle', filter: "actor = 'bob'" });
    expect(page.rows.map((r) => r.raw.includes('Needle'))).toEqual([true]);
    expect(await getEvent(c.db, page.rows[0]?.event_id ?? '')).toMatchObject({ actor: 'bob', target_name: 'doc-3' });
    expect(await getEvent(c.db, 'nope')).toBeNull();
  });

  it('suggests values by prefix, most frequent first', async () => {
    const c = await loaded();
    expect(await suggestValues(c.db, { column: 'target_name', prefix: 'DOC-', limit: 2 })).toEqual([
      { value: 'doc-0', count: 15 },
      { value: 'doc-1', count: 15 },
    ]);
    await expect(suggestValues(c.db, { column: 'raw' as never })).rejects.toThrow(/no suggestions/);
  });

  it('keeps session state in the case, recent cases per machine, and opens the demo case', async () => {
    const dataDir = join(t.dir(), 'home');
    const engine = await createEngine({ dataDir, demoPath: join(t.dir(), 'demo.duckdb'), buildDemo });
    try {
      const casePath = join(t.dir(), 'x.duckdb');
      expect((await engine.createCase(casePath)).ok).toBe(true);
      expect(await engine.setSession({ key: 'columns', value: ['actor', 'action'] })).toEqual({ ok: true, value: null });
      expect(await engine.getSession('columns')).toEqual({ ok: true, value: ['actor', 'action'] });
      expect(await engine.getSession('missing')).toEqual({ ok: true, value: null });
      const demo = await engine.openDemoCase();
      expect(demo.ok && demo.value.byVendor.length).toBe(7);
      expect(await engine.recentCases()).toEqual({ ok: true, value: [join(t.dir(), 'demo.duckdb'), casePath] });
    } finally {
      await engine.dispose();
    }
  });
});

describe('refused imports', () => {
  const t = useTempDir();

  it('answers and announces an import refused for want of a case', async () => {
    const engine = await createEngine({ dataDir: join(t.dir(), 'home') });
    const done: unknown[] = [];
    engine.on('import-done', (s) => done.push(s));
    try {
      const r = await engine.importFiles({ paths: ['/nowhere.json'] });
      expect(r).toMatchObject({ ok: false, error: { code: 'no-case' } });
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ eventsTotal: 0, batches: [{ file: '/nowhere.json', error: { code: 'no-case' } }] });
    } finally {
      await engine.dispose();
    }
  });
});
