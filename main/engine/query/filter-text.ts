import { EngineError } from '../errors.ts';

/** Scanning filter text outside quotes and comments, before DuckDB's parser sees it. */

/** Calls `visit` for each character of `s` outside quotes and comments, stopping when it returns true. */
function scanCode(s: string, visit: (c: string, i: number) => boolean | void): void {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (q) {
      if (c === q) q = null;
    } else if (c === "'" || c === '"') q = c;
    else if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 1;
    } else if (visit(c, i)) return;
  }
}

export function findOutsideQuotes(s: string, ch: string): number {
  let found = -1;
  scanCode(s, (c, i) => {
    if (c !== ch) return false;
    found = i;
    return true;
  });
  return found;
}

/**
 * Unbalanced brackets and quotes, said as what is missing and where it opened: DuckDB's parser
 * only reports "syntax error at end of input" for them.
 */
export function checkBalance(expr: string): void {
  const open: number[] = [];
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '-' && expr[i + 1] === '-') {
      // A comment: its brackets are not code (so `-- (note` is fine and a ")" hidden in one is not).
      const nl = expr.indexOf('\n', i);
      i = nl < 0 ? expr.length : nl;
    } else if (c === '/' && expr[i + 1] === '*') {
      const end = expr.indexOf('*/', i + 2);
      i = end < 0 ? expr.length : end + 1;
    } else if (c === "'" || c === '"') {
      const end = closingQuote(expr, i);
      if (end < 0) {
        throw new EngineError('bad-filter', `missing closing ${c === "'" ? "quote `'`" : 'double quote `"`'}: the text starting at character ${i + 1} is never closed`, { position: i });
      }
      i = end;
    } else if (c === '(') open.push(i);
    else if (c === ')') {
      if (open.pop() === undefined) throw new EngineError('bad-filter', 'unexpected `)`: there is no `(` before it', { position: i });
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) {
    const more = open.length > 1 ? ` (${open.length} are missing)` : '';
    throw new EngineError('bad-filter', `missing \`)\`: the \`(\` at character ${unclosed + 1} is never closed${more}`, { position: unclosed });
  }
}

/** The index of the quote closing the one at `from` (a doubled quote is an escaped one), or -1. */
function closingQuote(s: string, from: number): number {
  const q = s[from];
  for (let i = from + 1; i < s.length; i++) {
    if (s[i] !== q) continue;
    if (s[i + 1] === q) {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}
