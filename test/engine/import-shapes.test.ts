import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../main/engine/import/importer.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { zipFile } from '../helpers/zip.ts';

const rec = (i: number): Record<string, unknown> => ({
  id: `e${i}`,
  timestamp: `2025-03-0${(i % 9) + 1}T10:00:0${i % 10}Z`,
  user: `user${i}@example.com`,
  action: i % 2 ? 'delete' : 'create',
  target: `doc-${i}`,
  ip: `10.0.0.${i}`,
});
const three = [rec(1), rec(2), rec(3)];

describe('import shapes', () => {
  const t = useTempDir();

  async function importOne(name: string, content: string | Buffer): Promise<{ events: number; format: string; actors: string[] }> {
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file(name, content)] });
    const b = s.batches[0];
    expect(b?.error).toBeUndefined();
    const rows = await c.db.all<{ actor: string }>('SELECT actor FROM events ORDER BY actor');
    return { events: b?.events ?? -1, format: b?.format ?? '', actors: rows.map((r) => r.actor) };
  }

  it('reads a JSON array', async () => {
    const r = await importOne('a.json', JSON.stringify(three, null, 2));
    expect(r).toEqual({ events: 3, format: 'json-array', actors: ['user1@example.com', 'user2@example.com', 'user3@example.com'] });
  });

  it('reads NDJSON with CRLF line ends and blank lines', async () => {
    const r = await importOne('a.ndjson', three.map((x) => JSON.stringify(x)).join('\r\n\r\n') + '\r\n');
    expect(r.events).toBe(3);
    expect(r.format).toBe('ndjson');
  });

  for (const key of ['Records', 'logs', 'data', 'value', 'events', 'items']) {
    it(`reads an object wrapping the array in "${key}"`, async () => {
      const r = await importOne(`w-${key}.json`, JSON.stringify({ [key]: three, nextPage: null }));
      expect(r.events).toBe(3);
      expect(r.format).toBe('json-object');
    });
  }

  it('reads a single object as one event', async () => {
    const r = await importOne('one.json', JSON.stringify(rec(7), null, 2));
    expect(r).toMatchObject({ events: 1, actors: ['user7@example.com'] });
  });

  it('reads an array of JSON strings (double-encoded records)', async () => {
    const text = JSON.stringify(three.map((x) => JSON.stringify(x)));
    const r = await importOne('strings.json', text);
    expect(r.events).toBe(3);
    expect(r.actors).toEqual(['user1@example.com', 'user2@example.com', 'user3@example.com']);
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('strings2.json', text)] });
    const raws = await c.db.all<{ raw: string }>('SELECT raw FROM events ORDER BY locator');
    expect(raws.map((x) => x.raw)).toEqual(three.map((x) => JSON.stringify(JSON.stringify(x))));
  });

  it('lists a plain string element of an array as a reject and imports the records around it', async () => {
    const text = `[${JSON.stringify(three[0])}, "not a record", ${JSON.stringify(JSON.stringify(three[1]))}]`;
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('mixed.json', text)] });
    expect(s.batches[0]).toMatchObject({ events: 2, rejects: 1 });
    const rejects = await c.db.all<{ reason: string }>('SELECT reason FROM rejects');
    expect(rejects).toEqual([{ reason: 'a JSON string that does not hold a JSON object' }]);
  });

  it('maps a string-wrapped record through its string and keeps the string as raw', async () => {
    const line = JSON.stringify(JSON.stringify({ timestamp: '2025-03-01T10:00:00Z', user: 'alice@example.com', action: 'login' }));
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('wrapped.ndjson', `${line}\n`)] });
    const row = await c.db.one<{ raw: string; actor: string; action: string }>('SELECT raw, actor, action FROM events');
    expect(row).toEqual({ raw: line, actor: 'alice@example.com', action: 'login' });
  });

  it('reads CSV with a BOM, CRLF, quoted newlines and JSON inside a cell', async () => {
    const csv =
      '\uFEFFid,timestamp,user,action,details\r\n' +
      'e1,2025-03-01T10:00:00Z,alice,create,"line one\r\nline two"\r\n' +
      'e2,2025-03-01T11:00:00Z,bob,delete,"{""old"":1,""new"":2}"\r\n';
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('a.csv', csv)] });
    expect(s.batches[0]).toMatchObject({ events: 2, format: 'csv', rejects: 0 });
    const rows = await c.db.all<{ raw: string; locator: string }>('SELECT raw, locator FROM events ORDER BY locator');
    expect(JSON.parse(rows[0]?.raw ?? '{}')).toEqual({ id: 'e1', timestamp: '2025-03-01T10:00:00Z', user: 'alice', action: 'create', details: 'line one\r\nline two' });
    expect(JSON.parse(JSON.parse(rows[1]?.raw ?? '{}').details)).toEqual({ old: 1, new: 2 });
    expect(rows.map((r) => r.locator)).toEqual(['a.csv:row 2', 'a.csv:row 3']);
  });

  it('reads TSV', async () => {
    const r = await importOne('a.tsv', 'timestamp\tuser\taction\n2025-03-01T10:00:00Z\talice\tcreate\n2025-03-01T10:00:01Z\tbob\tupdate\n');
    expect(r).toMatchObject({ events: 2, format: 'csv (tsv)', actors: ['alice', 'bob'] });
  });

  it('reads .gz and names the format', async () => {
    const r = await importOne('a.ndjson.gz', gzipSync(three.map((x) => JSON.stringify(x)).join('\n')));
    expect(r).toMatchObject({ events: 3, format: 'gzip+ndjson' });
  });

  it('reads every entry of a .zip and records the archive', async () => {
    const zip = await zipFile(t.dir(), 'export.zip', {
      'part1/a.ndjson': three.map((x) => JSON.stringify(x)).join('\n'),
      'part2/b.json': JSON.stringify([rec(4), rec(5)]),
    });
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [zip] });
    expect(s.batches.map((b) => [b.file, b.events])).toEqual([
      ['export.zip!part1/a.ndjson', 3],
      ['export.zip!part2/b.json', 2],
    ]);
    const containers = await c.db.all<{ container: string; container_sha256: string }>('SELECT DISTINCT container, container_sha256 FROM batches');
    expect(containers).toHaveLength(1);
    expect(containers[0]?.container_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a folder recursively in name order', async () => {
    const folder = join(t.dir(), 'exports');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'b.ndjson'), JSON.stringify(rec(1)) + '\n');
    writeFileSync(join(folder, 'sub', 'a.json'), JSON.stringify([rec(2)]));
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [folder] });
    expect(s.batches.map((b) => b.file)).toEqual(['exports/b.ndjson', 'exports/sub/a.json']);
    expect(s.eventsTotal).toBe(2);
  });

  it('records sha256, size, pack and custody for every file', async () => {
    const content = three.map((x) => JSON.stringify(x)).join('\n');
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('h.ndjson', content)], tz: 'Europe/Berlin' });
    const b = await c.db.one<Record<string, unknown>>('SELECT sha256, bytes, pack, assumed_tz, event_count FROM batches');
    const { createHash } = await import('node:crypto');
    expect(b).toMatchObject({
      sha256: createHash('sha256').update(content).digest('hex'),
      bytes: BigInt(Buffer.byteLength(content)),
      pack: 'generic',
      assumed_tz: 'Europe/Berlin',
      event_count: 3n,
    });
    const custody = await c.db.all<{ action: string; details: string }>("SELECT action, details FROM custody_log ORDER BY id");
    expect(custody.map((x) => x.action)).toEqual(['case-created', 'import']);
    expect(JSON.parse(custody[1]?.details ?? '{}')).toMatchObject({ file: 'h.ndjson', events: 3 });
  });

  it('records a caller-given origin (a browser upload) instead of the temporary path', async () => {
    const c = await t.openCase();
    const p = t.file('stored-123.ndjson', JSON.stringify(rec(1)));
    await importPaths(c, { paths: [p], origins: { [p]: 'upload:audit.ndjson' } });
    expect(await c.db.value('SELECT origin FROM batches')).toBe('upload:audit.ndjson');
  });
});
