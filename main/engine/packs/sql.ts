import { sqlString } from '../db.ts';
import { ELEMENT_BASE, RECORD_BASE, embeddedBase, keyedPath, resolveEmbedded, resolvePath } from './paths.ts';
import {
  ACTION_CLASSES,
  ACTOR_TYPES,
  OUTCOMES,
  type ChangeSpec,
  type FieldSpec,
  type MappedField,
  type MappingPack,
  type ValueOps,
} from './types.ts';

/**
 * Turns a mapping pack into one SELECT over a staged relation `(rn BIGINT, raw VARCHAR)`, producing
 * every `events` column plus the identity columns the importer keys events by (identity.ts). All
 * JSON reads of one base are batched into a single json_extract_string call so each record is
 * parsed once per base.
 */

interface PathRef {
  base: string;
  jsonPath: string;
}

/**
 * The column a record path reads: `raw`, or `rec` (the unwrapped record) for packs with `unwrap`
 * and for files holding records as JSON strings.
 */
function recordColumn(pack: MappingPack, stringRecords: boolean): string {
  return pack.unwrap?.length || stringRecords ? 'rec' : 'raw';
}

/** A record held as a JSON string (a double-encoded line or element) is read through the string; raw keeps it. */
const UNWRAPPED_RAW = `CASE WHEN starts_with(raw, '{') THEN raw WHEN json_type(raw) = 'VARCHAR' THEN json_extract_string(raw, '$') ELSE raw END`;

function resolveIn(path: string, embedded: string[], rec: string): PathRef {
  const r = resolvePath(path, embedded);
  return r.base === RECORD_BASE ? { base: rec, jsonPath: r.jsonPath } : r;
}

/**
 * For a path with a `{key}` segment: its base and a SQL expression building its JSON path at run
 * time from the key's value (read by `keyRef`). Not batched: one extraction per such path.
 */
function keyedJsonPath(
  path: string,
  embedded: string[],
  rec: string,
  keyRef: (p: string) => string,
): { base: string; pathSql: string } | undefined {
  const k = keyedPath(path);
  if (!k) return undefined;
  const before = k.before ? resolveIn(k.before, embedded, rec) : { base: path.startsWith('@.') ? ELEMENT_BASE : rec, jsonPath: '$' };
  const { base, jsonPath: head } = before;
  const tail = k.after ? resolvePath(k.after, []).jsonPath.slice(1) : '';
  const pathSql = `${sqlString(head + '."')} || replace(${keyRef(k.key)}, '"', '\\"') || ${sqlString('"' + tail)}`;
  return { base, pathSql };
}

class Extractor {
  private readonly byBase = new Map<string, string[]>();

  constructor(private readonly rec: string) {}

  ref(path: string, embedded: string[]): string {
    const keyed = keyedJsonPath(path, embedded, this.rec, (p) => this.ref(p, embedded));
    if (keyed) return `json_extract_string(${keyed.base}, ${keyed.pathSql})`;
    const r0: PathRef = resolveIn(path, embedded, this.rec);
    // An embedded field named alone is read as written (its JSON text verbatim, or plain text when
    // it holds none: Duo's description is 'free-form text or serialized JSON').
    const r: PathRef = r0.jsonPath === '$' && r0.base !== this.rec && r0.base !== ELEMENT_BASE ? resolveIn(`"${path}"`, [], this.rec) : r0;
    if (r.jsonPath === '$') return r.base === this.rec ? this.rec : `json_extract_string(${r.base}, '$')`;
    const list = this.byBase.get(r.base) ?? [];
    let i = list.indexOf(r.jsonPath);
    if (i < 0) {
      list.push(r.jsonPath);
      i = list.length - 1;
    }
    this.byBase.set(r.base, list);
    return `x_${r.base}[${i + 1}]`;
  }

  /**
   * The record re-serialized by DuckDB (whitespace dropped, escapes and numbers normalised), read in
   * the same parse as the record's other paths.
   */
  canonicalRecord(): string {
    const list = this.byBase.get(RECORD_BASE) ?? [];
    if (!list.includes('$')) list.push('$');
    this.byBase.set(RECORD_BASE, list);
    return `x_${RECORD_BASE}[${list.indexOf('$') + 1}]`;
  }

  /** Columns computing each base's extraction list, for the `x` CTE. */
  columns(): string[] {
    return [...this.byBase.entries()].map(
      ([base, paths]) => `json_extract_string(${base}, [${paths.map(sqlString).join(', ')}]) AS x_${base}`,
    );
  }
}

