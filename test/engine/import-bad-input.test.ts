import { spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { writeNdjson } from '../bench/generate.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { zipFile } from '../helpers/zip.ts';

const line = (i: number): string =>
  JSON.stringify({ id: `e${i}`, timestamp: '2025-03-01T10:00:00Z', user: `u${i}`, action: 'update', target: `t${i}` });

async function snapshot(c: Case): Promise<unknown> {
  return c.db.all(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM batches) AS batches,
            (SELECT count(*) FROM rejects) AS rejects, (SELECT count(*) FROM sources) AS sources`,
  );
}

describe('bad input', () => {
  const t = useTempDir();

  it('a malformed NDJSON line lands in rejects with its line number; the other lines import', async () => {
    const lines = [line(1), line(2), '{"id": "e3", "user": ', line(4), '42', line(6)];
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('m.ndjson', lines.join('\n'))] });
    expect(s.batches[0]).toMatchObject({ events: 4, rejects: 2 });
    const rejects = await c.db.all<{ locator: string; reason: string; excerpt: string }>('SELECT locator, reason, excerpt FROM rejects ORDER BY id');
    expect(rejects[0]).toMatchObject({ locator: 'm.ndjson:3', excerpt: '{"id": "e3", "user": ' });
    expect(rejects[0]?.reason).toMatch(/^not valid JSON/);
    expect(rejects[1]).toMatchObject({ locator: 'm.ndjson:5', reason: 'valid JSON but not an object (a ubigint)' });
    const locators = await c.db.all<{ locator: string }>('SELECT locator FROM events ORDER BY locator');
    expect(locators.map((l) => l.locator)).toEqual(['m.ndjson:1', 'm.ndjson:2', 'm.ndjson:4', 'm.ndjson:6']);
  });

  it('refuses a truncated .gz and leaves the case as it was', async () => {
    const full = gzipSync(Array.from({ length: 2000 }, (_, i) => line(i)).join('\n'));
    const c = await t.openCase();
    const before = await snapshot(c);
    const s = await importPaths(c, { paths: [t.file('cut.ndjson.gz', full.subarray(0, Math.floor(full.length / 2)))] });
    expect(s.batches[0]?.error?.message).toMatch(/gzip stream is truncated/);
    expect(s.batches[0]?.error?.file).toBe('cut.ndjson.gz');
    expect(await snapshot(c)).toEqual(before);
  });

  it('refuses binary garbage named .json', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('garbage.json', garbage)] });
    expect(s.batches[0]?.error).toMatchObject({ code: 'refused', file: 'garbage.json' });
    expect(s.batches[0]?.error?.message).toMatch(/binary content/);
  });

  it('refuses an empty file', async () => {
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('empty.json', '')] });
    expect(s.batches[0]?.error?.message).toBe('the file is empty');
  });

  it('lists ragged CSV rows as rejects with their row and imports the rest', async () => {
    const csv = 'time,user,action\n2025-01-01T00:00:00Z,a,create\n2025-01-01T00:00:01Z,b\n2025-01-01T00:00:02Z,c,update,extra\n2025-01-01T00:00:03Z,d,delete\n';
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('r.csv', csv)] });
    expect(s.batches[0]).toMatchObject({ events: 2, rejects: 2 });
    const rejects = await c.db.all<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects ORDER BY id');
    expect(rejects.map((r) => r.locator)).toEqual(['r.csv:row 3', 'r.csv:row 4']);
    expect(rejects[0]?.reason).toMatch(/Expected Number of Columns: 3 Found: 2/);
    const rows = await c.db.all<{ locator: string; actor: string }>('SELECT locator, actor FROM events ORDER BY locator');
    expect(rows).toEqual([{ locator: 'r.csv:row 2', actor: 'a' }, { locator: 'r.csv:row 5', actor: 'd' }]);
  });

  it('refuses a zip entry whose path escapes its folder and imports the others', async () => {
    const zip = await zipFile(t.dir(), 'evil.zip', { '../../escape.ndjson': line(1), 'ok/good.ndjson': line(2) });
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [zip] });
    const refused = s.batches.find((b) => b.error);
    expect(refused?.error?.message).toMatch(/escapes the archive's folder/);
    expect(refused?.file).toBe('evil.zip!../../escape.ndjson');
    expect(s.batches.find((b) => !b.error)).toMatchObject({ file: 'evil.zip!ok/good.ndjson', events: 1 });
  });

  it('rejects a single 200 MB line with a message, without running out of memory', async () => {
    const path = join(t.dir(), 'huge.ndjson');
    const out = createWriteStream(path);
    out.write(line(1) + '\n{"id":"big","blob":"');
    const chunk = 'x'.repeat(1 << 20);
    for (let i = 0; i < 200; i++) if (!out.write(chunk)) await once(out, 'drain');
    out.end('"}\n' + line(3) + '\n');
    await once(out, 'finish');
    const c = await t.openCase();
    const rssBefore = process.memoryUsage().rss;
    const s = await importPaths(c, { paths: [path] });
    expect(s.batches[0]).toMatchObject({ events: 2, rejects: 1 });
    const r = await c.db.one<{ locator: string; reason: string }>('SELECT locator, reason FROM rejects');
    expect(r?.locator).toBe('huge.ndjson:2');
    expect(r?.reason).toMatch(/line of 200\.0 MB is over the 16 MB record limit/);
    // The line was streamed past, never held whole: far less than its size stays resident.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('refuses a single JSON document over the record limit', async () => {
    const c = await t.openCase();
    const doc = JSON.stringify({ Records: [{ a: 'x'.repeat(2048) }] });
    const s = await importPaths(c, { paths: [t.file('doc.json', doc)], limits: { maxRecordBytes: 1024 } });
    expect(s.batches[0]?.error?.message).toMatch(/single JSON document .* over the 0 MB record limit/);
  });

  it('re-importing the same file adds nothing, and overlapping exports dedupe', async () => {
    const c = await t.openCase();
    const a = t.file('a.ndjson', [1, 2, 3, 4].map(line).join('\n'));
    const b = t.file('b.ndjson', [3, 4, 5].map(line).join('\n'));
    expect((await importPaths(c, { paths: [a] })).eventsTotal).toBe(4);
    const again = await importPaths(c, { paths: [a] });
    expect(again.batches[0]).toMatchObject({ events: 0, duplicates: 4 });
    const overlap = await importPaths(c, { paths: [b] });
    expect(overlap.batches[0]).toMatchObject({ events: 1, duplicates: 2 });
    expect(await c.db.value('SELECT count(*) FROM events')).toBe(5n);
  });

  it('keeps identical records without a vendor id as distinct events, with stable ids', async () => {
    const same = JSON.stringify({ time: '2025-01-01T00:00:00Z', user: 'x', action: 'view' });
    const file = t.file('dups.ndjson', [same, same, same].join('\n'));
    const c1 = await t.openCase('one.duckdb');
    const c2 = await t.openCase('two.duckdb');
    await importPaths(c1, { paths: [file] });
    await importPaths(c2, { paths: [file] });
    const ids1 = await c1.db.all<{ event_id: string }>('SELECT event_id FROM events ORDER BY event_id');
    const ids2 = await c2.db.all<{ event_id: string }>('SELECT event_id FROM events ORDER BY event_id');
    expect(ids1).toHaveLength(3);
    expect(new Set(ids1.map((r) => r.event_id)).size).toBe(3);
    expect(ids2).toEqual(ids1);
  });

  it('cancel mid-import leaves the case unchanged', async () => {
    const big = join(t.dir(), 'big.ndjson');
    await writeNdjson(big, 300_000);
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('first.ndjson', line(1))] });
    const before = await snapshot(c);
    const ac = new AbortController();
    const s = await importPaths(c, {
      paths: [big],
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' || p.bytesDone > 0) ac.abort();
      },
    });
    expect(s.cancelled).toBe(true);
    expect(await snapshot(c)).toEqual(before);
    const custody = await c.db.all<{ action: string }>('SELECT action FROM custody_log ORDER BY id');
    expect(custody.map((x) => x.action)).toEqual(['case-created', 'import', 'import-cancelled']);
  });

  it('after kill -9 mid-import the case reopens consistent, with no partial batch', async () => {
    const big = join(t.dir(), 'big.ndjson');
    await writeNdjson(big, 400_000);
    const casePath = join(t.dir(), 'killed.duckdb');
    const first = t.file('first.ndjson', [1, 2].map(line).join('\n'));
    const c0 = await Case.open(casePath, { create: true });
    await importPaths(c0, { paths: [first] });
    c0.close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../bin/auditlens.js'), 'import', casePath, big], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AUDITLENS_PROFILE: '1' },
    });
    // Kill once DuckDB is inside the file's transaction (the profile line of the first staging statement).
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        if (d.toString().includes('CREATE OR REPLACE TEMP TABLE al_lines')) resolve();
      });
      child.on('exit', () => reject(new Error('import finished before it could be killed')));
    });
    child.kill('SIGKILL');
    await once(child, 'exit');
    const c = await Case.open(casePath);
    expect(await snapshot(c)).toEqual([{ events: 2n, batches: 1n, rejects: 0n, sources: 1n }]);
    const orphans = await c.db.value('SELECT count(*) FROM events WHERE batch_id NOT IN (SELECT id FROM batches)');
    expect(orphans).toBe(0n);
    c.close();
  });

  it('rejects an unknown time zone before touching the case', async () => {
    const c = await t.openCase();
    await expect(importPaths(c, { paths: [t.file('a.ndjson', line(1))], tz: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
  });

  it('names a missing path', async () => {
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [join(t.dir(), 'nope.json')] });
    expect(s.batches[0]?.error?.message).toBe('no such file or folder');
  });

  it('writes nothing to the input file', async () => {
    const p = t.file('ro.ndjson', [1, 2].map(line).join('\n'));
    writeFileSync(p, [1, 2].map(line).join('\n'), { mode: 0o444 });
    const { statSync } = await import('node:fs');
    const before = statSync(p).mtimeMs;
    const c = await t.openCase();
    await importPaths(c, { paths: [p] });
    expect(statSync(p).mtimeMs).toBe(before);
  });
});
