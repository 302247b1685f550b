import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { kindOf, permissionDenied } from '../case/open-checks.ts';
import { EngineError } from '../errors.ts';
import { ownedTempDir, sweepStaleTempDirs } from '../temp-dirs.ts';
import type { Limits } from './limits.ts';
import { fmtBytes } from './prescan.ts';
import { convertUtf16, CONVERT_PREFIX, utf16Of, type Utf16 } from './utf16.ts';

/** Zip entries are extracted to `<tmp>/auditlens-zip-<pid>-*`; a killed import's are swept by the next one. */
export const ZIP_PREFIX = 'auditlens-zip-';

/** One file to import: where to read it, how to name it, and the archive it came from. */
export interface InputFile {
  path: string;
  display: string;
  gz: boolean;
  container?: { path: string; sha256: string };
  /** Read from a UTF-8 copy of a UTF-16 file (`container` is the original). */
  convertedFrom?: Utf16;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Inputs refused before reading (zip entries escaping their folder, unreadable paths). */
  refused: { file: string; message: string }[];
  cleanup(): Promise<void>;
}

/**
 * The first bytes of a regular file. Asynchronous, and only after stat says it is a regular file:
 * a synchronous open of a FIFO blocks the whole process (every serve request, SIGINT included).
 */
async function magic(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Why a path that is not a regular file is not read, naming what it is. */
function notRegular(kind: string): string {
  return `is a ${kind}, not a regular file; only regular files are read`;
}

const isZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

async function walk(dir: string, out: string[], others: { path: string; kind: string }[]): Promise<void> {
  for (const ent of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (ent.name.startsWith('.')) continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) await walk(p, out, others);
    else if (ent.isFile()) out.push(p);
    else if (!ent.isSymbolicLink()) others.push({ path: p, kind: kindOf(ent) });
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
  let written = 0;
  await new Promise<void>((res, rej) => {
    const bomb = (why: string): void => {
      zip.close();
      rej(new EngineError('refused', `${why}; refusing the archive (a zip bomb?)`, { file: zipPath }));
    };
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
      // Declared sizes are checked before a byte is written; the bytes actually written are
      // counted against the same limits below, since a crafted archive may lie about them.
      if (total > limits.maxZipBytes) return bomb(`expands to more than ${fmtBytes(limits.maxZipBytes)} in all`);
      if (entry.uncompressedSize > limits.expansionCheckBytes && entry.uncompressedSize > entry.compressedSize * limits.maxExpansionRatio) {
        return bomb(`entry ${entry.fileName} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (more than ${limits.maxExpansionRatio}×)`);
      }
      const dest = join(into, safe);
      if (relative(into, resolve(dest)).startsWith('..')) {
        refused.push({ file: display, message: 'zip entry path escapes the archive folder; entry refused' });
        return zip.readEntry();
      }
      void (async () => {
        await mkdir(dirname(dest), { recursive: true });
        const fs = await statfs(into).catch(() => null);
        const free = fs ? Number(fs.bavail) * Number(fs.bsize) : Infinity;
        if (entry.uncompressedSize > free / 2) {
          throw new EngineError('refused', `entry ${entry.fileName} needs ${fmtBytes(entry.uncompressedSize)} and the temp folder has ${fmtBytes(free)} free; refusing the archive`, { file: zipPath });
        }
      })().then(() => extract(entry, dest, display), (e: unknown) => {
        zip.close();
        rej(e);
      });
    });
    const extract = (entry: yauzl.Entry, dest: string, display: string): void => {
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          refused.push({ file: display, message: `unreadable zip entry (${err?.message ?? 'no stream'})` });
          return zip.readEntry();
        }
        let entryBytes = 0;
        let overAll = false;
        const guard = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            entryBytes += chunk.length;
            written += chunk.length;
            if (entryBytes > entry.uncompressedSize) cb(new Error('entry larger than its declared size'));
            else if (written > limits.maxZipBytes) {
              overAll = true;
              cb(new Error('over the extraction limit'));
            } else cb(null, chunk);
          },
        });
        pipeline(stream, guard, createWriteStream(dest, { flags: 'wx' }))
          .then(async () => {
            out.push({ path: dest, display, gz: isGzip(await magic(dest)), container: { path: zipPath, sha256: zipSha } });
            zip.readEntry();
          })
          .catch((e: Error) => {
            if (overAll) return bomb(`expands to more than ${fmtBytes(limits.maxZipBytes)} in all`);
            refused.push({ file: display, message: `could not extract: ${e.message}` });
            zip.readEntry();
          });
      });
    };
    zip.readEntry();
  });
}


/** A failed read of an input, said plainly (permission denied is the common one). */
function cannotRead(e: unknown): string {
  if (permissionDenied(e)) return 'permission denied: this file cannot be read';
  return `cannot read: ${e instanceof Error ? e.message : String(e)}`;
}

/** Paths (files, folders, .zip) → the list of files to import, in a stable order. */
export async function expandInputs(paths: string[], limits: Limits): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const refused: ExpandedInputs['refused'] = [];
  const temps: string[] = [];
  let converted: string | null = null;
  const addFile = async (p: string, display: string): Promise<void> => {
    let head: Buffer;
    try {
      const st = await stat(p);
      if (!st.isFile()) {
        refused.push({ file: display, message: notRegular(kindOf(st)) });
        return;
      }
      head = await magic(p);
    } catch (e) {
      refused.push({ file: display, message: cannotRead(e) });
      return;
    }
    if (isZip(head)) {
      if (temps.length === 0) await sweepStaleTempDirs(ZIP_PREFIX);
      const dir = await ownedTempDir(ZIP_PREFIX);
      temps.push(dir);
      const before = files.length;
      try {
        await extractZip(p, dir, limits, files, refused);
      } catch (e) {
        // A refused archive brings none of its entries, not the ones extracted before the refusal.
        files.splice(before);
        refused.push({ file: display, message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    const utf16 = utf16Of(head);
    if (utf16) {
      if (!converted) {
        await sweepStaleTempDirs(CONVERT_PREFIX);
        converted = await ownedTempDir(CONVERT_PREFIX);
        temps.push(converted);
      }
      const copy = join(converted, `${files.length}-${basename(p)}`);
      try {
        await convertUtf16(p, copy, utf16, display);
        files.push({ path: copy, display, gz: false, container: { path: p, sha256: await sha256File(p) }, convertedFrom: utf16 });
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
      st = await stat(abs);
    } catch (e) {
      refused.push({ file: input, message: permissionDenied(e) ? 'permission denied: this path cannot be read' : 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) {
      const list: string[] = [];
      const others: { path: string; kind: string }[] = [];
      try {
        await walk(abs, list, others);
      } catch (e) {
        refused.push({ file: input, message: cannotRead(e) });
        continue;
      }
      const shown = (f: string): string => relative(dirname(abs), f).split(sep).join('/');
      for (const o of others) refused.push({ file: shown(o.path), message: notRegular(o.kind) });
      if (list.length === 0 && others.length === 0) refused.push({ file: input, message: 'the folder holds no files' });
      for (const f of list) await addFile(f, shown(f));
    } else {
      await addFile(abs, basename(abs));
    }
  }
  return {
    files,
    refused,
    cleanup: async () => {
      for (const t of temps) await rm(t, { recursive: true, force: true });
    },
  };
}
