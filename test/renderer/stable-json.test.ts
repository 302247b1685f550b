import { describe, expect, it } from 'vitest';
import { stableJsonText, stableStringify, toDiffText } from '../../renderer/features/diff/stable-json.ts';

describe('stable JSON for diffs', () => {
  it('sorts keys at every depth, so moved keys print the same', () => {
    const a = { b: 1, a: { y: [3, { d: 1, c: 2 }], x: null } };
    const b = { a: { x: null, y: [3, { c: 2, d: 1 }] }, b: 1 };
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(stableStringify(a)).toBe(
      ['{', '  "a": {', '    "x": null,', '    "y": [', '      3,', '      {', '        "c": 2,', '        "d": 1', '      }', '    ]', '  },', '  "b": 1', '}'].join('\n'),
    );
  });

  it('keeps array order, which means something in a record', () => {
    expect(stableStringify([2, 1])).not.toBe(stableStringify([1, 2]));
  });

  it('prints empty containers on one line and leaves undefined fields out', () => {
    expect(stableStringify({ a: {}, b: [], c: undefined })).toBe('{\n  "a": {},\n  "b": []\n}');
    expect(stableStringify(undefined)).toBe('undefined');
  });

  it('sorts JSON text without JSON.parse: big integers keep their digits, duplicate keys stay', () => {
    const text = '{"z": 12345678901234567891, "a": 1.50, "a": "second"}';
    expect(stableJsonText(text)).toBe('{\n  "a": 1.50,\n  "a": "second",\n  "z": 12345678901234567891\n}');
  });

  it('is null for text that is not a JSON object or array', () => {
    expect(stableJsonText('hello')).toBeNull();
    expect(stableJsonText('{not json}')).toBeNull();
    expect(stableJsonText('42')).toBeNull();
  });

  it('chooses text for strings, JSON for JSON strings and other values, nothing for missing', () => {
    expect(toDiffText('line 1\nline 2')).toEqual({ text: 'line 1\nline 2', kind: 'text' });
    expect(toDiffText('{"b":1,"a":2}')).toEqual({ text: '{\n  "a": 2,\n  "b": 1\n}', kind: 'json' });
    expect(toDiffText({ b: true })).toEqual({ text: '{\n  "b": true\n}', kind: 'json' });
    expect(toDiffText(null)).toEqual({ text: 'null', kind: 'json' });
    expect(toDiffText(undefined)).toEqual({ text: '', kind: 'none' });
  });

  it('escapes markup only as JSON does: the text stays what it was, for React to print', () => {
    expect(stableStringify({ '<img src=x onerror=alert(1)>': '</div><script>x</script>&lt;' })).toBe(
      '{\n  "<img src=x onerror=alert(1)>": "</div><script>x</script>&lt;"\n}',
    );
  });
});
