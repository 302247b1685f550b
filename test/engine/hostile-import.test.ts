import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../main/engine/import/importer.ts';
import { DEFAULT_LIMITS } from '../../main/engine/import/limits.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const line = (i: number): Buffer =>
  Buffer.from(`${JSON.stringify({ id: `e${i}`, timestamp: '2025-03-01T10:00:00Z', user: 'Zoë', action: 'update' })}\n`);

describe('hostile import input', () => {
  const t = useTempDir();

  it('an invalid UTF-8 byte makes that line a reject with its line number; the rest imports', async () => {
    const lines = Array.from({ length: 2002 }, (_, i) => line(i));
    lines[1000] = Buffer.concat([Buffer.from('{"id": "bad", "user": "a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}\n')]);
    const body = Buffer.concat(lines);
    for (const [name, bytes] of [['bad.ndjson', body], ['bad.ndjson.gz', gzipSync(body)]] as const) {
      const c = await t.openCase(`${name}.duckdb`);
      const s = await importPaths(c, { paths: [t.file(name, bytes)], vendor: 'generic' });
      expect(s.batches[0]?.error).toBeUndefined();
      expect(s.batches[0]).toMatchObject({ rejects: 1 });
      const rejects = await c.db.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects WHERE batch_id = $b', { b: s.batches[0]?.batchId ?? 0 });
      expect(rejects).toEqual([{ locator: `${name}:1001`, reason: 'not UTF-8 text (an invalid byte sequence); the line was not read' }]);
      const around = await c.db.all<{ locator: string }>(
        "SELECT locator FROM events WHERE batch_id = $b AND locator IN ($l1, $l2) ORDER BY locator",
        { b: s.batches[0]?.batchId ?? 0, l1: `${name}:1000`, l2: `${name}:1002` },
      );
      expect(around.map((r) => r.locator)).toEqual([`${name}:1000`, `${name}:1002`]);
      expect(await c.db.value('SELECT count(DISTINCT event_id) FROM events')).toBe(2001n);
    }
  });

  it('keeps full detail for the first rejects of a file and counts the rest', async () => {
    expect(DEFAULT_LIMITS.maxRejectDetail).toBe(10_000);
    const c = await t.openCase();
    const lines = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? line(i).toString() : `not json ${i}\n`));
    const s = await importPaths(c, { paths: [t.file('many.ndjson', lines.join(''))], limits: { maxRejectDetail: 5 } });
    expect(s.batches[0]).toMatchObject({ events: 10, rejects: 30 });
    const rows = await c.db.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects ORDER BY id');
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 5).map((r) => r.locator)).toEqual(['many.ndjson:2', 'many.ndjson:3', 'many.ndjson:4', 'many.ndjson:6', 'many.ndjson:7']);
    expect(rows[5]).toEqual({ locator: 'many.ndjson', reason: '25 more rejects in this file are counted but not listed (details are kept for the first 5)' });
    expect(await c.db.value('SELECT reject_count FROM batches')).toBe(30n);
  });
});
