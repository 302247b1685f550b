import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EngineError } from '../errors.ts';
import { sniff } from '../import/sniff.ts';

/**
 * What is checked before DuckDB touches a path given as a case. DuckDB opened read-write would
 * write its header into any file it is handed, so anything that is not already a DuckDB database
 * is refused here, and an audit-log export (the usual mix-up) is named as one.
 */

/** DuckDB's main header: 8 bytes of checksum, then the magic. */
const DUCKDB_MAGIC = Buffer.from('DUCK');
const HEAD = 256 * 1024;

export type FileKind = 'file' | 'folder' | 'FIFO (named pipe)' | 'socket' | 'character device' | 'block device' | 'symbolic link' | 'special file';

export function kindOf(st: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

function errnoOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

export function permissionDenied(e: unknown): boolean {
  const code = errnoOf(e);
  return code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(e instanceof Error ? e.message : String(e));
}

async function canWrite(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    // DuckDB writes its write-ahead log beside the file, so the folder must take new files too.
    await access(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface CaseFileCheck {
  exists: boolean;
  /** The file (or its folder) cannot be written: open it read-only. */
  readOnly: boolean;
}

/** Only regular files holding a DuckDB database are handed to DuckDB; the rest gets a clear refusal. */
export async function checkCaseFile(path: string, create: boolean): Promise<CaseFileCheck> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') {
      if (!create) throw new EngineError('not-found', `No case file at ${path}`, { file: path });
      return { exists: false, readOnly: false };
    }
    if (permissionDenied(e)) throw new EngineError('refused', `permission denied: cannot look at ${path}`, { file: path });
    throw e;
  }
  const kind = kindOf(st);
  if (kind !== 'file') throw new EngineError('not-a-case', `${path} is a ${kind}, not a case file`, { file: path });
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD);
      const { bytesRead } = await fh.read(buf, 0, HEAD, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (permissionDenied(e)) throw new EngineError('refused', `permission denied: cannot read ${path}`, { file: path });
    throw e;
  }
  if (head.length === 0) {
    if (!create) throw new EngineError('not-a-case', `${path} is an empty file, not a case`, { file: path });
    return { exists: false, readOnly: !(await canWrite(path)) };
  }
  if (head.length < 12 || !head.subarray(8, 12).equals(DUCKDB_MAGIC)) throw notDuckDb(path, head);
  return { exists: true, readOnly: !(await canWrite(path)) };
}

function notDuckDb(path: string, head: Buffer): EngineError {
  const compressed = (head[0] === 0x1f && head[1] === 0x8b) || head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  let format: string | undefined = compressed ? (head[0] === 0x1f ? 'gzip' : 'zip') : undefined;
  if (!format) {
    try {
      const s = sniff(path, head);
      // A line of prose sniffs as a CSV: only a header with columns and a line after it is called an export.
      if (s.format === 'csv') format = (s.columns ?? 0) >= 2 && !s.headerCut ? (s.delimiter === '\t' ? 'TSV' : 'CSV') : undefined;
      else format = s.format === 'ndjson' ? 'NDJSON' : 'JSON';
    } catch {
      format = undefined;
    }
  }
  if (format) {
    return new EngineError(
      'is-export',
      `${path} is an audit-log export (${format}), not a case file. Create a new case and import it there; the file stays untouched.`,
      { file: path },
    );
  }
  return new EngineError('not-a-case', `${path} is not a DuckDB database (nor an export AuditLens can import)`, { file: path });
}

/** DuckDB's refusals to open a file, said the way an investigator needs to hear them. */
export function describeOpenError(e: unknown, path: string): EngineError {
  const msg = e instanceof Error ? e.message : String(e);
  const lock = /Could not set lock on file .*Conflicting lock is held in (.*?) \(PID (\d+)\)/s.exec(msg);
  if (lock) {
    return new EngineError(
      'locked',
      `${path} is open in another program (${lock[1]}, PID ${lock[2]}). Close the case there first, or open a copy of the file.`,
      { file: path },
    );
  }
  if (/Could not set lock/i.test(msg)) {
    return new EngineError('locked', `${path} is open in another program. Close the case there first, or open a copy of the file.`, { file: path });
  }
  if (permissionDenied(e)) return new EngineError('refused', `permission denied: cannot open ${path}`, { file: path });
  if (/Read-only file system/i.test(msg)) return new EngineError('read-only', `${path} is on read-only storage: a new case cannot be created there`, { file: path });
  return new EngineError('not-a-case', `${path} could not be opened as a case: ${msg.split('\n')[0]?.replace(/^[A-Za-z ]+ Error: /, '')}`, { file: path });
}
