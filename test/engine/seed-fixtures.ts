/** Shared by the seed-pack tests: where the fixtures are and how to read sample records from them. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { MappingPack } from '../../main/engine/packs/types.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const DEFS = join(ROOT, 'main', 'engine', 'packs', 'defs');

export const fixture = (rel: string): string => join(FIXTURES, rel);

export function loadPacks(): MappingPack[] {
  return readdirSync(DEFS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DEFS, f), 'utf8')) as MappingPack);
}

/**
 * RFC 4180 rows (quotes, doubled quotes, CRLF, newlines in quotes); a leading BOM and PowerShell's
 * `#TYPE …` line are dropped, as the importer drops them.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '').replace(/^#TYPE [^\r\n]*\r?\n/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** The importer's wrapper keys (stage.ts): an object holding one of these arrays is a page of records. */
const WRAPPERS = [
  'Records', 'logs', 'data', 'value', 'events', 'items', 'entries', 'results', 'auditLogs', 'records',
  'Events', 'result', 'response', 'activity_logs', 'operation_logs',
];
/** One level down (Duo v2: `{"response": {"authlogs": […]}}`). */
const NESTED_PARENTS = ['response', 'data', 'result'];
const NESTED = ['authlogs', ...WRAPPERS];

/** The records array a saved page wraps, as the importer finds it, or undefined for a lone record. */
export function wrapped(obj: Record<string, unknown>): unknown[] | undefined {
  const top = obj[WRAPPERS.find((k) => Array.isArray(obj[k])) ?? ''];
  if (Array.isArray(top)) return top;
  for (const p of NESTED_PARENTS) {
    const inner = obj[p];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const o = inner as Record<string, unknown>;
      const arr = o[NESTED.find((k) => Array.isArray(o[k])) ?? ''];
      if (Array.isArray(arr)) return arr;
    }
  }
  return undefined;
}

/** Up to `n` records of a file as the importer sees them (CSV rows as header→cell, empty cell → null). */
export function sampleRecords(file: string, n = 20): { format: 'json' | 'csv'; records: unknown[] } {
  const buf = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  if (/\.csv(\.gz)?$/.test(file)) {
    const [header = [], ...rows] = parseCsv(text);
    const records = rows.slice(0, n).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ? r[i] : null])));
    return { format: 'csv', records };
  }
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return { format: 'json', records: [] };
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v)) return { format: 'json', records: v.slice(0, n) };
    if (v && typeof v === 'object') {
      const inner = wrapped(v as Record<string, unknown>);
      return { format: 'json', records: inner ? inner.slice(0, n) : [v] };
    }
  } catch {
    // NDJSON
  }
  const records = text
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, n)
    .map((l) => JSON.parse(l) as unknown);
  return { format: 'json', records };
}
