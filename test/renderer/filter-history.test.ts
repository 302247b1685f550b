import { describe, expect, it } from 'vitest';
import { errorPosition } from '../../renderer/features/filters/error-position.ts';
import { HISTORY_LIMIT, parseHistory, pushHistory } from '../../renderer/features/filters/history.ts';

describe('filter history', () => {
  it('puts the newest first, without duplicates or blanks', () => {
    let h = pushHistory([], "actor = 'a'");
    h = pushHistory(h, "vendor = 'okta'");
    h = pushHistory(h, "  actor = 'a'  ");
    h = pushHistory(h, '   ');
    expect(h).toEqual(["actor = 'a'", "vendor = 'okta'"]);
  });

  it('keeps the last 20', () => {
    let h: string[] = [];
    for (let i = 0; i < 30; i++) h = pushHistory(h, `batch_id = ${i}`);
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]).toBe('batch_id = 29');
    expect(h[HISTORY_LIMIT - 1]).toBe('batch_id = 10');
  });

  it('reads whatever the session held defensively', () => {
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory('x')).toEqual([]);
    expect(parseHistory(['a', 3, '', null, 'b'])).toEqual(['a', 'b']);
  });
});

describe('filter error position', () => {
  it('shifts the engine position past leading blanks', () => {
    expect(errorPosition({ code: 'bad-filter', message: 'syntax error', position: 16 }, "actor = 'x' AND AND")).toBe(16);
    expect(errorPosition({ code: 'bad-filter', message: 'syntax error', position: 16 }, "  actor = 'x' AND AND")).toBe(18);
  });

  it('never points past the end of the text', () => {
    expect(errorPosition({ code: 'bad-filter', message: 'syntax error at end of input', position: 40 }, 'actor =')).toBe(7);
  });

  it('finds a named unknown column or function when the engine gives no position', () => {
    const text = "actor = 'nonsense_column' AND nonsense_column > 3";
    expect(errorPosition({ code: 'bad-filter', message: 'unknown column nonsense_column; columns are …' }, text)).toBe(30);
    expect(errorPosition({ code: 'bad-filter', message: 'function read_csv() is not allowed in a filter' }, "x = 1 OR read_csv('f')")).toBe(9);
    expect(errorPosition({ code: 'bad-filter', message: 'something else' }, text)).toBeUndefined();
  });
});
