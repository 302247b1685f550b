import { describe, expect, it } from 'vitest';
import {
  containerSummary,
  countNodes,
  formatPath,
  MAX_DEPTH,
  nodeValueText,
  parseJson,
  tryParseJson,
  type JsonNode,
} from '../../renderer/features/detail/json-tree.ts';

function child(node: JsonNode, key: string | number): JsonNode {
  if (node.kind === 'object' && typeof key === 'string') {
    const found = node.entries.find((e) => e.key === key);
    if (found) return found.node;
  }
  if (node.kind === 'array' && typeof key === 'number') {
    const found = node.items[key];
    if (found) return found;
  }
  throw new Error(`no child ${String(key)}`);
}

describe('raw record JSON tree', () => {
  it('keeps big integers and number spellings exactly as logged', () => {
    const text = '{"id": 12345678901234567890, "ratio": 1.0, "exp": 1E+2, "neg": -0}';
    const root = parseJson(text);
    expect(nodeValueText(child(root, 'id'), text)).toBe('12345678901234567890');
    expect(nodeValueText(child(root, 'ratio'), text)).toBe('1.0');
    expect(nodeValueText(child(root, 'exp'), text)).toBe('1E+2');
    expect(nodeValueText(child(root, 'neg'), text)).toBe('-0');
  });

  it('keeps duplicate keys and key order (evidence is shown as received)', () => {
    const root = parseJson('{"b":1,"a":2,"b":3}');
    expect(root.kind === 'object' && root.entries.map((e) => e.key)).toEqual(['b', 'a', 'b']);
  });

  it('decodes string escapes', () => {
    const text = '{"s":"a\\"b\\\\c\\u00e9\\n"}';
    expect(nodeValueText(child(parseJson(text), 's'), text)).toBe('a"b\\cé\n');
  });

  it('copies an object or array value verbatim from the source', () => {
    const text = '{"outer": { "n" : 10000000000000000001 , "l":[1, 2] }}';
    const outer = child(parseJson(text), 'outer');
    expect(nodeValueText(outer, text)).toBe('{ "n" : 10000000000000000001 , "l":[1, 2] }');
    expect(nodeValueText(child(outer, 'l'), text)).toBe('[1, 2]');
  });

  it('reads scalars, empty containers and whitespace', () => {
    const text = ' [true, false, null, "", {}, [], 0] ';
    const root = parseJson(text);
    expect(root.kind).toBe('array');
    expect(root.kind === 'array' && root.items.map((i) => i.kind)).toEqual([
      'boolean',
      'boolean',
      'null',
      'string',
      'object',
      'array',
      'number',
    ]);
  });

  it.each(['', '{', '{"a":}', '[1,]', '{"a":1,}', 'nul', '"unterminated', '{"a":1} x', "{'a':1}", '01', '"\u0001"'])(
    'refuses invalid JSON %j',
    (text) => {
      expect(tryParseJson(text)).toBeNull();
    },
  );

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const deep = '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5);
    expect(() => parseJson(deep)).toThrow(/too deeply/);
    const ok = '['.repeat(50) + ']'.repeat(50);
    expect(tryParseJson(ok)).not.toBeNull();
  });

  it('builds DuckDB JSONPath paths, quoting keys that are not plain names', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['userIdentity', 'arn'])).toBe('$.userIdentity.arn');
    expect(formatPath(['target', 0, 'display name'])).toBe('$.target[0]."display name"');
    expect(formatPath(['a.b', '1st', 'q"uote', 'back\\slash'])).toBe('$."a.b"."1st"."q\\"uote"."back\\\\slash"');
    expect(formatPath(['@timestamp'])).toBe('$."@timestamp"');
  });

  it('counts nodes up to a limit and summarises containers', () => {
    const root = parseJson('{"a":[1,2,3],"b":{"c":null}}');
    expect(countNodes(root)).toBe(7);
    expect(countNodes(root, 3)).toBe(3);
    expect(containerSummary(root)).toBe('{ 2 keys }');
    expect(containerSummary(child(root, 'a'))).toBe('[ 3 items ]');
    expect(containerSummary(child(root, 'b'))).toBe('{ 1 key }');
  });
});
