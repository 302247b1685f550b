import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/engine/api.ts';
import { Case } from '../../main/engine/case/case.ts';
import { EngineError } from '../../main/engine/errors.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { firstLine } from '../helpers/child-output.ts';
import { runAsUnprivileged } from '../helpers/other-user.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { zipFile } from '../helpers/zip.ts';

const record = (i: number): string => JSON.stringify({ id: `e${i}`, timestamp: '2025-03-01T10:00:00Z', user: 'ann', action: 'update' });
const ndjson = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => record(from + i)).join('\n');

const openError = (path: string, create = false): Promise<EngineError> =>
  Case.open(path, { create }).then(
    (c) => {
      c.close();
      throw new Error(`${path} opened`);
    },
    (e: unknown) => e as EngineError,
  );

/** A process id no process has now: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid as number;
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('only regular files are read (a FIFO never blocks the process)', () => {
  const t = useTempDir();

  it('refuses a FIFO given as an import path, and one inside a folder, naming what it is', async () => {
    const dir = join(t.dir(), 'exports');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.ndjson'), ndjson(3));
    execFileSync('mkfifo', [join(dir, 'pipe.ndjson')]);
    const c = await t.openCase();
    // Opened synchronously, the FIFO would block the process here until a writer appeared: never.
    const direct = await importPaths(c, { paths: [join(dir, 'pipe.ndjson')] });
    expect(direct.batches[0]?.error).toMatchObject({ code: 'refused', message: 'is a FIFO (named pipe), not a regular file; only regular files are read' });
    const folder = await importPaths(c, { paths: [dir] });
    expect(folder.batches.map((b) => [b.file, b.error?.message ?? b.events])).toEqual([
      ['exports/pipe.ndjson', 'is a FIFO (named pipe), not a regular file; only regular files are read'],
      ['exports/a.ndjson', 3],
    ]);
    expect((await openError(join(dir, 'pipe.ndjson'))).message).toMatch(/is a FIFO \(named pipe\), not a case file/);
  });
});

describe('clear messages when a case cannot be opened', () => {
  const t = useTempDir();

  it('a lock held by another process names that process and the remedy', async () => {
    const path = join(t.dir(), 'held.duckdb');
    (await Case.open(path, { create: true })).close();
    const holder = spawn(
      process.execPath,
      ['-e', `require('@duckdb/node-api').DuckDBInstance.create(${JSON.stringify(path)}).then(() => { console.log('held'); setInterval(() => {}, 1000); })`],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      expect(await firstLine(holder)).toBe('held');
      const e = await openError(path);
      expect(e.code).toBe('locked');
      expect(e.message).toMatch(new RegExp(`is open in another program \\(.*node, PID ${holder.pid}\\)\\. Close the case there first, or open a copy of the file\\.`));
      expect(e.message).not.toMatch(/not a DuckDB database/);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('an NDJSON, CSV or gzip export opened as a case is named as an export and left untouched', async () => {
    const files = {
      'events.ndjson': ndjson(3),
      'events.csv': 'time,user,action\n2025-03-01T10:00:00Z,ann,update\n',
      'events.json.gz': gzipSync(`[${record(1)}]`),
      'events.duckdb': `[${record(1)}, ${record(2)}]`,
    };
    for (const [name, content] of Object.entries(files)) {
      const path = t.file(name, content);
      const before = sha(path);
      const e = await openError(path, true);
      expect(e.code, name).toBe('is-export');
      expect(e.message).toMatch(/is an audit-log export \((NDJSON|CSV|gzip|JSON)\), not a case file\. Create a new case and import it there/);
      expect(sha(path)).toBe(before);
      expect(existsSync(`${path}.wal`)).toBe(false);
    }
    const engine = await createEngine({ dataDir: join(t.dir(), 'home') });
    const r = await engine.openCase(join(t.dir(), 'events.ndjson'));
    expect(r).toMatchObject({ ok: false, error: { code: 'is-export', file: join(t.dir(), 'events.ndjson') } });
    await engine.dispose();
  });

  it('a CSV with 100,000 columns is refused with a message, not an allocation failure', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('wide.csv', `${header}\n${header.replace(/c/g, '')}\n`)] });
    expect(s.batches[0]?.error).toMatchObject({ code: 'refused', file: 'wide.csv', line: 1 });
    expect(s.batches[0]?.error?.message).toMatch(/^the CSV header names [\d,]+ or more columns, over the limit of 2,048$/);
  });
});

describe('bombs and leftovers', () => {
  const t = useTempDir();

  it('refuses a .gz that expands past the documented ratio early, and counts blank lines as skipped', async () => {
    const c = await t.openCase();
    const blank = Buffer.alloc(8 * 1024 * 1024, 10);
    const bomb = await importPaths(c, { paths: [t.file('blank.ndjson.gz', gzipSync(Buffer.concat([Buffer.from(`${record(1)}\n`), blank])))], limits: { expansionCheckBytes: 1024 * 1024 } });
    expect(bomb.batches[0]?.error?.message).toMatch(/^decompresses more than 200× \(.* so far\); refused as a likely compression bomb$/);
    expect(await c.db.value('SELECT count(*) FROM events')).toBe(0n);
    const some = await importPaths(c, { paths: [t.file('gaps.ndjson', `${record(1)}\n\n   \n${record(2)}\n\n`)] });
    expect(some.batches[0]).toMatchObject({ events: 2, rejects: 0, blankLines: 3 });
  });

  it('refuses a zip whose entry expands past the ratio, or whose entries expand past the total, before extracting it', async () => {
    const c = await t.openCase();
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('auditlens-zip-')).length;
    const zeros = await zipFile(t.dir(), 'bomb.zip', { 'a.ndjson': ndjson(2), 'big.ndjson': Buffer.alloc(8 * 1024 * 1024, 32) }, { deflate: true });
    const s = await importPaths(c, { paths: [zeros], limits: { expansionCheckBytes: 1024 * 1024 } });
    expect(s.batches).toHaveLength(1);
    expect(s.batches[0]?.error?.message).toMatch(/^entry big\.ndjson expands \d+× \(more than 200×\); refusing the archive \(a zip bomb\?\)$/);
    const many = await zipFile(t.dir(), 'many.zip', { 'a.ndjson': ndjson(200), 'b.ndjson': ndjson(200, 200), 'c.ndjson': ndjson(200, 400) });
    const total = await importPaths(c, { paths: [many], limits: { maxZipBytes: 30_000 } });
    expect(total.batches.map((b) => b.error?.message)).toEqual([expect.stringMatching(/expands to more than 29\.3 KB in all; refusing the archive/)]);
    expect(await c.db.value('SELECT count(*) FROM events')).toBe(0n);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('auditlens-zip-')).length).toBe(before);
  });

  it('sweeps what a killed process left: zip extractions, spill files of read-only cases, DuckDB spill beside the case', async () => {
    const pid = await deadPid();
    const zipLeft = join(tmpdir(), `auditlens-zip-${pid}-test`);
    const spillLeft = join(tmpdir(), `auditlens-spill-${pid}-test`);
    const liveLeft = join(tmpdir(), `auditlens-zip-${process.pid}-live`);
    for (const d of [zipLeft, spillLeft, liveLeft]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'entry.ndjson'), 'x');
    }
    const path = join(t.dir(), 'case.duckdb');
    (await Case.open(path, { create: true })).close();
    mkdirSync(`${path}.tmp`);
    writeFileSync(join(`${path}.tmp`, 'duckdb_temp_storage_S32K-0.tmp'), Buffer.alloc(1024));
    writeFileSync(join(`${path}.tmp`, 'notes.txt'), 'not ours');
    const engine = await createEngine({ casePath: path, dataDir: join(t.dir(), 'home') });
    expect([existsSync(zipLeft), existsSync(spillLeft), existsSync(liveLeft)]).toEqual([false, false, true]);
    expect(readdirSync(`${path}.tmp`)).toEqual(['notes.txt']);
    await engine.dispose();
    execFileSync('rm', ['-rf', liveLeft]);
  });
});

describe('read-only cases', () => {
  const t = useTempDir();

  async function seeded(): Promise<string> {
    const path = join(t.dir(), 'evidence.duckdb');
    const c = await Case.open(path, { create: true });
    await importPaths(c, { paths: [t.file('a.ndjson', ndjson(5))] });
    c.close();
    return path;
  }

  it('opens read-only when asked: reads answer, writes are refused with a message', async () => {
    const path = await seeded();
    const c = await Case.open(path, { readOnly: true });
    try {
      expect(c.readOnly).toBe(true);
      const s = await importPaths(c, { paths: [t.file('b.ndjson', ndjson(2, 10))] }).catch((e: unknown) => e as EngineError);
      expect(s).toMatchObject({ code: 'read-only', message: expect.stringMatching(/^Importing files is not possible: .* is open read-only/) });
      await expect(c.write((db) => db.run('DELETE FROM events'))).rejects.toMatchObject({ code: 'read-only' });
      expect(await c.reader.value('SELECT count(*) FROM events')).toBe(5n);
    } finally {
      c.close();
    }
  });

  it('a case without write permission opens read-only for a user who may only read it', async () => {
    const path = await seeded();
    const other = t.file('b.ndjson', ndjson(2, 10));
    const home = join(t.dir(), 'home-other');
    mkdirSync(home);
    chmodSync(home, 0o777);
    chmodSync(t.dir(), 0o755);
    chmodSync(path, 0o444);
    chmodSync(other, 0o444);
    // The folder too: DuckDB writes its log beside the file.
    chmodSync(t.dir(), 0o555);
    try {
      const r = await runAsUnprivileged(join('test', 'helpers', 'open-case-child.ts'), [path, other, home]);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out) as Record<string, { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }>;
      expect(j.opened).toMatchObject({ ok: true, value: { readOnly: true, events: 5 } });
      expect(j.page?.ok).toBe(true);
      expect(j.histogram?.ok).toBe(true);
      expect(j.importFiles).toMatchObject({ ok: false, error: { code: 'read-only' } });
      expect(j.setSession).toMatchObject({ ok: false, error: { code: 'read-only' } });
      expect(j.setBookmark).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringMatching(/open read-only/) } });
    } finally {
      chmodSync(t.dir(), 0o755);
      chmodSync(path, 0o644);
    }
  });

  it('permission to read nothing says "permission denied"', async () => {
    const path = await seeded();
    chmodSync(t.dir(), 0o755);
    chmodSync(path, 0o600);
    const r = await runAsUnprivileged(join('test', 'helpers', 'open-case-child.ts'), [path, path, join(t.dir(), 'home-x')]);
    const j = JSON.parse(r.out) as { opened: { ok: boolean; error?: { code: string; message: string } } };
    expect(j.opened).toMatchObject({ ok: false, error: { message: `permission denied: cannot read ${path}` } });
  });
});

describe('UTF-16 text (Windows PowerShell 5 output) imports as text, hashed as received', () => {
  const t = useTempDir();
  const utf16 = (text: string, be = false): Buffer => {
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return be ? Buffer.from(le.map((_, i) => le[i ^ 1] as number)) : le;
  };

  it('converts UTF-16LE and BE (with or without a BOM) to UTF-8, keeping the original as the container', async () => {
    const c = await t.openCase();
    const le = t.file('le.ndjson', utf16(ndjson(3)));
    const be = t.file('be.json', utf16(`[${record(10)},${record(11)}]`, true));
    const csv = t.file('ps.csv', Buffer.from('time,user,action\r\n2025-03-01T10:00:00Z,zoë,update\r\n', 'utf16le'));
    const s = await importPaths(c, { paths: [le, be, csv] });
    expect(s.batches.map((b) => [b.file, b.events, b.rejects, b.error?.message ?? null])).toEqual([
      ['le.ndjson', 3, 0, null],
      ['be.json', 2, 0, null],
      ['ps.csv', 1, 0, null],
    ]);
    const batches = await c.reader.all<{ origin: string; format: string; container: string; container_sha256: string }>(
      'SELECT origin, format, container, container_sha256 FROM batches ORDER BY id',
    );
    expect(batches).toEqual([
      { origin: le, format: 'utf-16le+ndjson', container: le, container_sha256: sha(le) },
      { origin: be, format: 'utf-16be+json-array', container: be, container_sha256: sha(be) },
      { origin: csv, format: 'utf-16le+csv', container: csv, container_sha256: sha(csv) },
    ]);
    expect(await c.reader.value("SELECT actor FROM events WHERE vendor = 'generic' AND locator LIKE 'ps.csv%'")).toBe('zoë');
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`auditlens-utf8-${process.pid}-`))).toEqual([]);
  });

  it('refuses invalid UTF-16 with a message naming the file, and imports the rest', async () => {
    const c = await t.openCase();
    const bad = t.file('bad.ndjson', Buffer.concat([utf16(`${record(1)}\n`), Buffer.from([0x00, 0xd8, 0x41, 0x00])]));
    const s = await importPaths(c, { paths: [bad, t.file('ok.ndjson', ndjson(2))] });
    expect(s.batches.map((b) => [b.file, b.events, b.error?.message ?? null])).toEqual([
      ['bad.ndjson', 0, 'not valid UTF-16LE text (a broken character in the bytes from offset 0 on); nothing of the file was imported'],
      ['ok.ndjson', 2, null],
    ]);
  });
});
