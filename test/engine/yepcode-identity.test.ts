import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/**
 * YepCode exports as its documentation describes them: ID is the affected entity, so many events
 * share it, and there is no event id. Every record must come through as an event.
 */

const USERS = Array.from({ length: 20 }, (_, i) => `dev${i}@acme.example`);
const T0 = Date.UTC(2025, 2, 1);

/** A team-zone time without offset, as the export writes it. */
function naive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Record i of a large export over `entities` processes: three records per second (so times
 * repeat across entities), every 10th a code edit, every 7th a @scheduler run. In odd rounds over
 * the entities, record 1000k+1 repeats record 1000k exactly: identical records are events too.
 */
function record(i: number, entities: number): Record<string, unknown> {
  const base = i % 1000 === 1 && Math.floor(i / entities) % 2 === 1 ? i - 1 : i;
  const id = `prc_${(base % entities).toString(36).padStart(4, '0')}`;
  const Time = naive(T0 + Math.floor(base / 3) * 1000);
  if (base % 7 === 0) return { User: '@scheduler', ID: id, Type: 'EXECUTION', Event: 'EXECUTED', Time };
  const User = USERS[base % USERS.length] as string;
  const IP = `198.51.100.${base % 250}`;
  if (base % 10 === 3) {
    return { User, IP, ID: id, Type: 'PROCESS', Event: 'UPDATED', Time, content: { before: `return ${base - 1};\n`, after: `return ${base};\n` } };
  }
  return { User, IP, ID: id, Type: base % 2 ? 'PROCESS' : 'VARIABLES', Event: base % 2 ? 'PUBLISHED' : 'UPDATED', Time };
}

/** Writes records [from, to) as a JSON array, streamed. */
async function writeExport(path: string, from: number, to: number, entities: number): Promise<void> {
  const out = createWriteStream(path);
  let buf = '[\n';
  for (let i = from; i < to; i++) {
    buf += (i > from ? ',\n' : '') + JSON.stringify(record(i, entities));
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf + '\n]\n');
  await once(out, 'finish');
}

describe('YepCode identity', () => {
  const t = useTempDir();

  it('imports 1M records over 10k entities as 1M events', { timeout: 600_000 }, async () => {
    const file = join(t.dir(), 'yepcode-1m.json');
    await writeExport(file, 0, 1_000_000, 10_000);
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [file] });
    expect(s.batches[0]).toMatchObject({ vendor: 'yepcode', format: 'json-array', events: 1_000_000, duplicates: 0, idConflicts: 0, rejects: 0 });
    const r = await c.db.one<{ n: bigint; entities: bigint; ids: bigint }>(
      'SELECT count(*) AS n, count(DISTINCT target_id) AS entities, count(DISTINCT event_id) AS ids FROM events',
    );
    expect(r).toEqual({ n: 1_000_000n, entities: 10_000n, ids: 1_000_000n });
    // 500 records are exact copies of the one before them: each copy is an event of its own.
    expect(await c.db.value('SELECT count(*) FROM (SELECT raw FROM events GROUP BY raw HAVING count(*) > 1)')).toBe(500n);
    // Re-importing the same export adds nothing.
    expect((await importPaths(c, { paths: [file] })).eventsTotal).toBe(0);
  });

  it('dedupes two exports overlapping by half to exactly their union', async () => {
    const a = join(t.dir(), 'a.json');
    const b = join(t.dir(), 'b.json');
    await writeExport(a, 0, 20_000, 300);
    await writeExport(b, 10_000, 30_000, 300);
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [a, b] });
    expect(s.batches.map((x) => [x.events, x.duplicates])).toEqual([
      [20_000, 0],
      [10_000, 10_000],
    ]);
    expect(await c.db.value('SELECT count(*) FROM events')).toBe(30_000n);
  });

  it('keeps both records when a repeated ID comes with different content', async () => {
    const rows = [
      { User: 'dana@acme.example', IP: '203.0.113.77', ID: 'prc_x', Type: 'PROCESS', Event: 'UPDATED', Time: '2025-03-04 02:09:41', content: { before: 'a', after: 'b' } },
      { User: 'dana@acme.example', IP: '203.0.113.77', ID: 'prc_x', Type: 'PROCESS', Event: 'UPDATED', Time: '2025-03-04 02:09:41', content: { before: 'b', after: 'c' } },
    ];
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('same-id.json', JSON.stringify(rows))] });
    expect(s.batches[0]).toMatchObject({ vendor: 'yepcode', events: 2, duplicates: 0, idConflicts: 0 });
  });

  it('auditlens history of a process shows all three code versions of records sharing one ID', async () => {
    const edit = (Time: string, before: string, after: string): Record<string, unknown> => ({
      User: 'dana@acme.example', IP: '203.0.113.77', ID: 'prc_7Hq2LmN4', Type: 'PROCESS', Event: 'UPDATED', Time, content: { before, after },
    });
    const rows = [
      edit('2025-03-04 02:09:41', 'v0();\n', 'v1();\n'),
      edit('2025-03-04 02:41:17', 'v1();\n', 'v2();\n'),
      edit('2025-03-04 02:55:02', 'v2();\n', 'v3();\n'),
    ];
    const casePath = join(t.dir(), 'c.duckdb');
    let out = '';
    const io = { out: (x: string) => (out += x), err: () => undefined, isTTY: false };
    expect(await main(['import', casePath, t.file('yepcode.json', JSON.stringify(rows))], io)).toBe(0);
    expect(out).toContain('3 events (yepcode, json-array)');
    out = '';
    expect(await main(['history', casePath, '--target', 'PROCESS=prc_7Hq2LmN4'], io)).toBe(0);
    expect(out).toContain('PROCESS prc_7Hq2LmN4: 3 versions from 3 events');
    const versions = out.split(/^(?=#\d )/m).slice(1);
    expect(versions.map((v) => v.split('\n')[0]?.split(' ').slice(0, 2).join(' '))).toEqual([
      '#1 2025-03-04T02:09:41.000Z',
      '#2 2025-03-04T02:41:17.000Z',
      '#3 2025-03-04T02:55:02.000Z',
    ]);
    versions.forEach((v, i) => expect(v).toContain(`      - v${i}();\n      + v${i + 1}();\n`));
  });
});