function lit(s: string | undefined | null): string {
  return s == null ? 'NULL' : sqlString(s);
}

/**
 * Whether an RE2 pattern has a capturing group: a `(` that is not escaped, not inside a character
 * class and not `(?:` / `(?i)` style, while `(?P<name>` and `(?<name>` capture.
 */
export function hasCaptureGroup(re: string): boolean {
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const ch = re[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      // A ] right after [ or [^ is a literal member of the class.
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') i++;
      continue;
    }
    if (ch !== '(') continue;
    if (re[i + 1] !== '?') return true;
    if (re.startsWith('?P<', i + 1) || (re[i + 2] === '<' && re[i + 3] !== '=' && re[i + 3] !== '!')) return true;
  }
  return false;
}

function applyOps(expr: string, ops: ValueOps): string {
  let e = expr;
  switch (ops.transform) {
    case 'ip':
      e = `al_ip(${e})`;
      break;
    case 'lower':
      e = `lower(${e})`;
      break;
    case 'upper':
      e = `upper(${e})`;
      break;
    case 'trim':
      e = `trim(${e})`;
      break;
    case 'basename':
      e = `al_basename(${e})`;
      break;
    case 'outcome':
      e = `al_outcome(${e})`;
      break;
    default:
      break;
  }
  if (ops.regex) {
    const group = hasCaptureGroup(ops.regex) ? 1 : 0;
    e = `al_nonempty(regexp_extract(${e}, ${sqlString(ops.regex)}, ${group}))`;
  }
  if (ops.map) {
    const entries = Object.entries(ops.map).filter(([k]) => k !== '*');
    const fallback = ops.map['*'];
    const whens = entries.map(([k, v]) => `WHEN ${sqlString(k.toLowerCase())} THEN ${sqlString(v)}`).join(' ');
    const otherwise = fallback !== undefined ? `CASE WHEN ${e} IS NULL THEN NULL ELSE ${sqlString(fallback)} END` : e;
    e = entries.length ? `(CASE lower(${e}) ${whens} ELSE ${otherwise} END)` : `(${otherwise})`;
  }
  if (ops.default !== undefined) e = `coalesce(al_nonempty(${e}), ${sqlString(ops.default)})`;
  return e;
}

function coalescePaths(paths: string[], x: Extractor, embedded: string[]): string {
  const refs = paths.map((p) => `al_nonempty(${x.ref(p, embedded)})`);
  return refs.length === 1 ? (refs[0] as string) : `coalesce(${refs.join(', ')})`;
}

/** The value before ValueOps (for outcome_raw) and after. */
function fieldExpr(spec: FieldSpec, x: Extractor, embedded: string[]): { raw: string; value: string } {
  if (typeof spec === 'string' || Array.isArray(spec)) {
    const e = coalescePaths(typeof spec === 'string' ? [spec] : spec, x, embedded);
    return { raw: e, value: e };
  }
  let base: string;
  if (spec.const !== undefined) base = sqlString(spec.const);
  else if (spec.template !== undefined) {
    const parts = spec.template.split(/(\{[^}]+\})/).filter((p) => p !== '');
    const pieces = parts.map((p) => (p.startsWith('{') ? `al_nonempty(${x.ref(p.slice(1, -1), embedded)})` : sqlString(p)));
    const anyPath = parts.filter((p) => p.startsWith('{')).map((p) => `al_nonempty(${x.ref(p.slice(1, -1), embedded)})`);
    base = `(CASE WHEN coalesce(${anyPath.join(', ')}) IS NULL THEN NULL ELSE concat(${pieces.map((p) => `coalesce(${p}, '')`).join(', ')}) END)`;
  } else if (spec.ifPresent !== undefined) {
    const p = coalescePaths(typeof spec.ifPresent === 'string' ? [spec.ifPresent] : spec.ifPresent, x, embedded);
    base = `(CASE WHEN ${p} IS NOT NULL THEN ${lit(spec.then)} ELSE ${lit(spec.else)} END)`;
  } else if (spec.path !== undefined) {
    base = coalescePaths(typeof spec.path === 'string' ? [spec.path] : spec.path, x, embedded);
  } else base = 'NULL';
  return { raw: base, value: applyOps(base, spec) };
}

