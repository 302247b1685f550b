import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, openSync, readSync, closeSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { EngineError } from '../errors.ts';
import type { Limits } from './limits.ts';

/** One file to import: where to read it, how to name it, and the archive it came from. */
export interface InputFile {
  path: string;
  display: string;
  gz: boolean;
  container?: { path: string; sha256: string };
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Inputs refused before reading (zip entries escaping their folder, unreadable paths). */
  refused: { file: string; message: string }[];
  cleanup(): void;
}

function magic(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const n = readSync(fd, buf, 0, 4, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const isZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function walk(dir: string, out: string[]): void {
  for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (ent.name.startsWith('.')) continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) walk(p, out);
    else if (ent.isFile()) out.push(p);
  }
}

/** A zip entry name is safe when it stays inside the extraction folder. */
export function safeEntryPath(name: string): string | undefined {
  if (name.includes('\0') || /^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.startsWith('\\')) return undefined;
  const norm = normalize(name.replace(/\\/g, '/'));
  if (norm.startsWith('..') || norm.split(/[\\/]/).includes('..')) return undefined;
  return norm;
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  const { createReadStream } = await import('node:fs');
  await pipeline(createReadStream(path), async function* (src: AsyncIterable<Buffer>) {
    for await (const c of src) h.update(c);
  });
  return h.digest('hex');
}

async function extractZip(
  zipPath: string,
  into: string,
  limits: Limits,
  out: InputFile[],
  refused: ExpandedInputs['refused'],
): Promise<void> {
  const zipSha = await sha256File(zipPath);
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(zipPath, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, z) =>
      err || !z ? rej(new EngineError('refused', `not a readable zip archive (${err?.message ?? 'unknown error'})`, { file: zipPath })) : res(z),
    ),
  );
  let entries = 0;
  let total = 0;
  await new Promise<void>((res, rej) => {
    zip.on('error', (e: Error) => rej(new EngineError('refused', `corrupt zip archive (${e.message})`, { file: zipPath })));
    zip.on('end', () => res());
    zip.on('entry', (entry: yauzl.Entry) => {
      // Names are decoded here rather than by yauzl, whose own check would abort the whole archive
      // on one bad entry; we refuse just that entry.
      const rawName: unknown = entry.fileName;
      entry.fileName = Buffer.isBuffer(rawName)
        ? rawName.toString(entry.generalPurposeBitFlag & 0x800 ? 'utf8' : 'latin1')
        : String(rawName);
      const display = `${basename(zipPath)}!${entry.fileName}`;
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      entries++;
      if (entries > limits.maxZipEntries) {
        zip.close();
        return rej(new EngineError('refused', `more than ${limits.maxZipEntries} entries; refusing the archive`, { file: zipPath }));
      }
      const safe = safeEntryPath(entry.fileName);
      if (!safe) {
        refused.push({ file: display, message: `zip entry path "${entry.fileName}" escapes the archive's folder; entry refused` });
        return zip.readEntry();
      }
      if (basename(safe).startsWith('.') || safe.startsWith('__MACOSX')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > limits.maxFileBytes) {
        zip.close();
        return rej(new EngineError('refused', `expands to more than the import limit (--max-file-gb); refusing the archive`, { file: zipPath }));
      }
      const dest = join(into, safe);
      if (relative(into, resolve(dest)).startsWith('..')) {
        refused.push({ file: display, message: 'zip entry path escapes the archive folder; entry refused' });
        return zip.readEntry();
      }
      mkdirSync(dirname(dest), { recursive: true });
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          refused.push({ file: display, message: `unreadable zip entry (${err?.message ?? 'no stream'})` });
          return zip.readEntry();
        }
        let written = 0;
        const guard = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            written += chunk.length;
            if (written > entry.uncompressedSize) cb(new Error('entry larger than its declared size'));
            else cb(null, chunk);
          },
        });
        pipeline(stream, guard, createWriteStream(dest, { flags: 'wx' }))
          .then(() => {
            out.push({ path: dest, display, gz: isGzip(magic(dest)), container: { path: zipPath, sha256: zipSha } });
            zip.readEntry();
          })
          .catch((e: Error) => {
            refused.push({ file: display, message: `could not extract: ${e.message}` });
            zip.readEntry();
          });
      });
    });
    zip.readEntry();
  });
}

/** Paths (files, folders, .zip) → the list of files to import, in a stable order. */
export async function expandInputs(paths: string[], limits: Limits): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const refused: ExpandedInputs['refused'] = [];
  const temps: string[] = [];
  const addFile = async (p: string, display: string): Promise<void> => {
    let head: Buffer;
    try {
      head = magic(p);
    } catch (e) {
      refused.push({ file: display, message: `cannot read: ${(e as Error).message}` });
      return;
    }
    if (isZip(head)) {
      const dir = mkdtempSync(join(tmpdir(), 'auditlens-zip-'));
      temps.push(dir);
      try {
        await extractZip(p, dir, limits, files, refused);
      } catch (e) {
        refused.push({ file: display, message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    files.push({ path: p, display, gz: isGzip(head) });
  };
  for (const input of paths) {
    const abs = resolve(input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      refused.push({ file: input, message: 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) {
      const list: string[] = [];
      walk(abs, list);
      if (list.length === 0) refused.push({ file: input, message: 'the folder holds no files' });
      for (const f of list) await addFile(f, relative(dirname(abs), f).split(sep).join('/'));
    } else {
      await addFile(abs, basename(abs));
    }
  }
  return {
    files,
    refused,
    cleanup: () => {
      for (const t of temps) rmSync(t, { recursive: true, force: true });
    },
  };
}
