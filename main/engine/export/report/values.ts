/**
 * Change values as text for the report: strings as they are, anything else as indented JSON with
 * sorted keys (so two versions print alike and the diff shows real changes only). Bounded in depth
 * and size, iteratively built, so a record nested 20,000 levels deep costs a line, not the stack.
 */

export const MAX_DEPTH = 40;

export function valueText(value: unknown, maxChars = 200_000): string {
  if (value === undefined || value === null) return value === null ? 'null' : '';
  if (typeof value === 'string') return value;
  let out = '';
  const write = (s: string): boolean => {
    out += s;
    return out.length < maxChars;
  };
  // An explicit stack of what is left to print: values with their depth, and literal text.
  type Item = { text: string } | { value: unknown; depth: number };
  const stack: Item[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    if ('text' in item) {
      if (!write(item.text)) break;
      continue;
    }
    const { value: v, depth } = item;
    if (v === null || typeof v !== 'object') {
      if (!write(JSON.stringify(v) ?? String(v))) break;
      continue;
    }
    if (depth >= MAX_DEPTH) {
      if (!write(`"… nesting deeper than ${MAX_DEPTH} levels not shown"`)) break;
      continue;
    }
    const pad = '  '.repeat(depth + 1);
    const end = '  '.repeat(depth);
    const entries: [string | null, unknown][] = Array.isArray(v)
      ? v.map((x) => [null, x])
      : Object.keys(v)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .map((k) => [k, (v as Record<string, unknown>)[k]]);
    if (entries.length === 0) {
      if (!write(Array.isArray(v) ? '[]' : '{}')) break;
      continue;
    }
    const parts: Item[] = [{ text: Array.isArray(v) ? '[\n' : '{\n' }];
    entries.forEach(([k, x], i) => {
      parts.push({ text: pad + (k === null ? '' : `${JSON.stringify(k)}: `) });
      parts.push({ value: x, depth: depth + 1 });
      parts.push({ text: i < entries.length - 1 ? ',\n' : '\n' });
    });
    parts.push({ text: end + (Array.isArray(v) ? ']' : '}') });
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i] as Item);
  }
  return out.length > maxChars ? `${out.slice(0, maxChars)}\n… (${(out.length - maxChars).toLocaleString('en-US')}+ more characters in the case)` : out;
}
