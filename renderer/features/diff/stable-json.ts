import { compactJson } from '../../app/format.ts';
import { tryParseJson, type JsonNode } from '../detail/json-tree.ts';

/**
 * JSON printed with sorted keys, so two records that hold the same values in a different key
 * order print the same and a diff reports only real changes. Arrays keep their order: in a log
 * record, order inside a list means something.
 */

const INDENT = '  ';
/** Levels indented; deeper ones are written on one line (sorted still), so a hostile depth stays bounded. */
export const STABLE_MAX_DEPTH = 64;

/** Code-unit order: the same on every machine, unlike localeCompare. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JavaScript value (as the API delivers change values and states) as sorted, indented JSON. */
export function stableStringify(value: unknown, depth = 0): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') {
    // JSON.stringify turns NaN and Infinity into null and functions into undefined; neither comes from JSON.
    return JSON.stringify(value) ?? String(value);
  }
  if (depth >= STABLE_MAX_DEPTH) return compactJson(value, true);
  const pad = INDENT.repeat(depth + 1);
  const end = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + stableStringify(v ?? null, depth + 1)).join(',\n')}\n${end}]`;
  }
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort(byKey);
  if (keys.length === 0) return '{}';
  const lines = keys.map(
    (k) => `${pad}${JSON.stringify(k)}: ${stableStringify((value as Record<string, unknown>)[k], depth + 1)}`,
  );
  return `{\n${lines.join(',\n')}\n${end}}`;
}

/**
 * A parsed JSON text as sorted, indented JSON. Works on the raw-record parser's tree rather than
 * `JSON.parse`, so numbers stay as logged (no rounding of big integers) and duplicate keys are kept
 * (in their original order among themselves: the sort is stable).
 */
export function stableNodeText(node: JsonNode, depth = 0): string {
  const pad = INDENT.repeat(depth + 1);
  const end = INDENT.repeat(depth);
  switch (node.kind) {
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      if (node.items.length === 0) return '[]';
      return `[\n${node.items.map((n) => pad + stableNodeText(n, depth + 1)).join(',\n')}\n${end}]`;
    case 'object': {
      if (node.entries.length === 0) return '{}';
      const sorted = [...node.entries].sort((a, b) => byKey(a.key, b.key));
      const lines = sorted.map((e) => `${pad}${JSON.stringify(e.key)}: ${stableNodeText(e.node, depth + 1)}`);
      return `{\n${lines.join(',\n')}\n${end}}`;
    }
  }
}

/** Sorted JSON for a text that holds a JSON object or array; null for anything else. */
export function stableJsonText(text: string): string | null {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return null;
  const node = tryParseJson(t);
  return node ? stableNodeText(node) : null;
}

export type DiffTextKind = 'text' | 'json' | 'none';

/**
 * How a value is compared: strings as text (JSON text pretty-printed and sorted first), missing
 * values as nothing, everything else as sorted JSON.
 */
export function toDiffText(value: unknown): { text: string; kind: DiffTextKind } {
  if (value === undefined) return { text: '', kind: 'none' };
  if (typeof value === 'string') {
    const json = stableJsonText(value);
    return json === null ? { text: value, kind: 'text' } : { text: json, kind: 'json' };
  }
  return { text: stableStringify(value), kind: 'json' };
}
