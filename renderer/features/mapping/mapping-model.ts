import type { MappingEdit, MappingFieldSpec, MappingProblem } from '../../../preload/api.ts';

/**
 * The editor's rows: each event column as text the investigator types, and back to the pack
 * language. A row reads from one or more paths (`a.b | c.d`: the first non-empty) with an optional
 * transform; anything richer (a constant, a template, a pattern, a value map) is edited as the
 * field spec's JSON in the same box, so no part of a mapping is hidden or lost.
 */

export interface ColumnRow {
  column: string;
  /** Paths separated by `|`, or a field spec as JSON (`{…}`); empty: not mapped. */
  source: string;
  transform: string;
}

/** A row that cannot become a field spec, named like the engine names its problems. */
export interface RowError {
  field: string;
  message: string;
}

function splitPaths(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === '|' && !quoted) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const isJson = (s: string): boolean => /^\s*[{[]/.test(s) && !/^\s*\[\d/.test(s);

/** A spec as the row shows it: simple path specs as text, the rest as JSON. */
export function rowOf(column: string, spec: MappingFieldSpec | undefined): ColumnRow {
  if (spec === undefined) return { column, source: '', transform: '' };
  if (typeof spec === 'string') return { column, source: spec, transform: '' };
  if (Array.isArray(spec)) return { column, source: spec.join(' | '), transform: '' };
  const keys = Object.keys(spec);
  const simple = spec.path !== undefined && keys.every((k) => k === 'path' || k === 'transform');
  if (simple) {
    const paths = Array.isArray(spec.path) ? spec.path.join(' | ') : String(spec.path);
    return { column, source: paths, transform: spec.transform ?? '' };
  }
  return { column, source: JSON.stringify(spec), transform: '' };
}

export function rowsOf(columns: string[], mapping: MappingEdit): ColumnRow[] {
  const known = new Set(columns);
  const extra = Object.keys(mapping.fields).filter((c) => !known.has(c));
  return [...columns, ...extra].map((c) => rowOf(c, mapping.fields[c]));
}

/** The spec a row makes, undefined for an unmapped column, or the reason it makes none. */
export function specOf(row: ColumnRow): { spec?: MappingFieldSpec; error?: RowError } {
  const text = row.source.trim();
  if (text === '')
    return row.transform
      ? { error: { field: `fields.${row.column}`, message: 'a transform needs a path to read' } }
      : {};
  if (isJson(text)) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return { error: { field: `fields.${row.column}`, message: `not valid JSON: ${(e as Error).message}` } };
    }
    if (typeof v !== 'object' || v === null)
      return { error: { field: `fields.${row.column}`, message: 'a field spec is an object or a list of paths' } };
    if (row.transform && !Array.isArray(v)) return { spec: { ...(v as object), transform: row.transform } };
    return { spec: v as MappingFieldSpec };
  }
  const paths = splitPaths(text);
  if (paths.some((p) => p === ''))
    return { error: { field: `fields.${row.column}`, message: 'an empty path between |' } };
  const path = paths.length === 1 ? (paths[0] as string) : paths;
  return { spec: row.transform ? { path, transform: row.transform } : path };
}

/** The edit the rows make, or the rows' own errors (checked before the engine sees anything). */
export function editOf(rows: ColumnRow[], changes: MappingEdit['changes']): { edit?: MappingEdit; errors: RowError[] } {
  const fields: Record<string, MappingFieldSpec> = {};
  const errors: RowError[] = [];
  for (const r of rows) {
    const { spec, error } = specOf(r);
    if (error) errors.push(error);
    else if (spec !== undefined) fields[r.column] = spec;
  }
  return errors.length ? { errors } : { edit: { fields, changes }, errors };
}

/** The column a problem is about (`fields.actor.regex` → `actor`), if any. */
export function problemColumn(p: MappingProblem): string | null {
  const m = /^fields\.([^.[]+)/.exec(p.field);
  return m ? (m[1] as string) : null;
}

/** Sets a row's source to a picked field: replaces a JSON spec or an empty box, else adds it as a fallback when asked. */
export function withPicked(row: ColumnRow, path: string, add: boolean): ColumnRow {
  if (!add || row.source.trim() === '' || isJson(row.source)) return { ...row, source: path };
  const paths = splitPaths(row.source);
  return paths.includes(path) ? row : { ...row, source: [...paths, path].join(' | ') };
}
