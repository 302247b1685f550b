import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { ownedTempDir, sweepStaleTempDirs } from './engine/temp-dirs.ts';
import { invisibleIn } from './engine/visible-text.ts';

/** Upload folders are `<tmp>/auditlens-upload-<pid>-*`; what a killed server left is swept at the next start. */
export const UPLOAD_PREFIX = 'auditlens-upload-';

/** Removes upload folders of serve hosts that are no longer running (kill -9, a crash). */
export function sweepStaleUploads(parentDir = tmpdir()): Promise<string[]> {
  return sweepStaleTempDirs(UPLOAD_PREFIX, parentDir);
}

/**
 * File upload for the browser (a page cannot hand the engine a local path): the body is streamed
 * to a per-server temp folder and the server-side path handed back for importFiles. Each upload
 * gets its own folder so the file keeps its original name, which the batch and every event
 * locator then cite, while two files of the same name never collide.
 */

export interface UploadedFile {
  path: string;
  name: string;
  bytes: number;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** File names the OS or the path join could read as something else are refused, not rewritten. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function checkUploadName(name: string | null): string {
  if (name === null || name.trim() === '') throw new UploadError(400, 'The upload needs a file name (?name=…)');
  // Separators, NUL and control characters would let the name leave its folder or confuse logs.
  if (/[/\\\u0000-\u001f\u007f]/.test(name)) {
    throw new UploadError(400, 'The file name may not contain path separators or control characters');
  }
  const hidden = invisibleIn(name);
  if (hidden.length > 0) {
    // U+202E and friends make `report\u202Efdp.exe` read as `reportexe.pdf`: a name that can lie is refused.
    throw new UploadError(400, `The file name holds invisible or direction-changing characters (${hidden.join(', ')}) that could disguise it; rename the file`);
  }
  if (name === '.' || name === '..') throw new UploadError(400, 'Not a file name');
  if (Buffer.byteLength(name) > 255) throw new UploadError(400, 'The file name is longer than 255 bytes');
  if (process.platform === 'win32' && (/[<>:"|?*]/.test(name) || WINDOWS_RESERVED.test(name) || /[. ]$/.test(name))) {
    throw new UploadError(400, 'The file name is not allowed on Windows');
  }
  return name;
}

/**
 * Writes the request body to `path`, at most `limit` bytes. Not a stream pipeline: a pipeline
 * destroys the request on error, which resets the socket before the 413 can be sent; here the
 * rest of an oversized body is discarded instead, so the browser gets a readable answer.
 */
async function streamToFile(req: IncomingMessage, path: string, limit: number, idleMs: number): Promise<number> {
  // 'wx': never overwrite, even if something raced us into the fresh folder.
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const idle = setTimeout(() => stall(), idleMs);
      idle.unref();
      const stall = (): void => {
        fail(new UploadError(408, 'The upload stalled'));
        req.socket.destroy();
      };
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        req.off('data', onData);
        req.off('end', onEnd);
        req.resume(); // discard the rest; the server closes the connection after the answer
        reject(e);
      };
      const onData = (chunk: Buffer): void => {
        idle.refresh();
        bytes += chunk.length;
        if (bytes > limit) {
          fail(new UploadError(413, `The file is larger than the ${formatBytes(limit)} upload limit`));
          return;
        }
        if (!out.write(chunk)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      };
      const onEnd = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        resolve();
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.once('close', () => {
        if (!req.complete) fail(new UploadError(400, 'The upload was interrupted'));
      });
      out.once('error', (e) => fail(new UploadError(500, `The upload could not be stored: ${e.message}`)));
    });
    out.end();
    await once(out, 'finish');
    return bytes;
  } catch (e) {
    out.destroy();
    throw e;
  }
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

export interface UploadStore {
  receive(req: IncomingMessage, name: string | null): Promise<UploadedFile>;
  /** Removes every uploaded file; the server calls it on close. */
  dispose(): Promise<void>;
}

/** An upload that sends nothing for this long is dropped (the whole-request deadline is lifted for uploads). */
const IDLE_MS = 30_000;

export function createUploadStore(opts: { maxBytes: number; parentDir?: string; idleMs?: number }): UploadStore {
  let root: Promise<string> | null = null;
  const rootDir = (): Promise<string> => {
    // Created on the first upload: a server nobody uploads to leaves nothing behind in /tmp.
    root ??= ownedTempDir(UPLOAD_PREFIX, opts.parentDir ?? tmpdir());
    return root;
  };

  return {
    async receive(req, rawName) {
      const name = checkUploadName(rawName);
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        throw new UploadError(413, `The file is larger than the ${formatBytes(opts.maxBytes)} upload limit`);
      }
      const dir = join(await rootDir(), randomUUID());
      await mkdir(dir, { mode: 0o700 });
      const path = join(dir, name);
      try {
        const bytes = await streamToFile(req, path, opts.maxBytes, opts.idleMs ?? IDLE_MS);
        return { path, name, bytes };
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
    },
    async dispose() {
      if (!root) return;
      const dir = await root.catch(() => null);
      root = null;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
