import { EngineError } from '../errors.ts';
import { MAPPED_FIELDS, type ChangeSpec, type FieldSpec, type MappedField, type MappingPack } from '../packs/types.ts';
import { TRANSFORMS } from './vocabulary.ts';

/**
 * The `--map` syntax of the CLI: `COLUMN=SOURCE`, where SOURCE is
 * - `path` or `path|other.path` (the first non-empty), followed by ops separated by `|`:
 *   a transform (`lower`, `upper`, `trim`, `ip`, `basename`), `default:TEXT`,
 *   `map:from=to,from=to,*=fallback`, `regex:PATTERN` (the rest of the text, `|` included: write it last);
 * - `const:TEXT`, `template:{a}:{b}`, or `ifPresent:path` with `then:TEXT` and `else:TEXT` parts;
 * - `json:{…}` a field spec of the pack language as JSON (for `changes`: a list of extractors);
 * - nothing (`COLUMN=`): the column is no longer mapped.
 * `event_time` is accepted for `time`. Quoted path segments (`"a|b"`) keep their `|`.
 */

export type MapEdit = { column: MappedField; spec: FieldSpec | null } | { column: 'changes'; spec: ChangeSpec[] };

const OPS = new Set<string>(TRANSFORMS);

function bad(text: string, why: string): never {
  throw new EngineError('bad-input', `--map ${text}: ${why}`);
}

/** Split at `|` outside double quotes and braces; `regex:` keeps everything after it. */
function parts(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let braces = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (!quoted && braces === 0 && cur === '' && s.startsWith('regex:', i)) {
      out.push(s.slice(i));
      return out;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') braces++;
    else if (!quoted && ch === '}') braces = Math.max(0, braces - 1);
    if (ch === '|' && !quoted && braces === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function parseMap(text: string, body: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of body.split(',')) {
    const i = pair.indexOf('=');
    if (i <= 0) bad(text, `map entries are from=to, got ${JSON.stringify(pair)}`);
    map[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return map;
}

function parseJson(text: string, body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    return bad(text, `json: is not valid JSON (${(e as Error).message})`);
  }
}

function fieldSpec(text: string, source: string): FieldSpec {
  if (source.startsWith('json:')) return parseJson(text, source.slice(5)) as FieldSpec;
  const paths: string[] = [];
  const spec: Exclude<FieldSpec, string | string[]> = {};
  for (const part of parts(source)) {
    const p = part.trim();
    if (p === '') bad(text, 'an empty part between |');
    if (OPS.has(p)) spec.transform = p as (typeof TRANSFORMS)[number];
    else if (p.startsWith('regex:')) spec.regex = p.slice(6);
    else if (p.startsWith('default:')) spec.default = p.slice(8);
    else if (p.startsWith('map:')) spec.map = parseMap(text, p.slice(4));
    else if (p.startsWith('const:')) spec.const = part.slice(part.indexOf(':') + 1);
    else if (p.startsWith('template:')) spec.template = p.slice(9);
    else if (p.startsWith('ifPresent:')) spec.ifPresent = p.slice(10);
    else if (p.startsWith('then:')) spec.then = p.slice(5);
    else if (p.startsWith('else:')) spec.else = p.slice(5);
    else paths.push(p);
  }
  if (paths.length) spec.path = paths.length === 1 ? (paths[0] as string) : paths;
  const keys = Object.keys(spec);
  if (keys.length === 1 && spec.path !== undefined) return spec.path;
  return spec;
}

export function parseMapSpec(text: string): MapEdit {
  const i = text.indexOf('=');
  if (i <= 0) bad(text, 'write COLUMN=PATH (for example actor=user.email)');
  const name = text.slice(0, i).trim();
  const source = text.slice(i + 1);
  const column = name === 'event_time' ? 'time' : name;
  if (column === 'changes') {
    if (source.trim() === '') return { column, spec: [] };
    if (!source.startsWith('json:')) bad(text, 'changes take json:[…] (a list of change extractors)');
    const v = parseJson(text, source.slice(5));
    return { column, spec: (Array.isArray(v) ? v : [v]) as ChangeSpec[] };
  }
  if (!(MAPPED_FIELDS as readonly string[]).includes(column)) {
    bad(text, `unknown column ${JSON.stringify(name)} (known: event_time, ${MAPPED_FIELDS.filter((f) => f !== 'time').join(', ')}, changes)`);
  }
  return { column: column as MappedField, spec: source.trim() === '' ? null : fieldSpec(text, source) };
}

/** The pack with these edits made: a column's spec replaced or removed, the change extractors replaced. */
export function applyEdits(pack: MappingPack, edits: MapEdit[]): MappingPack {
  const fields = { ...pack.fields };
  let changes = pack.changes;
  for (const e of edits) {
    if (e.column === 'changes') changes = e.spec;
    else if (e.spec === null) delete fields[e.column];
    else fields[e.column] = e.spec;
  }
  return { ...pack, fields, ...(changes ? { changes } : {}) };
}
