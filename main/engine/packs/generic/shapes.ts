/** What a sampled value looks like, for choosing columns by shape as well as by name. */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(:\d{1,5})?$/;
const IPV6 = /^\[?[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(%\w+)?\]?(:\d{1,5})?$/i;
const MAPPED = /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i;

function oneIp(s: string): boolean {
  const m = IPV4.exec(s);
  if (m) return m.slice(1, 5).every((o) => Number(o) <= 255);
  return MAPPED.test(s) || (s.includes(':') && IPV6.test(s) && /[0-9a-f]/i.test(s) && (s.match(/:/g) ?? []).length >= 2);
}

/** An address as al_ip reads it: IPv4, IPv6, `::ffff:` mapped, with a port, or the first of a list. */
export function isIp(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const first = (v.split(',')[0] ?? '').trim();
  return first !== '' && oneIp(first);
}

export const isEmail = (v: unknown): boolean => typeof v === 'string' && /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(v.trim());

/** Opaque identifiers: UUIDs, long hex, plain numbers, vendor ids like U024BE7LH or 00u1abcd… */
export function isOpaqueId(v: unknown): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return true;
  if (/^\d+$/.test(s) || /^[0-9a-f]{16,}$/i.test(s)) return true;
  if (/^[\w-]+\|[\w-]+$/.test(s)) return true;
  // Mixed letters and digits without separators or spaces, long enough to be generated.
  return s.length >= 8 && !/\s/.test(s) && /\d/.test(s) && /[A-Za-z]/.test(s) && /^[A-Za-z0-9_-]+$/.test(s) && !/^[a-z]+[._-]?[a-z]+\d{0,4}$/.test(s);
}

/** Readable principal names: e-mail, UPN, DOMAIN\user, ARNs, `system:serviceaccount:…`, logins, names. */
export function isReadableName(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (s === '' || s.length > 200 || isOpaqueId(s) || isIp(s)) return false;
  return /[A-Za-z]/.test(s);
}

/** A short label a person would read as an action or type: no long prose, no times or addresses. */
export function isLabel(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (s === '' || s.length > 150 || isIp(s) || isEmail(s)) return false;
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s)) return false;
  return s.split(/\s+/).length <= 10;
}

const VERB =
  /(log_?in|log_?out|logon|logoff|sign_?in|sign_?out|authenticat|creat|add|insert|delet|remov|updat|modif|chang|edit|set|renam|patch|enabl|disabl|invit|grant|revok|assign|get|list|read|view|download|export|upload|import|search|run|execut|start|stop|deploy|publish|share|login|access|approv|deny|reject|reset|lock|unlock|suspend|activat|deactivat|join|leave|move|copy|send|open|close|connect|failed|success)/i;

export const isVerbLike = (v: unknown): boolean => typeof v === 'string' && VERB.test(v);

/** Mirrors the `outcome` transform (al_outcome in time-sql.ts) enough to tell a usable outcome field. */
export function outcomeOf(v: unknown): 'success' | 'failure' | 'unknown' | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'success' : 'failure';
  const s = String(v).trim().toLowerCase();
  if (s === '') return null;
  if (/^(success|succeeded|successful|succeed|ok|true|allow|allowed|passed|pass|granted|approved|accepted|completed|complete|yes|authorized|audit success|permitted)$/.test(s)) return 'success';
  if (/^(failure|failed|fail|error|errored|denied|deny|false|forbidden|unauthorized|blocked|block|rejected|reject|fraud|invalid|no|refused|declined|aborted|timeout|audit failure|locked|disallowed|unsuccessful)$/.test(s)) return 'failure';
  if (/^[123]\d\d$/.test(s)) return 'success';
  if (/^[45]\d\d$/.test(s)) return 'failure';
  if (s === '0') return 'success';
  if (/^-?\d+$/.test(s)) return 'failure';
  if (/fail|denied|error|reject|invalid|blocked|unauthori/.test(s)) return 'failure';
  if (/succe/.test(s)) return 'success';
  return 'unknown';
}
