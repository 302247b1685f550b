/**
 * A JSON parser for the raw-record tree that keeps what `JSON.parse` would lose: number text as
 * logged (12345678901234567890 stays that, 1.0 stays 1.0), duplicate keys, key order, and each
 * node's span in the source so "copy value" of an object hands back the bytes as received.
 * The raw record is evidence; the tree shows it, it does not reinterpret it.
 */

interface Span {
  /** Offsets into the source text: [start, end). */
  start: number;
  end: number;
}

export type JsonNode =
  | (Span & { kind: 'object'; entries: { key: string; node: JsonNode }[] })
  | (Span & { kind: 'array'; items: JsonNode[] })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'number'; text: string })
  | (Span & { kind: 'boolean'; value: boolean })
  | (Span & { kind: 'null' });

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at character ${position + 1}`);
  }
}

/** Deeper than this is not a log record but an attack on the call stack; shown as text instead. */
export const MAX_DEPTH = 256;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

export function parseJson(text: string): JsonNode {
  let pos = 0;

  const skip = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };

  const readString = (): { value: string; start: number; end: number } => {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) throw new JsonSyntaxError('Bad string', pos);
    const start = pos;
    pos = STRING.lastIndex;
    // The matched literal is valid JSON, so JSON.parse decodes its escapes exactly.
    return { value: JSON.parse(m[0]) as string, start, end: pos };
  };

  const readValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('Nested too deeply', pos);
    skip();
    const start = pos;
    const ch = text[pos];
    if (ch === '{') {
      pos += 1;
      const entries: { key: string; node: JsonNode }[] = [];
      skip();
      if (text[pos] === '}') {
        pos += 1;
        return { kind: 'object', entries, start, end: pos };
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') throw new JsonSyntaxError('Expected a key', pos);
        const key = readString().value;
        skip();
        if (text[pos] !== ':') throw new JsonSyntaxError('Expected ":"', pos);
        pos += 1;
        entries.push({ key, node: readValue(depth + 1) });
        skip();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === '}') {
          pos += 1;
          return { kind: 'object', entries, start, end: pos };
        }
        throw new JsonSyntaxError('Expected "," or "}"', pos);
      }
    }
    if (ch === '[') {
      pos += 1;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos += 1;
        return { kind: 'array', items, start, end: pos };
      }
      for (;;) {
        items.push(readValue(depth + 1));
        skip();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === ']') {
          pos += 1;
          return { kind: 'array', items, start, end: pos };
        }
        throw new JsonSyntaxError('Expected "," or "]"', pos);
      }
    }
    if (ch === '"') {
      const s = readString();
      return { kind: 'string', value: s.value, start: s.start, end: s.end };
    }
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { ...node, start, end: pos } as JsonNode;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) {
      pos = NUMBER.lastIndex;
      return { kind: 'number', text: m[0], start, end: pos };
    }
    throw new JsonSyntaxError(pos >= text.length ? 'Unexpected end' : 'Unexpected character', pos);
  };

  const root = readValue(0);
  skip();
  if (pos !== text.length) throw new JsonSyntaxError('Unexpected text after the value', pos);
  return root;
}

export function tryParseJson(text: string): JsonNode | null {
  try {
    return parseJson(text);
  } catch {
    return null;
  }
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A node's path in DuckDB's JSONPath syntax (`$.userIdentity.arn`, `$.target[0]."display name"`),
 * so a copied path works in `raw ->> '…'` in the filter bar as well as in the DuckDB CLI.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (PLAIN_KEY.test(s)) out += `.${s}`;
    else out += `."${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return out;
}

/**
 * What "copy value" puts on the clipboard: a string's text without quotes, a number as logged,
 * and an object or array exactly as it appears in the record.
 */
export function nodeValueText(node: JsonNode, source: string): string {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    default:
      return source.slice(node.start, node.end);
  }
}

/** How many nodes a tree holds, to decide how much to expand at first without walking it twice. */
export function countNodes(node: JsonNode, limit = Number.POSITIVE_INFINITY): number {
  let n = 0;
  const stack: JsonNode[] = [node];
  while (stack.length > 0 && n < limit) {
    const cur = stack.pop() as JsonNode;
    n += 1;
    if (cur.kind === 'object') for (const e of cur.entries) stack.push(e.node);
    else if (cur.kind === 'array') stack.push(...cur.items);
  }
  return n;
}

/** The one-line summary of a collapsed container: `{ 4 keys }`, `[ 12 items ]`. */
export function containerSummary(node: JsonNode): string {
  if (node.kind === 'object') return `{ ${node.entries.length} ${node.entries.length === 1 ? 'key' : 'keys'} }`;
  if (node.kind === 'array') return `[ ${node.items.length} ${node.items.length === 1 ? 'item' : 'items'} ]`;
  return '';
}
