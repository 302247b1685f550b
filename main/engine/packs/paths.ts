/**
 * Pack paths → DuckDB JSON paths. A path is `a.b[0].c`, with `"quoted.segments"` for keys holding
 * dots or odd characters; `@.` addresses the exploded element; a first segment listed in the
 * pack's embeddedJson addresses that field's parsed JSON text.
 */

export interface ResolvedPath {
  /** Which JSON value the path starts from: the record, the exploded element, or an embedded field. */
  base: string;
  /** DuckDB JSON path (`$.a.b[0]`), or `$` for the base itself. */
  jsonPath: string;
}

/** Split `a."b.c"[0].d` into segments: `a`, `b.c`, `[0]`, `d`. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '"') {
      const end = path.indexOf('"', i + 1);
      if (end < 0) throw new Error(`unterminated quote in path ${path}`);
      out.push(path.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '{') {
      const end = path.indexOf('}', i);
      if (end < 0) throw new Error(`unterminated { in path ${path}`);
      out.push(path.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (ch === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw new Error(`unterminated [ in path ${path}`);
      out.push(path.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[' && path[j] !== '"') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

function segmentToJson(seg: string): string {
  if (seg.startsWith('[')) return seg;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) return `.${seg}`;
  return `."${seg.replace(/"/g, '\\"')}"`;
}

export function toJsonPath(segments: string[]): string {
  return '$' + segments.map(segmentToJson).join('');
}

export const RECORD_BASE = 'raw';
export const ELEMENT_BASE = 'el';

export function embeddedBase(index: number): string {
  return `emb${index}`;
}

/**
 * A path with one segment written `{other.path}` names its key by the value of another path
 * (OpenAI keeps an event's details under a key equal to its type: `{type}.id` reads
 * `$."api_key.created".id` for an api_key.created event). Undefined for ordinary paths.
 */
export function keyedPath(path: string): { before: string; key: string; after: string } | undefined {
  const segs = splitPath(path.startsWith('@.') ? path.slice(2) : path);
  const k = segs.findIndex((s) => /^\{[^{}]+\}$/.test(s));
  if (k < 0) return undefined;
  const prefix = path.startsWith('@.') ? '@.' : '';
  const join = (xs: string[]): string => xs.map((x) => (x.startsWith('[') ? x : `"${x}"`)).join('.').replace(/\.\[/g, '[');
  return { before: prefix + join(segs.slice(0, k)), key: (segs[k] as string).slice(1, -1), after: join(segs.slice(k + 1)) };
}

const SEP = '\u0000';

/** The longest embedded entry that is a prefix of these segments (its index and length), if any. */
function embeddedPrefix(segs: string[], embedded: string[], below = embedded.length): { index: number; len: number } | undefined {
  let best: { index: number; len: number } | undefined;
  for (let i = 0; i < below; i++) {
    const e = splitPath(embedded[i] as string);
    if (e.length > segs.length || (best && e.length <= best.len)) continue;
    if (e.every((seg, k) => seg === segs[k])) best = { index: i, len: e.length };
  }
  return best;
}

export function resolvePath(path: string, embedded: string[]): ResolvedPath {
  if (path === '@') return { base: ELEMENT_BASE, jsonPath: '$' };
  if (path.startsWith('@.')) return { base: ELEMENT_BASE, jsonPath: toJsonPath(splitPath(path.slice(2))) };
  const segs = splitPath(path);
  const hit = embeddedPrefix(segs, embedded);
  if (hit) return { base: embeddedBase(hit.index), jsonPath: toJsonPath(segs.slice(hit.len)) };
  return { base: RECORD_BASE, jsonPath: toJsonPath(segs) };
}

/** Where embedded entry `index`'s text is read from: the record, or an earlier entry it lies in. */
export function resolveEmbedded(index: number, embedded: string[]): ResolvedPath {
  const segs = splitPath(embedded[index] as string);
  const hit = embeddedPrefix(segs, embedded, index);
  if (hit) return { base: embeddedBase(hit.index), jsonPath: toJsonPath(segs.slice(hit.len)) };
  return { base: RECORD_BASE, jsonPath: toJsonPath(segs) };
}

/** A value that is JSON text of an object or array, parsed; anything else as it is. */
export function parseEmbedded(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** Read a path from a parsed JS value (used by detection on sampled records). */
export function readPath(value: unknown, path: string, embedded: string[] = []): unknown {
  const segs = splitPath(path.startsWith('@.') ? path.slice(2) : path);
  const emb = new Set(embedded.map((e) => splitPath(e).join(SEP)));
  let cur: unknown = value;
  for (let k = 0; k < segs.length; k++) {
    const seg = segs[k] as string;
    if (cur == null) return undefined;
    if (seg.startsWith('[')) {
      const inner = seg.slice(1, -1);
      if (!Array.isArray(cur)) return undefined;
      if (inner === '*') {
        const rest = segs.slice(k + 1);
        const vals = cur.map((x) => (rest.length ? readPathSegs(x, rest) : x)).filter((x) => x !== undefined);
        return vals.length ? vals : undefined;
      }
      cur = cur[Number(inner)];
    } else if (typeof cur === 'object') {
      cur = (cur as Record<string, unknown>)[seg];
    } else return undefined;
    if (emb.has(segs.slice(0, k + 1).join(SEP)) && typeof cur === 'string') {
      cur = parseEmbedded(cur);
      if (cur === undefined) return undefined;
    }
  }
  return cur;
}

function readPathSegs(value: unknown, segs: string[]): unknown {
  return readPath(value, segs.map((s) => (s.startsWith('[') ? s : `"${s}"`)).join('.').replace(/\.\[/g, '['));
}