function jsonAt(base: string, jsonPath: string): string {
  return jsonPath === '$' ? `${base}::JSON` : `json_extract(${base}, ${sqlString(jsonPath)})`;
}

/** A JSON path relative to a lambda variable; `@`-free, record-style. */
function relPath(path: string): string {
  return resolvePath(path, []).jsonPath;
}

function keyPath(k: string): string {
  return `'$."' || replace(${k}, '"', '\\"') || '"'`;
}

const CHANGE_T = "STRUCT(field VARCHAR, old JSON, new JSON)";

function changeExpr(spec: ChangeSpec, embedded: string[], rec: string): string {
  const at = (path: string): string => {
    const keyed = keyedJsonPath(path, embedded, rec, (p) => {
      const r = resolveIn(p, embedded, rec);
      return `json_extract_string(${r.base}, ${sqlString(r.jsonPath)})`;
    });
    if (keyed) return `json_extract(${keyed.base}, ${keyed.pathSql})`;
    const r = resolveIn(path, embedded, rec);
    return jsonAt(r.base, r.jsonPath);
  };
  // A path with [*] yields its matches; otherwise an array's elements, or a lone object as a list of one.
  const listOf = (path: string): string => {
    const r = resolveIn(path, embedded, rec);
    if (r.jsonPath.includes('[*]')) return `coalesce(json_extract(${r.base}, ${sqlString(r.jsonPath)}), [])`;
    const p = sqlString(r.jsonPath);
    return `coalesce(CASE json_type(${r.base}, ${p}) WHEN 'ARRAY' THEN json_extract(${r.base}, ${sqlString(`${r.jsonPath}[*]`)}) WHEN 'OBJECT' THEN [json_extract(${r.base}, ${p})] END, [])`;
  };
  const skip = (fields: string[] | undefined, inner: string): string =>
    fields && fields.length
      ? `list_filter(${inner}, lambda c: c.field NOT IN (${fields.map(sqlString).join(', ')}))`
      : inner;
  switch (spec.kind) {
    case 'list':
      return skip(
        spec.skipFields,
        `list_transform(list_filter(${listOf(spec.path)}, lambda e: json_type(e) = 'OBJECT'), lambda e: {'field': json_extract_string(e, ${sqlString(relPath(spec.field))}), 'old': ${spec.old ? `json_extract(e, ${sqlString(relPath(spec.old))})` : 'NULL::JSON'}, 'new': ${spec.new ? `json_extract(e, ${sqlString(relPath(spec.new))})` : 'NULL::JSON'}}::${CHANGE_T})`,
      );
    case 'fromTo': {
      const from = relPath(spec.from);
      const to = relPath(spec.to);
      return `flatten(list_transform(list_filter(${listOf(spec.path)}, lambda e: json_type(e) = 'OBJECT'), lambda e: list_transform(list_sort(list_distinct(list_concat(coalesce(json_keys(e, ${sqlString(from)}), []), coalesce(json_keys(e, ${sqlString(to)}), [])))), lambda k: {'field': k, 'old': json_extract(json_extract(e, ${sqlString(from)}), ${keyPath('k')}), 'new': json_extract(json_extract(e, ${sqlString(to)}), ${keyPath('k')})}::${CHANGE_T})))`;
    }
    case 'prefixed': {
      const obj = spec.under ? at(spec.under) : rec;
      const re = `^(${spec.prefixes.map((p) => p.replace(/[^A-Za-z0-9_]/g, '')).join('|')})`;
      return `list_transform(list_filter(coalesce(json_keys(${obj}), []), lambda k: regexp_matches(k, ${sqlString(re)}) AND length(regexp_replace(k, ${sqlString(re)}, '')) > 0 AND coalesce(json_extract_string(${obj}, ${keyPath('k')}), '') <> ''), lambda k: {'field': regexp_replace(k, ${sqlString(re)}, ''), 'old': json_extract(${obj}, ${keyPath('k')}), 'new': json_extract(${obj}, ${keyPath(`regexp_replace(k, ${sqlString(re)}, '')`)})}::${CHANGE_T})`;
    }
    case 'text': {
      const r = resolveIn(spec.path, embedded, rec);
      const text = r.jsonPath === '$' ? r.base : `json_extract_string(${r.base}, ${sqlString(r.jsonPath)})`;
      const pat = sqlString(spec.pattern);
      return `list_transform(coalesce(regexp_extract_all(${text}, ${pat}, 0), []), lambda m: {'field': regexp_extract(m, ${pat}, 1), 'old': to_json(regexp_extract(m, ${pat}, 2)), 'new': to_json(regexp_extract(m, ${pat}, 3))}::${CHANGE_T})`;
    }
    case 'newOnly': {
      const obj = at(spec.path);
      return skip(
        spec.skipFields,
        `list_transform(CASE WHEN json_type(${obj}) = 'OBJECT' THEN json_keys(${obj}) ELSE [] END, lambda k: {'field': k, 'old': NULL::JSON, 'new': json_extract(${obj}, ${keyPath('k')})}::${CHANGE_T})`,
      );
    }
    case 'pair': {
      const o = at(spec.old);
      const n = at(spec.new);
      const fieldPaths = spec.fieldPath === undefined ? [] : typeof spec.fieldPath === 'string' ? [spec.fieldPath] : spec.fieldPath;
      const named = fieldPaths.length ? `coalesce(${fieldPaths.map((p) => `al_nonempty(json_extract_string(${at(p)}, '$'))`).join(', ')})` : 'NULL';
      const field = `coalesce(al_nonempty(${named}), ${lit(spec.field)})`;
      // Both sides absent or empty text (Cloudflare writes "" for settings without values): no change.
      const some = `coalesce(nullif(json_extract_string(${o}, '$'), ''), nullif(json_extract_string(${n}, '$'), ''))`;
      // ifText: only text on both sides (YepCode source code), not objects of attributes.
      const text = spec.ifText
        ? ` AND coalesce(json_type(${o}), 'VARCHAR') = 'VARCHAR' AND coalesce(json_type(${n}), 'VARCHAR') = 'VARCHAR'`
        : '';
      return `(CASE WHEN ${some} IS NOT NULL${text} THEN [{'field': ${field}, 'old': ${o}, 'new': ${n}}::${CHANGE_T}] ELSE []::${CHANGE_T}[] END)`;
    }
  }
}

