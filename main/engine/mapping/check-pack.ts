import type { MappingProblem } from '../../../preload/api.ts';
import { ACTION_CLASSES, MAPPED_FIELDS, VENDORS, type MappingPack } from '../packs/types.ts';
import { MAX_PATTERN, MAX_TEXT, pathProblem, textProblem } from './check-path.ts';
import { CHANGE_KINDS, FIELD_SPEC_KEYS, PACK_KEYS, TRANSFORMS } from './vocabulary.ts';

/**
 * The pack schema, checked key by key: every user mapping (a pack file, a stored mapping, the
 * editor's edit, `--map`) goes through it before anything becomes SQL, and every problem names
 * where it is (`fields.actor.regex`, `changes[1].path`). RE2 patterns are collected for the
 * engine to compile (check-patterns.ts); this file needs no database.
 */

export interface PatternRef {
  field: string;
  pattern: string;
  /** Also run by JavaScript (detection rules are tried on samples in JS and in SQL). */
  js?: boolean;
}

export interface PackCheck {
  problems: MappingProblem[];
  patterns: PatternRef[];
}

const MAX_MAP_ENTRIES = 1000;
const MAX_LIST = 64;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: MappingProblem[] = [];
  readonly patterns: PatternRef[] = [];
  constructor(readonly explode: boolean) {}

  add(field: string, message: string): void {
    if (this.problems.length < 100) this.problems.push({ field, message });
  }

  keys(where: string, o: Obj, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.add(where ? `${where}.${k}` : k, `unknown key (known: ${allowed.join(', ')})`);
    }
  }

  text(where: string, v: unknown, max = MAX_TEXT): void {
    const why = textProblem(v, max);
    if (why) this.add(where, why);
  }

  path(where: string, v: unknown, wildcard = false): void {
    const why = pathProblem(v, { explode: this.explode, wildcard });
    if (why) this.add(where, `path ${JSON.stringify(typeof v === 'string' ? v.slice(0, 80) : v)} ${why}`);
  }

  /** One path, or a non-empty list of them. */
  paths(where: string, v: unknown, wildcard = false): void {
    if (typeof v === 'string') return this.path(where, v, wildcard);
    if (!Array.isArray(v) || v.length === 0) return this.add(where, 'must be a path or a non-empty list of paths');
    if (v.length > MAX_LIST) return this.add(where, `lists ${v.length} paths; at most ${MAX_LIST}`);
    v.forEach((p, i) => this.path(`${where}[${i}]`, p, wildcard));
  }

  list(where: string, v: unknown, each: (w: string, x: unknown) => void): void {
    if (!Array.isArray(v)) return this.add(where, 'must be a list');
    if (v.length > MAX_LIST) return this.add(where, `has ${v.length} entries; at most ${MAX_LIST}`);
    v.forEach((x, i) => each(`${where}[${i}]`, x));
  }

  pattern(where: string, v: unknown, js = false): void {
    const why = textProblem(v, MAX_PATTERN);
    if (why) return this.add(where, `pattern ${why}`);
    if (v === '') return this.add(where, 'pattern is empty');
    this.patterns.push({ field: where, pattern: v as string, ...(js ? { js } : {}) });
  }

  template(where: string, v: unknown): void {
    this.text(where, v);
    if (typeof v !== 'string') return;
    let depth = 0;
    for (const ch of v) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      if (depth < 0 || depth > 1) return this.add(where, 'template braces do not pair: write {path} for each value');
    }
    if (depth !== 0) return this.add(where, 'template has a { that is never closed');
    const refs = [...v.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] as string);
    if (refs.length === 0) this.add(where, 'template reads no path: write {path} for each value (or use const)');
    refs.forEach((p) => this.path(where, p));
  }

  fieldSpec(where: string, spec: unknown): void {
    if (typeof spec === 'string' || Array.isArray(spec)) return this.paths(where, spec);
    if (!isObj(spec)) return this.add(where, 'must be a path, a list of paths or an object');
    this.keys(where, spec, FIELD_SPEC_KEYS);
    const bases = (['path', 'const', 'template', 'ifPresent'] as const).filter((k) => spec[k] !== undefined);
    if (bases.length > 1) this.add(where, `has ${bases.join(' and ')}: use one of path, const, template, ifPresent`);
    if (spec.path !== undefined) this.paths(`${where}.path`, spec.path);
    if (spec.const !== undefined) this.text(`${where}.const`, spec.const);
    if (spec.template !== undefined) this.template(`${where}.template`, spec.template);
    if (spec.ifPresent !== undefined) this.paths(`${where}.ifPresent`, spec.ifPresent);
    for (const k of ['then', 'else'] as const) {
      if (spec[k] === undefined) continue;
      if (spec.ifPresent === undefined) this.add(`${where}.${k}`, `${k} is only read with ifPresent`);
      this.text(`${where}.${k}`, spec[k]);
    }
    if (spec.transform !== undefined && !(TRANSFORMS as readonly unknown[]).includes(spec.transform)) {
      this.add(`${where}.transform`, `unknown transform ${JSON.stringify(spec.transform)} (known: ${TRANSFORMS.join(', ')})`);
    }
    if (spec.regex !== undefined) this.pattern(`${where}.regex`, spec.regex);
    if (spec.default !== undefined) this.text(`${where}.default`, spec.default);
    if (spec.map !== undefined) {
      if (!isObj(spec.map)) return this.add(`${where}.map`, 'must be an object of value → replacement');
      const entries = Object.entries(spec.map);
      if (entries.length > MAX_MAP_ENTRIES) this.add(`${where}.map`, `has ${entries.length} entries; at most ${MAX_MAP_ENTRIES}`);
      for (const [k, v] of entries.slice(0, MAX_MAP_ENTRIES)) {
        const kw = textProblem(k);
        if (kw) this.add(`${where}.map`, `key ${JSON.stringify(k.slice(0, 40))} ${kw}`);
        const vw = textProblem(v);
        if (vw) this.add(`${where}.map.${k.slice(0, 40)}`, vw);
      }
    }
  }

  change(where: string, spec: unknown): void {
    if (!isObj(spec)) return this.add(where, 'must be an object with a kind');
    const kind = CHANGE_KINDS.find((k) => k.kind === spec.kind);
    if (!kind) {
      return this.add(`${where}.kind`, `unknown change kind ${JSON.stringify(spec.kind)} (known: ${CHANGE_KINDS.map((k) => k.kind).join(', ')})`);
    }
    this.keys(where, spec, ['kind', ...kind.keys.map((k) => k.name)]);
    for (const key of kind.keys) {
      const v = spec[key.name];
      const at = `${where}.${key.name}`;
      if (v === undefined) {
        if (key.required) this.add(at, `is required for ${kind.kind} changes`);
        continue;
      }
      switch (key.kind) {
        case 'pattern':
          this.pattern(at, v);
          break;
        case 'paths':
          this.paths(at, v);
          break;
        case 'path':
          this.path(at, v, true);
          break;
        case 'rel': {
          // `@` is the entry itself (GCP binding deltas: the whole delta is the new value).
          const why = pathProblem(v, { keyed: false, explode: true });
          if (why) this.add(at, `path inside each entry ${why}`);
          break;
        }
        case 'list':
          this.list(at, v, (w, x) => {
            this.text(w, x, 200);
            // Prefixes become part of an RE2 pattern; only plain names are taken as they are.
            if (key.name === 'prefixes' && typeof x === 'string' && !/^[A-Za-z0-9_]+$/.test(x)) this.add(w, 'a prefix is letters, digits and _');
          });
          break;
        case 'text':
          this.text(at, v);
          break;
        case 'flag':
          if (typeof v !== 'boolean') this.add(at, 'must be true or false');
          break;
      }
    }
  }

  rule(where: string, r: unknown): void {
    if (!isObj(r)) return this.add(where, 'must be an object with an all list');
    this.keys(where, r, ['all', 'any', 'match', 'formats', 'or']);
    if (!Array.isArray(r.all)) this.add(`${where}.all`, 'is required: a list of paths every record has');
    else this.list(`${where}.all`, r.all, (w, p) => this.path(w, p));
    if (r.any !== undefined) this.list(`${where}.any`, r.any, (w, p) => this.path(w, p));
    if (r.match !== undefined) {
      this.list(`${where}.match`, r.match, (w, m) => {
        if (!isObj(m)) return this.add(w, 'must be an object with path and pattern');
        this.keys(w, m, ['path', 'pattern']);
        this.path(`${w}.path`, m.path);
        this.pattern(`${w}.pattern`, m.pattern, true);
      });
    }
  }
}

