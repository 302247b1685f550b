import { EngineError } from '../errors.ts';

export type FileFormat = 'ndjson' | 'json-array' | 'json-object' | 'csv';

export interface Sniffed {
  format: FileFormat;
  /** For csv: the delimiter. */
  delimiter?: string;
  /** For csv: lines before the header (PowerShell's `#TYPE …` line from Export-Csv). */
  skipLines?: number;
  /** For csv: how many columns the header names (as far as the sniffed head holds it). */
  columns?: number;
  /** For csv: the header line runs past the head, so `columns` is a lower bound. */
  headerCut?: boolean;
}

/** Windows PowerShell's Export-Csv writes the object's type name first unless told -NoTypeInformation. */
const PS_TYPE_LINE = /^#TYPE [^\r\n]*$/;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Is this head binary rather than text? NUL bytes, or many control bytes, or invalid UTF-8. */
function looksBinary(head: Buffer): string | undefined {
  const n = Math.min(head.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) return 'it contains NUL bytes';
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > n * 0.05) return `${control} of its first ${n} bytes are control characters`;
  const text = head.subarray(0, n).toString('utf8');
  // Allow one broken sequence at the cut-off point of the head.
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 8 && bad > n * 0.01) return 'it is not UTF-8 text';
  return undefined;
}

/** Count a delimiter in a line outside double quotes. */
function countOutsideQuotes(line: string, delim: string): number {
  let inQ = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQ = !inQ;
    else if (!inQ && ch === delim) count++;
  }
  return count;
}

function firstLineOf(text: string): string {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
}

/** Decide the format from the first bytes of the content (decompressed), before the full scan ends. */
export function sniff(file: string, headIn: Buffer): Sniffed {
  let head = headIn;
  if (head.length === 0) throw new EngineError('refused', 'the file is empty', { file });
  const binary = looksBinary(head);
  if (binary) throw new EngineError('refused', `binary content, not a JSON/NDJSON/CSV text export (${binary})`, { file });
  if (head.subarray(0, 3).equals(UTF8_BOM)) head = head.subarray(3);
  const text = head.toString('utf8');
  const trimmed = text.trimStart();
  if (trimmed === '') throw new EngineError('refused', 'the file holds only whitespace', { file });
  const first = trimmed[0];
  if (first === '[') return { format: 'json-array' };
  if (first === '{') {
    const line = firstLineOf(trimmed).trim();
    let firstLineParses = false;
    try {
      firstLineParses = typeof JSON.parse(line) === 'object';
    } catch {
      firstLineParses = false;
    }
    const afterFirst = trimmed.indexOf('\n');
    const moreLines = afterFirst >= 0 && trimmed.slice(afterFirst + 1).trim() !== '';
    // One object per line → NDJSON even if the rest has bad lines; a pretty-printed object → one document.
    if (firstLineParses && moreLines) return { format: 'ndjson' };
    if (firstLineParses) return { format: 'json-object' };
    // A first line longer than the head: one huge NDJSON line or one huge document; both are size-checked later.
    if (afterFirst < 0) return { format: 'json-object' };
    const second = firstLineOf(trimmed.slice(firstLineOf(trimmed).length + 1)).trim();
    if (line.endsWith('}') && second.startsWith('{')) return { format: 'ndjson' };
    return { format: 'json-object' };
  }
  if (first === '"') {
    try {
      const v: unknown = JSON.parse(firstLineOf(trimmed));
      if (typeof v === 'string') return { format: 'ndjson' };
    } catch {
      // Not a JSON string line: fall through to CSV (a quoted header cell).
    }
  }
  const body = text.replace(/^\uFEFF/, '');
  const typeLine = PS_TYPE_LINE.test(firstLineOf(body));
  const header = firstLineOf(typeLine ? body.slice(body.indexOf('\n') + 1) : body);
  const candidates = [',', '\t', ';', '|'];
  let best = '';
  let bestCount = 0;
  for (const d of candidates) {
    const c = countOutsideQuotes(header, d);
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  if (bestCount === 0) {
    throw new EngineError(
      'refused',
      'unsupported format: the first line is neither JSON nor a delimited CSV/TSV header',
      { file, line: 1 },
    );
  }
  const columns = { columns: bestCount + 1, headerCut: header.length === (typeLine ? body.slice(body.indexOf('\n') + 1) : body).length };
  return typeLine ? { format: 'csv', delimiter: best, skipLines: 1, ...columns } : { format: 'csv', delimiter: best, ...columns };
}