/** `rec`: the first unwrap field holding a JSON object (as text or as an object), else the record itself. */
function unwrapSql(fields: string[], source: string): string {
  if (!fields.length) return `SELECT rn, raw, loc, ${UNWRAPPED_RAW} AS rec FROM ${source}`;
  const texts = fields.map((f, i) => `json_extract_string(r0, ${sqlString(resolvePath(f, []).jsonPath)}) AS u${i}`);
  const whens = fields.map((_, i) => `WHEN try(json_type(u${i})) = 'OBJECT' THEN u${i}`).join(' ');
  return `SELECT rn, raw, loc, CASE ${whens} ELSE r0 END AS rec FROM (SELECT rn, raw, loc, r0, ${texts.join(', ')} FROM (SELECT rn, raw, loc, ${UNWRAPPED_RAW} AS r0 FROM ${source}))`;
}

/**
 * `src_ip` always goes through al_ip; a field whose last step is already the `ip` transform is not
 * wrapped again (the macro expands its argument several times, so al_ip(al_ip(x)) costs the
 * import about as much as every other column together).
 */
function ipOnce(spec: FieldSpec | undefined, value: string): string {
  const last = typeof spec === 'object' && !Array.isArray(spec) && spec.transform === 'ip' && !spec.regex && !spec.map && spec.default === undefined;
  return last ? value : `al_ip(${value})`;
}

export interface MappingSqlOptions {
  /** Relation with columns rn BIGINT, raw VARCHAR (and loc VARCHAR: the locator). */
  source: string;
  vendor: string;
  /** SQL expression for the assumed time zone (usually a parameter). */
  tzExpr: string;
  /** Some records are JSON strings holding the record (double-encoded). */
  stringRecords?: boolean;
  /**
   * `raw` is already DuckDB's own serialization (CSV rows, elements of wrapper objects), so its
   * hash is the canonical one without re-serializing it.
   */
  rawIsCanonical?: boolean;
  /** Also yield `legacy_key`, the schema-v1 identity, for cases holding events imported under it. */
  legacyKey?: boolean;
}

/**
 * The paths of a pack's own event id. Only a vendor's documented id names an event; a synthesized
 * (generic) mapping has no vendor documentation behind its guess, so it identifies by content.
 */
export function identityPaths(pack: MappingPack): string[] {
  return pack.id === 'generic' ? [] : (pack.eventId ?? []);
}

