import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../renderer/features/detail/pretty-json.ts';

describe('prettyJson', () => {
  it('indents objects and arrays', () => {
    expect(prettyJson('{"a":1,"b":[true,null]}')).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
  });

  it('keeps numbers exactly as written, beyond what a double can hold', () => {
    const out = prettyJson('{"big":12345678901234567890123,"f":1.50,"e":1E+2}') ?? '';
    expect(out).toContain('12345678901234567890123');
    expect(out).toContain('1.50');
    expect(out).toContain('1E+2');
  });

  it('leaves strings untouched, including structural characters and escapes inside them', () => {
    const text = '{"s":"a, {b}: [c] \\"q\\" \\\\"}';
    expect(prettyJson(text)).toBe('{\n  "s": "a, {b}: [c] \\"q\\" \\\\"\n}');
  });

  it('keeps empty containers on one line', () => {
    expect(prettyJson('{"a":{},"b":[ ]}')).toBe('{\n  "a": {},\n  "b": []\n}');
  });

  it('returns null for text that is not JSON, so the caller shows it verbatim', () => {
    expect(prettyJson('Tenant,Event\nacme,login')).toBeNull();
  });
});