/** Checks a value against the pack schema; `pack` is set when there is no problem. */
export function checkPack(value: unknown): PackCheck & { pack?: MappingPack } {
  if (!isObj(value)) return { problems: [{ field: '', message: 'a mapping pack is a JSON object' }], patterns: [] };
  const c = new Checker(typeof value.explode === 'string');
  c.keys('', value, PACK_KEYS);
  if (!(VENDORS as readonly unknown[]).includes(value.id)) c.add('id', `unknown vendor id ${JSON.stringify(value.id)} (known: ${VENDORS.join(', ')})`);
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 0) c.add('version', 'must be a whole number');
  if (typeof value.label !== 'string' || value.label.trim() === '') c.add('label', 'is required: the source name events are filed under');
  else c.text('label', value.label, 200);
  if (value.priority !== undefined && typeof value.priority !== 'number') c.add('priority', 'must be a number');
  if (value.notes !== undefined && typeof value.notes !== 'string') c.add('notes', 'must be text');
  if (value.tz !== undefined) {
    c.text('tz', value.tz, 100);
    if (typeof value.tz === 'string' && !validZone(value.tz)) c.add('tz', `unknown time zone ${JSON.stringify(value.tz)} (an IANA name such as Europe/Berlin)`);
  }
  for (const k of ['embeddedJson', 'unwrap', 'eventId'] as const) {
    if (value[k] !== undefined) c.list(k, value[k], (w, p) => c.path(w, p));
  }
  if (value.explode !== undefined) c.path('explode', value.explode, true);

  if (!isObj(value.detect)) c.add('detect', 'is required: how records of this source are recognised ({"formats": ["json"], "all": []})');
  else {
    c.rule('detect', value.detect);
    const f = value.detect.formats;
    if (!Array.isArray(f) || f.length === 0 || f.some((x) => x !== 'json' && x !== 'csv')) c.add('detect.formats', 'must list "json" and/or "csv"');
    if (value.detect.or !== undefined) c.list('detect.or', value.detect.or, (w, r) => c.rule(w, r));
  }

  if (!isObj(value.fields)) c.add('fields', 'is required: an object of event column → where it comes from');
  else {
    for (const [k, spec] of Object.entries(value.fields)) {
      if (!(MAPPED_FIELDS as readonly string[]).includes(k)) c.add(`fields.${k}`, `unknown column (known: ${MAPPED_FIELDS.join(', ')})`);
      else c.fieldSpec(`fields.${k}`, spec);
    }
    const ac = value.fields.action_class;
    if (isObj(ac) && typeof ac.const === 'string' && !(ACTION_CLASSES as readonly string[]).includes(ac.const)) {
      c.add('fields.action_class.const', `must be one of ${ACTION_CLASSES.join(', ')}`);
    }
  }
  if (value.changes !== undefined) c.list('changes', value.changes, (w, s) => c.change(w, s));
  const out: PackCheck & { pack?: MappingPack } = { problems: c.problems, patterns: c.patterns };
  if (c.problems.length === 0) out.pack = value as unknown as MappingPack;
  return out;
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
