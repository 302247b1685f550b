import { describe, expect, it } from 'vitest';
import { compactJson, formatValue } from '../../renderer/app/format.ts';
import { nestingDepth, prettyJson } from '../../renderer/features/detail/pretty-json.ts';
import { stableStringify, toDiffText } from '../../renderer/features/diff/stable-json.ts';
import { CUT_MARKER, readChanges } from '../../main/engine/query/changes.ts';

/** Records nested thousands of levels deep: every view's text stays bounded and nothing throws. */
const DEPTH = 20_000;
const deepText = `{"a":${'['.repeat(DEPTH)}"x"${']'.repeat(DEPTH)}}`;
const deepValue = JSON.parse(deepText) as unknown;

describe('values nested 20,000 levels deep', () => {
  it('pretty-prints 64 levels and keeps the rest on one line as recorded', () => {
    const out = prettyJson(deepText) ?? '';
    expect(out.length).toBeLessThan(deepText.length + 64 * 64 * 3);
    expect(out.replace(/\s/g, '')).toBe(deepText);
    expect(out.split('\n')).toHaveLength(64 + 64 + 1);
    expect(nestingDepth(deepText)).toBe(DEPTH + 1);
    expect(nestingDepth('{"s":"[[[{{{"}')).toBe(1);
  });

  it('formats and diffs a deep value without overflowing the stack, as JSON.stringify would write it', () => {
    expect(() => JSON.stringify(deepValue)).toThrow(RangeError);
    expect(formatValue(deepValue)).toBe(deepText);
    expect(compactJson({ b: 1, a: [true, null, 'q"'] }, true)).toBe('{"a":[true,null,"q\\""],"b":1}');
    expect(compactJson({ b: 1, a: 2 })).toBe(JSON.stringify({ b: 1, a: 2 }));
    const diff = toDiffText(deepValue);
    expect(diff.kind).toBe('json');
    expect(diff.text.replace(/\s/g, '')).toBe(deepText);
    expect(stableStringify({ z: 1, a: 2 })).toBe('{\n  "a": 2,\n  "z": 1\n}');
  });

  it('the engine cuts deep change values at 256 levels with a marker, and reads only a list of objects as changes', () => {
    const deep = readChanges(JSON.stringify([{ field: 'f', old: null, new: 1 }]).replace('1}', `${deepText}}`));
    expect(deep?.[0]).toMatchObject({ field: 'f', old: null });
    const text = JSON.stringify(deep?.[0]?.new);
    expect(text).toBe(`{"a":${'['.repeat(255)}${JSON.stringify(CUT_MARKER)}${']'.repeat(255)}}`);
    expect(readChanges('[{"field":"role","old":"a","new":"b"}]')).toEqual([{ field: 'role', old: 'a', new: 'b' }]);
    for (const bad of ['{"x":1}', '[null]', '[1,2]', 'not json', '[[]]']) expect(readChanges(bad), bad).toBeNull();
  });
});
