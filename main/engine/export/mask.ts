import { sqlString } from '../db.ts';

/**
 * Secrets are masked in exports and reports unless the investigator keeps them on purpose. What
 * counts as one (documented in docs/export.md):
 *  - the value of a JSON key named like a credential: password, secret, token, api key, access or
 *    refresh token, authorization, cookie, private key, signature, session token or id, credentials
 *    (`"authorization": "Bearer …"` in epilot's `http.headers`, CloudTrail's `sessionToken`), also
 *    inside JSON held as text (`"{\"password\":\"…\"}"`);
 *  - `Bearer …`, `SSWS …`, `Basic …` credentials, JSON Web Tokens, and tokens whose shape names
 *    them (Stripe `sk_live_…`, GitHub `ghp_…`, Slack `xoxb-…`, GitLab `glpat-…`, PEM private keys)
 *    anywhere in the text.
 * Names that only mention a secret (`accessKeyId`, `tokenType`, `ResetPasswordOnNextLogon`) are not
 * secrets and stay. All of it runs inside DuckDB (RE2), behind one cheap match, so text without
 * anything to mask costs a scan and no rewrite.
 */

export const MASK = '[MASKED]';

const KEY =
  '(?:[a-z0-9]+[-_])?(?:x[-_]?)?(?:' +
  [
    'api[-_]?(?:key|token|secret)',
    '(?:access|refresh|id|auth|session|security|bearer|bot|oauth)[-_]?token',
    'secret[-_]?access[-_]?key',
    '(?:secret|private|signing)[-_]?key',
    'client[-_]?secret',
    'pass(?:word|wd|phrase)?',
    'pwd',
    'secrets?',
    'tokens?',
    '(?:proxy[-_]?)?authorization',
    '(?:set[-_]?)?cookie',
    'signature',
    'credentials?',
    'session[-_]?id',
  ].join('|') +
  ')';

/** `"key": "value"` or `"key": 123` in JSON text. */
const KEY_VALUE = `(?i)("${KEY}"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|-?[0-9][0-9.eE+-]*)`;
/** The same inside a JSON string: `\\"key\\": \\"value\\"`. */
const ESCAPED_KEY_VALUE = `(?i)(\\\\"${KEY}\\\\"\\s*:\\s*)\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\"`;
const SCHEMES = `(?i)\\b((?:bearer|ssws)\\s+)[A-Za-z0-9._~+/=-]{8,}|\\b(basic\\s+)[A-Za-z0-9+/=]{12,}`;
const JWT = `eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*`;
/** Tokens whose shape names them, wherever they appear: Stripe, GitHub, Slack, GitLab keys, PEM private keys. */
const KNOWN = [
  '\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}',
  '\\bgh[pousr]_[A-Za-z0-9]{20,}',
  '\\bgithub_pat_[A-Za-z0-9_]{20,}',
  '\\bxox[abprs]-[A-Za-z0-9-]{10,}',
  '\\bglpat-[A-Za-z0-9_-]{16,}',
  '-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----',
].join('|');

/** Anything worth a closer look; most records fail this and are left as they are. */
const CANDIDATE = `(?i)"${KEY}\\\\?"\\s*:|\\b(?:bearer|ssws|basic)\\s|eyJ[A-Za-z0-9_-]{6,}\\.|(?-i:${KNOWN})`;

/** A SQL expression: `text` with its secrets replaced by [MASKED]; NULL stays NULL. */
export function maskSql(text: string): string {
  const m = sqlString(MASK);
  const r = (s: string): string => sqlString(s);
  let e = text;
  e = `regexp_replace(${e}, ${r(KEY_VALUE)}, '\\1"' || ${m} || '"', 'g')`;
  e = `regexp_replace(${e}, ${r(ESCAPED_KEY_VALUE)}, '\\1\\\\"' || ${m} || '\\\\"', 'g')`;
  e = `regexp_replace(${e}, ${r(SCHEMES)}, '\\1\\2' || ${m}, 'g')`;
  e = `regexp_replace(${e}, ${r(JWT)}, ${m}, 'g')`;
  e = `regexp_replace(${e}, ${r(KNOWN)}, ${m}, 'g')`;
  return `(CASE WHEN regexp_matches(${text}, ${r(CANDIDATE)}) THEN ${e} ELSE ${text} END)`;
}

/** A change's field that names a credential: `password`, `settings.apiKey`, `Credentials[0].secret`. */
const FIELD = `(?i)(?:.*[^a-z0-9_-])?${KEY}`;

/**
 * A SQL expression for the `changes` JSON: old and new values of a credential-named field become
 * [MASKED] (null stays null, so "set" versus "cleared" still shows), then the text is masked as raw is.
 */
export function maskChangesSql(changes: string): string {
  const m = sqlString(MASK);
  const typed = `from_json(${changes}, '[{"field":"VARCHAR","old":"JSON","new":"JSON"}]')`;
  const hide = (v: string): string => `CASE WHEN ${v} IS NULL OR json_type(${v}) = 'NULL' THEN ${v} ELSE to_json(${m}) END`;
  const byField = `to_json(list_transform(${typed}, lambda c: CASE WHEN regexp_full_match(coalesce(c.field, ''), ${sqlString(FIELD)})
    THEN {'field': c.field, 'old': ${hide('c.old')}, 'new': ${hide('c.new')}} ELSE c END))`;
  const text = `CAST(${changes} AS VARCHAR)`;
  return `CAST(${maskSql(`(CASE WHEN regexp_matches(${text}, ${sqlString(`(?i)"field":"[^"]*(?:pass|secret|token|key|auth|cookie|signature|credential|session|pwd)`)}) THEN CAST(${byField} AS VARCHAR) ELSE ${text} END)`)} AS JSON)`;
}

/** Whether a change's field names a credential (the report masks its values). */
export function isSecretField(field: string): boolean {
  return new RegExp(`^${FIELD.slice(4)}$`, 'i').test(field);
}

/** The same masking in JavaScript, for text the report builds outside DuckDB. */
const jsRe = (re: string): RegExp => new RegExp(re.replace(/^\(\?i\)/, ''), re.startsWith('(?i)') ? 'gi' : 'g');
const JS_CANDIDATE = new RegExp(`"${KEY}\\\\?"\\s*:|\\b(?:bearer|ssws|basic)\\s|eyJ[A-Za-z0-9_-]{6,}\\.`, 'i');
const JS_KNOWN = new RegExp(KNOWN);

export function maskText(s: string): string {
  // Most text holds nothing to mask; one test spares it six rewrites.
  if (!JS_CANDIDATE.test(s) && !JS_KNOWN.test(s)) return s;
  const js = jsRe;
  return s
    .replace(js(KEY_VALUE), (_all, key: string) => `${key}"${MASK}"`)
    .replace(js(ESCAPED_KEY_VALUE), (_all, key: string) => `${key}\\"${MASK}\\"`)
    .replace(new RegExp(SCHEMES.slice(4), 'gi'), (_all, a: string | undefined, b: string | undefined) => `${a ?? ''}${b ?? ''}${MASK}`)
    .replace(new RegExp(JWT, 'g'), MASK)
    .replace(new RegExp(KNOWN, 'g'), MASK);
}
