import type { ApiError } from '../../../preload/api.ts';

/**
 * Where in the input text a filter error points, or undefined. The engine's position is counted in
 * the trimmed expression (that is what it parses); the input may start with blanks. Checker errors
 * about an unknown column or a refused function carry no position, so the name they quote is looked
 * up in the text instead (outside string literals, as a whole word).
 */
export function errorPosition(error: ApiError, text: string): number | undefined {
  const lead = text.length - text.trimStart().length;
  if (error.position !== undefined) return Math.min(text.length, lead + error.position);
  const named = /^(?:unknown column|function|operator) ([A-Za-z_][A-Za-z0-9_.]*)/.exec(error.message);
  if (!named?.[1]) return undefined;
  return findWord(text, named[1]);
}

function findWord(text: string, word: string): number | undefined {
  const w = word.toLowerCase();
  const lower = text.toLowerCase();
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    const boundaryBefore = i === 0 || !/[A-Za-z0-9_]/.test(text[i - 1] as string);
    const after = text[i + w.length];
    if (boundaryBefore && lower.startsWith(w, i) && (after === undefined || !/[A-Za-z0-9_]/.test(after))) return i;
  }
  return undefined;
}
