/**
 * What the filter bar can complete at the caret: a column name while typing an identifier, or a
 * value of a column right after `column = '`, `column LIKE '`, `column IN (` or a comma in that
 * list. Pure text analysis; the engine still parses and checks whatever is finally applied, so a
 * wrong guess here costs a useless suggestion, never a wrong query.
 */

export type CompletionContext =
  | { kind: 'column'; prefix: string; from: number; to: number }
  | { kind: 'value'; column: string; prefix: string; from: number; to: number };

type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'string'; at: number }
  | { t: 'number'; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: '(' | ')' | ','; at: number };

/** Operators after which a single value is expected. */
const VALUE_OPERATORS = new Set(['=', '<>', '!=', '==', 'like', 'ilike']);

interface Scan {
  tokens: Token[];
  /** Index of the opening quote when `end` lies inside an unterminated single-quoted string. */
  openString: number | null;
  /** True when `end` lies inside a double-quoted identifier (nothing to complete there). */
  inIdent: boolean;
}

function scan(text: string, end: number): Scan {
  const tokens: Token[] = [];
  let i = 0;
  while (i < end) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const start = i++;
      for (;;) {
        if (i >= end) return { tokens, openString: start, inIdent: false };
        if (text[i] === "'") {
          if (text[i + 1] === "'" && i + 1 < end) i += 2;
          else break;
        } else i++;
      }
      i++;
      tokens.push({ t: 'string', at: start });
    } else if (c === '"') {
      const start = i++;
      while (i < end && text[i] !== '"') i++;
      if (i >= end) return { tokens, openString: null, inIdent: true };
      i++;
      tokens.push({ t: 'ident', v: text.slice(start + 1, i - 1), at: start });
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < end && /[A-Za-z0-9_]/.test(text[i] as string)) i++;
      tokens.push({ t: 'ident', v: text.slice(start, i), at: start });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < end && /[0-9.eE]/.test(text[i] as string)) i++;
      tokens.push({ t: 'number', at: start });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: c, at: i++ });
    } else {
      const start = i;
      while (i < end && /[<>=!~*+\-/%|&^]/.test(text[i] as string)) i++;
      if (i === start) i++;
      tokens.push({ t: 'op', v: text.slice(start, i), at: start });
    }
  }
  return { tokens, openString: null, inIdent: false };
}

const isIdent = (t: Token | undefined): t is Extract<Token, { t: 'ident' }> => t?.t === 'ident';
/** A keyword check; not a type guard, so a failed check does not narrow the token away. */
const isWord = (t: Token | undefined, word: string): boolean => t?.t === 'ident' && t.v.toLowerCase() === word;

/** The column a value typed at the end of `tokens` would be compared with, if any. */
export function valueColumn(tokens: Token[]): string | null {
  const n = tokens.length;
  const last = tokens[n - 1];
  if (!last) return null;
  // column = | column LIKE | column <> …
  const op = last.t === 'op' ? last.v : isIdent(last) ? last.v.toLowerCase() : null;
  if (op !== null && VALUE_OPERATORS.has(op)) {
    const col = tokens[n - 2];
    // column NOT LIKE
    if (isWord(col, 'not')) {
      const before = tokens[n - 3];
      return isIdent(before) ? before.v : null;
    }
    return isIdent(col) ? col.v : null;
  }
  // column IN ( [value ,]* — walk back over a list of literals to its opening parenthesis.
  if (last.t !== '(' && last.t !== ',') return null;
  let i = n - 1;
  while (i >= 0) {
    const t = tokens[i];
    if (t?.t === '(') break;
    if (t?.t === ',' || t?.t === 'string' || t?.t === 'number') i--;
    else return null;
  }
  if (i < 0) return null;
  let j = i - 1;
  if (!isWord(tokens[j], 'in')) return null;
  j--;
  if (isWord(tokens[j], 'not')) j--;
  const col = tokens[j];
  return isIdent(col) ? col.v : null;
}

/** What to complete with the caret at `caret` in `text`, or null for nothing. */
export function completionAt(text: string, caret: number): CompletionContext | null {
  const s = scan(text, caret);
  if (s.inIdent) return null;
  if (s.openString !== null) {
    const column = valueColumn(scan(text, s.openString).tokens);
    if (!column) return null;
    return {
      kind: 'value',
      column,
      prefix: text.slice(s.openString + 1, caret).replace(/''/g, "'"),
      from: s.openString,
      to: literalEnd(text, caret),
    };
  }
  const before = text.slice(0, caret);
  const ident = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  if (ident) {
    // A name glued to a number or a quote is not the start of an identifier.
    const prev = before[ident.index - 1];
    if (prev !== undefined && /[0-9'".]/.test(prev)) return null;
    let to = caret;
    while (to < text.length && /[A-Za-z0-9_]/.test(text[to] as string)) to++;
    return { kind: 'column', prefix: ident[0], from: ident.index, to };
  }
  const column = valueColumn(s.tokens);
  if (column && (before === '' || /[\s(,=>]$/.test(before))) return { kind: 'value', column, prefix: '', from: caret, to: caret };
  return null;
}

/** The end of the string literal the caret is in: past its closing quote, or the caret when unclosed. */
function literalEnd(text: string, caret: number): number {
  for (let i = caret; i < text.length; i++) {
    if (text[i] !== "'") continue;
    if (text[i + 1] === "'") {
      i++;
      continue;
    }
    return i + 1;
  }
  return caret;
}

/** Columns for a prefix, case-insensitively; nothing when the prefix already is the only match. */
export function matchColumns(prefix: string, columns: readonly string[]): string[] {
  const p = prefix.toLowerCase();
  const hits = columns.filter((c) => c.toLowerCase().startsWith(p));
  hits.sort((a, b) => Number(b.toLowerCase() === p) - Number(a.toLowerCase() === p) || a.localeCompare(b));
  return hits.length === 1 && hits[0]?.toLowerCase() === p ? [] : hits;
}

/** A value as a SQL string literal (quotes doubled); the engine binds it as a parameter. */
export function quoteValue(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The text after accepting `insert` for a completion context, and where the caret goes. */
export function applyCompletion(text: string, ctx: CompletionContext, insert: string): { text: string; caret: number } {
  const next = text.slice(0, ctx.from) + insert + text.slice(ctx.to);
  return { text: next, caret: ctx.from + insert.length };
}