/**
 * SELECT yielding the events columns (minus batch_id/source_id) plus the identity columns:
 * `has_native_id`, `vendor_event_id` (the vendor's id, `[K]` for element K of a multi-event
 * record) and `identity_key`: vendor id + time (the instant, to the second) + action where the
 * vendor has an id, else the hash of the canonical record (occurrence numbers are added by the
 * importer).
 */
export function mappingSql(pack: MappingPack, optsIn: MappingSqlOptions): string {
  const opts = pack.tz ? { ...optsIn, tzExpr: sqlString(pack.tz) } : optsIn;
  const embedded = pack.embeddedJson ?? [];
  const rec = recordColumn(pack, Boolean(optsIn.stringRecords));
  const x = new Extractor(rec);
  const f = (name: MappedField): { raw: string; value: string } | undefined => {
    const spec = pack.fields[name];
    return spec === undefined ? undefined : fieldExpr(spec, x, embedded);
  };
  const val = (name: MappedField): string => f(name)?.value ?? 'NULL';

  const time = f('time');
  const outcome = f('outcome');
  const actionClass = f('action_class');
  const actorType = f('actor_type');
  const cols: Record<string, string> = {
    time_raw: time?.raw ?? 'NULL',
    actor: val('actor'),
    actor_id: val('actor_id'),
    actor_type_v: actorType?.value ?? 'NULL',
    src_ip: ipOnce(pack.fields.src_ip, val('src_ip')),
    user_agent: val('user_agent'),
    action: val('action'),
    action_class_v: actionClass?.value ?? 'NULL',
    service: val('service'),
    target_type: val('target_type'),
    target_id: val('target_id'),
    target_name: val('target_name'),
    outcome_raw: outcome?.raw ?? 'NULL',
    outcome_v: outcome?.value ?? 'NULL',
    description: val('description'),
    tenant: val('tenant'),
  };
  const idParts = identityPaths(pack).map((p) => `al_nonempty(${x.ref(p, embedded)})`);
  // With a vendor id the canonical record is needed only where that id is missing: re-parsed for
  // those rows alone rather than serialized for every row.
  const canonical = opts.rawIsCanonical ? 'raw' : idParts.length ? 'json(raw)' : x.canonicalRecord();
  const nativeId = idParts.length ? `nullif(concat_ws('|', ${idParts.join(', ')}), '')` : 'NULL';

  const changeParts = (pack.changes ?? []).map((c) => changeExpr(c, embedded, rec));
  const changes =
    changeParts.length === 0
      ? `[]::${CHANGE_T}[]`
      : changeParts.length === 1
        ? (changeParts[0] as string)
        : `list_concat(${changeParts.join(', ')})`;

  const explode = pack.explode ? resolveIn(pack.explode, embedded, rec) : undefined;
  const explodePath = explode ? (explode.jsonPath.endsWith('[*]') ? explode.jsonPath : `${explode.jsonPath}[*]`) : '';
  const recCols = rec === 'raw' ? ['rn', 'raw', 'loc'] : ['rn', 'raw', 'loc', rec];
  const baseCols = [...recCols, ...embedded.map((_, i) => embeddedBase(i))];

  let stage1 = rec === 'raw' ? `SELECT rn, raw, loc FROM ${opts.source}` : unwrapSql(pack.unwrap ?? [], opts.source);
  // Each embedded field is parsed in its own layer, so a later one may lie inside an earlier one.
  embedded.forEach((_, i) => {
    const r = resolveEmbedded(i, embedded);
    const base = r.base === RECORD_BASE ? rec : r.base;
    const b = embeddedBase(i);
    const text = r.jsonPath === '$' ? `${base}::VARCHAR` : `json_extract_string(${base}, ${sqlString(r.jsonPath)})`;
    stage1 = `SELECT * EXCLUDE (${b}_s), CASE WHEN json_valid(${b}_s) THEN ${b}_s::JSON END AS ${b} FROM (SELECT *, ${text} AS ${b}_s FROM (${stage1}))`;
  });
  const stage2 = explode
    ? `SELECT ${baseCols.join(', ')}, ${ELEMENT_BASE}, ${ELEMENT_BASE}_i FROM (SELECT ${baseCols.join(', ')}, unnest(els) AS ${ELEMENT_BASE}, unnest(range(1, len(els) + 1)) AS ${ELEMENT_BASE}_i FROM (SELECT *, coalesce(json_extract(${explode.base}, ${sqlString(explodePath)}), [NULL::JSON]) AS els FROM s1))`
    : `SELECT *, NULL::JSON AS ${ELEMENT_BASE}, NULL::BIGINT AS ${ELEMENT_BASE}_i FROM s1`;
  // Column expressions reference x_<base> lists, so the extraction CTE must come after all refs are made.
  const colSql = Object.entries(cols)
    .map(([k, v]) => `${v} AS ${k}`)
    .join(',\n    ');
  const changesSql = changes;
  const nativeIdSql = nativeId;
  const extractCols = x.columns();

  const inList = (vals: readonly string[]): string => vals.map(sqlString).join(', ');
  const vendor = sqlString(opts.vendor);
  const elSuffix = `CASE WHEN ${ELEMENT_BASE}_i IS NULL THEN '' ELSE '#' || ${ELEMENT_BASE}_i END`;
  // The instant to the second, however it is spelled: exports of one vendor render the same time
  // with different precision (Entra's Log Analytics CSV keeps milliseconds of Graph's 7 digits).
  // Unreadable times compare as written.
  const timeKey = `coalesce('t' || (epoch_us(al_time_of(time_raw, tk, ${opts.tzExpr})) // 1000000), 'r' || coalesce(time_raw, ''))`;
  return `
WITH s1 AS (${stage1}),
s2 AS (${stage2}),
x AS (SELECT *${extractCols.length ? ', ' + extractCols.join(', ') : ''} FROM s2),
m AS (
  SELECT rn, raw, loc, ${ELEMENT_BASE}_i,
    ${colSql},
    ${changesSql} AS changes_l,
    ${nativeIdSql} AS native_id${canonical.startsWith('x_') ? `,
    ${canonical} AS canonical_raw` : ''}
  FROM x
),
t0 AS (SELECT *, al_time_kind(time_raw) AS tk, al_action_match(action) AS acm FROM m),
-- Its own layer: a macro argument is pasted wherever the macro names it, so al_plausible_time over
-- al_time_of(…) would parse every time three times.
t AS (SELECT *, al_time_of(time_raw, tk, ${opts.tzExpr}) AS time_parsed FROM t0)
SELECT
  rn,
  ${ELEMENT_BASE}_i AS el_i,
  ${vendor} AS vendor,
  CASE WHEN ${ELEMENT_BASE}_i IS NULL THEN loc ELSE loc || '/' || ${sqlString(pack.explode ?? '')} || '[' || (${ELEMENT_BASE}_i - 1) || ']' END AS locator,
  -- Implausible times (infinity, year 290000) become NULL here; the importer lists them (packs/time-range.ts).
  al_plausible_time(time_parsed) AS event_time,
  time_raw,
  CASE WHEN al_time_is_naive(tk) THEN ${opts.tzExpr} END AS time_assumed_tz,
  actor, actor_id,
  CASE WHEN lower(actor_type_v) IN (${inList(ACTOR_TYPES)}) THEN lower(actor_type_v) WHEN actor IS NULL THEN NULL ELSE 'unknown' END AS actor_type,
  src_ip, user_agent, action,
  CASE WHEN lower(action_class_v) IN (${inList(ACTION_CLASSES)}) THEN lower(action_class_v) ELSE al_action_class_of(acm) END AS action_class,
  service, target_type, target_id, target_name,
  CASE WHEN lower(outcome_v) IN (${inList(OUTCOMES)}) THEN lower(outcome_v) ELSE 'unknown' END AS outcome,
  outcome_raw, description, tenant,
  CASE WHEN len(changes_l) > 0 THEN to_json(changes_l) END AS changes,
  raw,
  native_id IS NOT NULL AS has_native_id,
  native_id || CASE WHEN ${ELEMENT_BASE}_i IS NULL THEN '' ELSE '[' || (${ELEMENT_BASE}_i - 1) || ']' END AS vendor_event_id,
  CASE WHEN native_id IS NULL THEN 'raw:' || md5(${canonical.startsWith('x_') ? 'canonical_raw' : canonical}) || ${elSuffix}
    ELSE 'id:' || native_id || ${elSuffix} || chr(31) || ${timeKey} || chr(31) || coalesce(action, '') END AS identity_key${
    opts.legacyKey ? `,
  coalesce('id:' || native_id, 'raw:' || md5(raw)) || ${elSuffix} AS legacy_key` : ''
  }
FROM t`;
}
