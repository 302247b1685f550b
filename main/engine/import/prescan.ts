import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../errors.ts';
import type { Limits } from './limits.ts';

export interface Prescan {
  sha256: string;
  /** Bytes of the file as stored (compressed size for .gz). */
  bytes: number;
  /** Bytes after decompression. */
  contentBytes: number;
  lines: number;
  /** 1-based numbers and lengths of lines over the record limit (they become rejects). */
  longLines: { line: number; bytes: number }[];
  longestLine: number;
}

const HEAD_BYTES = 256 * 1024;

/**
 * One streaming pass over a file, run while DuckDB reads the same file: SHA-256 of the stored bytes, gzip integrity (a truncated .gz
 * is refused here, before anything touches the case), size limits, line count and over-long
 * lines. Nothing is held in memory beyond the sniffing head.
 */
export async function prescan(
  path: string,
  display: string,
  gz: boolean,
  limits: Limits,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<Prescan> {
  const hash = createHash('sha256');
  let bytes = 0;
  let contentBytes = 0;
  let lines = 0;
  let curLine = 0;
  let longestLine = 0;
  const longLines: { line: number; bytes: number }[] = [];
  const maxRecord = limits.maxRecordBytes;

  const onContent = (chunk: Buffer): void => {
    contentBytes += chunk.length;
    if (gz && contentBytes > limits.expansionCheckBytes && contentBytes > bytes * limits.maxExpansionRatio) {
      throw new EngineError(
        'refused',
        `decompresses more than ${limits.maxExpansionRatio}× (${fmtBytes(bytes)} to over ${fmtBytes(contentBytes)} so far); refused as a likely compression bomb`,
        { file: display },
      );
    }
    if (contentBytes > limits.maxFileBytes) {
      throw new EngineError(
        'refused',
        `${gz ? 'decompresses to' : 'is'} more than ${fmtBytes(limits.maxFileBytes)}, over the import limit (--max-file-gb)`,
        { file: display },
      );
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        curLine += chunk.length - start;
        break;
      }
      curLine += nl - start;
      lines++;
      if (curLine > longestLine) longestLine = curLine;
      if (curLine > maxRecord) longLines.push({ line: lines, bytes: curLine });
      curLine = 0;
      start = nl + 1;
    }
  };

  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(path, { highWaterMark: 1 << 20 });
    const fail = (e: unknown): void => {
      input.destroy();
      reject(e);
    };
    signal?.addEventListener('abort', () => fail(new EngineError('cancelled', 'import cancelled')), { once: true });
    input.on('error', fail);
    input.on('data', (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += b.length;
      hash.update(b);
      onBytes(b.length);
    });
    if (gz) {
      const gunzip = createGunzip();
      gunzip.on('data', (c: Buffer) => {
        try {
          onContent(c);
        } catch (e) {
          gunzip.destroy();
          fail(e);
        }
      });
      gunzip.on('error', (e: NodeJS.ErrnoException) =>
        fail(
          new EngineError(
            'refused',
            e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message)
              ? 'the gzip stream is truncated (the file ends before the compressed data does)'
              : `not a valid gzip file (${e.message})`,
            { file: display },
          ),
        ),
      );
      gunzip.on('end', () => resolve());
      input.pipe(gunzip);
    } else {
      input.on('data', (chunk: Buffer | string) => {
        try {
          onContent(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        } catch (e) {
          fail(e);
        }
      });
      input.on('end', () => resolve());
    }
  });
  if (curLine > 0) {
    lines++;
    if (curLine > longestLine) longestLine = curLine;
    if (curLine > maxRecord) longLines.push({ line: lines, bytes: curLine });
  }
  return { sha256: hash.digest('hex'), bytes, contentBytes, lines, longLines, longestLine };
}

/** The first bytes of a file's content (decompressed for gzip), for sniffing; errors are the full scan's to report. */
export async function readHead(path: string, gz: boolean): Promise<Buffer> {
  const parts: Buffer[] = [];
  let len = 0;
  const input = createReadStream(path, { highWaterMark: 64 * 1024 });
  const source = gz ? input.pipe(createGunzip()) : input;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      parts.push(chunk);
      len += chunk.length;
      if (len >= HEAD_BYTES) break;
    }
  } catch {
    // A truncated or corrupt gzip: whatever was decoded still helps sniffing; prescan refuses the file.
  } finally {
    input.destroy();
    if (source !== input) (source as NodeJS.ReadWriteStream & { destroy(): void }).destroy();
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

export function fmtBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KB`;
  return `${n} bytes`;
}
