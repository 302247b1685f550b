import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError } from '../errors.ts';

/**
 * UTF-16 text (what Windows PowerShell 5 writes with `>` and `Out-File`, and `Export-Csv
 * -Encoding Unicode`) would read as binary with NUL bytes; it is converted to a UTF-8 copy in a
 * temp folder and imported from there, the original kept as the batch's container with its own
 * SHA-256, so the evidence is named and hashed as it was received.
 */

export type Utf16 = 'utf-16le' | 'utf-16be';

/** Copies of converted files go to `<tmp>/auditlens-utf8-<pid>-*`, swept after a killed process. */
export const CONVERT_PREFIX = 'auditlens-utf8-';

/** UTF-16 by its byte-order mark, or (without one) by the NUL pattern ASCII text leaves, as RFC 4627 reads JSON. */
export function utf16Of(head: Buffer): Utf16 | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length >= 4) {
    const ascii = (b: number | undefined): boolean => b !== undefined && b >= 0x09 && b < 0x80;
    if (ascii(head[0]) && head[1] === 0 && ascii(head[2]) && head[3] === 0) return 'utf-16le';
    if (head[0] === 0 && ascii(head[1]) && head[2] === 0 && ascii(head[3])) return 'utf-16be';
  }
  return null;
}

/** Writes `from` (UTF-16) to `to` as UTF-8 without its BOM; invalid UTF-16 refuses the file, naming where. */
export async function convertUtf16(from: string, to: string, encoding: Utf16, display: string): Promise<void> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  const convert = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        cb(null, Buffer.from(text, 'utf8'));
      } catch {
        cb(invalid(display, encoding, offset));
      }
    },
    flush(cb) {
      try {
        cb(null, Buffer.from(decoder.decode(), 'utf8'));
      } catch {
        cb(invalid(display, encoding, offset));
      }
    },
  });
  await pipeline(createReadStream(from), convert, createWriteStream(to, { flags: 'wx' }));
}

function invalid(display: string, encoding: Utf16, offset: number): EngineError {
  return new EngineError(
    'refused',
    `not valid ${encoding.toUpperCase()} text (a broken character in the bytes from offset ${offset.toLocaleString('en-US')} on); nothing of the file was imported`,
    { file: display },
  );
}
