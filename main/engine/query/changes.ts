import type { EventRow } from '../../../preload/api.ts';

/** Deeper than this, a change value is handed on as its JSON text: serialising it again would overflow the stack. */
const MAX_VALUE_DEPTH = 256;

/** How deeply a JSON text nests, counted without parsing or recursion (strings skipped). */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth -= 1;
  }
  return max;
}

/**
 * The `changes` column as the API hands it on. Another tool may have written anything there, so
 * only a JSON list of objects is read as changes (anything else is null: the raw record still
 * shows what was recorded), and a value nested past 256 levels is cut there with a marker.
 */
export function readChanges(text: unknown): EventRow['changes'] {
  if (text == null) return null;
  const s = String(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c))) return null;
  const deep = nesting(s) > MAX_VALUE_DEPTH;
  const value = (v: unknown): unknown => (deep ? cut(v, 0) : (v ?? null));
  return (parsed as Record<string, unknown>[]).map((c) => ({
    field: typeof c.field === 'string' ? c.field : String(c.field ?? ''),
    old: value(c.old),
    new: value(c.new),
  })) as EventRow['changes'];
}

/** Marks where a change value was cut; the raw record keeps it whole. */
export const CUT_MARKER = `⟦nesting deeper than ${MAX_VALUE_DEPTH} levels not shown; the raw record holds it⟧`;

/** The value down to 256 levels, deeper containers replaced by a marker (recursion stops there). */
function cut(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) return v ?? null;
  if (depth >= MAX_VALUE_DEPTH) return CUT_MARKER;
  if (Array.isArray(v)) return v.map((x) => cut(x, depth + 1));
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, cut(x, depth + 1)]));
}
