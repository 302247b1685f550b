import { splitPath } from '../packs/paths.ts';

/** Longest path, template, constant or pattern a mapping may hold (characters). */
export const MAX_TEXT = 2000;
/** Longest RE2 pattern: RE2 compiles bigger ones into programs too large to be useful. */
export const MAX_PATTERN = 1000;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why this text cannot be part of a mapping, or null: length and control characters. */
export function textProblem(s: unknown, max = MAX_TEXT): string | null {
  if (typeof s !== 'string') return 'must be text';
  if (s.length > max) return `is ${s.length} characters long; at most ${max} are allowed`;
  // A NUL would end the statement DuckDB parses; other control characters are never in key names.
  if (CONTROL.test(s)) return 'holds a control character';
  return null;
}

/**
 * Why a path of the pack language is malformed, or null. Paths are dot paths (`actor.email`,
 * `target[0].id`, `"@timestamp"`, `{type}.id`, `@.name` for an exploded element). `wildcard`
 * allows `[*]` (change extractors read lists; a column reads one value).
 */
export function pathProblem(path: unknown, o: { explode?: boolean; wildcard?: boolean; keyed?: boolean } = {}): string | null {
  const t = textProblem(path);
  if (t) return t;
  const p = path as string;
  if (p.trim() === '') return 'is empty';
  if (p === '@' || p.startsWith('@.')) {
    if (!o.explode) return 'reads an exploded element (@) but the pack explodes no array';
    if (p === '@') return null;
  }
  const body = p.startsWith('@.') ? p.slice(2) : p;
  if (/^\.|\.\.|\.$/.test(body.replace(/"[^"]*"/g, '""'))) return 'has an empty segment (two dots, or a dot at an end)';
  let segs: string[];
  try {
    segs = splitPath(body);
  } catch (e) {
    return (e as Error).message.replace(/ in path .*$/, '');
  }
  if (segs.length === 0) return 'is empty';
  for (const seg of segs) {
    if (seg === '') return 'has an empty quoted segment ("")';
    if (seg.startsWith('[')) {
      const inner = seg.slice(1, -1);
      if (inner === '*') {
        if (!o.wildcard) return 'uses [*], which only change extractors read (a column takes one value)';
      } else if (!/^\d{1,9}$/.test(inner)) return `has [${inner}]: an index is a number (or [*] in change extractors)`;
    } else if (seg.startsWith('{')) {
      if (o.keyed === false) return 'uses a {key} segment, which is not allowed here';
      const inner = seg.slice(1, -1);
      const why = pathProblem(inner, { keyed: false });
      if (why) return `has a {key} segment whose path ${why}`;
    }
  }
  // splitPath gives a quoted segment back without its quotes, and the JSON path writer takes one
  // starting with [ or { for an index or a key reference: such a key cannot be named in a path.
  const odd = [...body.matchAll(/"([^"]*)"/g)].find((m) => /^[[{]/.test(m[1] as string));
  if (odd) return `has the quoted key ${odd[0]}, which the pack language would read as an index or {key}; such keys cannot be named`;
  const unquoted = body.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\{[^}]*\}/g, '');
  const stray = unquoted.match(/[{}[\]]/)?.[0];
  if (stray) return `has a stray ${stray}; quote a segment holding odd characters: "a [b]"`;
  return null;
}
