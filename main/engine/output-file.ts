import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { EngineError } from './errors.ts';

/**
 * Files the engine writes for the investigator (exports, reports, case copies): the target is
 * checked before any work starts, and the work is written beside it and renamed into place, so a
 * failure or a cancel never leaves a partial file under the name asked for.
 */

/** Checks a path the engine is about to create a file at: the folder exists and is writable, nothing is there. */
export async function checkNewFile(path: unknown, what: string): Promise<string> {
  if (typeof path !== 'string' || path.trim() === '') throw new EngineError('bad-input', `${what}: give a file path`);
  // The engine's working folder is wherever the host was started (Electron, serve): a relative
  // path would land somewhere nobody chose. The CLI resolves against its own folder first.
  if (!isAbsolute(path)) throw new EngineError('bad-input', `${what}: give an absolute path (${path} is relative)`);
  const target = resolve(path);
  const folder = dirname(target);
  const dir = await stat(folder).catch(() => null);
  if (!dir?.isDirectory()) throw new EngineError('bad-input', `${what}: the folder ${folder} does not exist`, { file: target });
  if (await stat(target).catch(() => null)) throw new EngineError('refused', `${what}: ${target} exists already; choose another name`, { file: target });
  await probeWritable(folder, what, target);
  return target;
}

/**
 * Writes and removes a small file in the folder: permission bits do not tell (root, read-only
 * mounts, sysfs), creating a file does.
 */
async function probeWritable(folder: string, what: string, target: string): Promise<void> {
  const probe = join(folder, `.auditlens-probe-${process.pid}-${Date.now()}`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'the folder is on a read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'not writable');
    throw new EngineError('refused', `${what}: cannot write in ${folder} (${why})`, { file: target });
  }
  await rm(probe, { force: true });
}

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}
