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

/** RFC 4180 rows (quotes, doubled quotes, CRLF, newlines in quotes); a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
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

const WRAPPERS = ['Records', 'logs', 'data', 'value', 'events', 'items'];

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
      const obj = v as Record<string, unknown>;
      const key = WRAPPERS.find((k) => Array.isArray(obj[k]));
      const inner = key ? obj[key] : undefined;
      return { format: 'json', records: Array.isArray(inner) ? inner.slice(0, n) : [v] };
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
