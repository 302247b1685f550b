import { describe, expect, it } from 'vitest';
import { parseWhen, planWindows } from '../../main/engine/collect/windows.ts';
import { mergeRanges, subtractRanges } from '../../main/engine/collect/coverage.ts';

const at = (s: string): number => Date.parse(s);

describe('pull windows', () => {
  it('splits a year into windows of at most three calendar months on UTC days, the part past retention unavailable', () => {
    const now = at('2025-06-15T10:00:00Z');
    const w = planWindows(at('2024-01-10T13:00:00Z'), at('2025-06-20T00:00:00Z'), { months: 3, granularity: 'day', retentionDays: 365, retentionNote: 'one year' }, now);
    expect(w.map((x) => [x.from.slice(0, 10), x.to.slice(0, 10), x.state])).toEqual([
      ['2024-01-10', '2024-06-16', 'unavailable'],
      ['2024-06-16', '2024-09-16', 'pending'],
      ['2024-09-16', '2024-12-16', 'pending'],
      ['2024-12-16', '2025-03-16', 'pending'],
      ['2025-03-16', '2025-06-16', 'pending'],
    ]);
    expect(w[0]?.reason).toBe('one year');
  });

  it('clips to now, keeps instants where the API takes them, and refuses empty or future ranges', () => {
    const now = at('2025-03-02T06:30:00Z');
    const w = planWindows(at('2025-03-01T00:00:00Z'), at('2025-03-05T00:00:00Z'), { days: 1, granularity: 'instant' }, now);
    expect(w.map((x) => x.to)).toEqual(['2025-03-02T00:00:00.000Z', '2025-03-02T06:30:00.000Z']);
    expect(() => planWindows(at('2025-03-02T00:00:00Z'), at('2025-03-01T00:00:00Z'), { days: 1, granularity: 'instant' }, now)).toThrow(/range is empty/);
    expect(() => planWindows(at('2025-04-01T00:00:00Z'), at('2025-05-01T00:00:00Z'), { days: 1, granularity: 'instant' }, now)).toThrow(/in the future/);
  });

  it('reads dates as UTC midnight and refuses times without a zone', () => {
    expect(parseWhen('2025-03-01', '--from')).toBe(at('2025-03-01T00:00:00Z'));
    expect(parseWhen('2025-03-01T02:00:00+01:00', '--from')).toBe(at('2025-03-01T01:00:00Z'));
    expect(() => parseWhen('2025-03-01T02:00:00', '--from')).toThrow(/with a zone/);
    expect(() => parseWhen('yesterday', '--to')).toThrow(/--to "yesterday" is not a date/);
  });

  it('merges and subtracts covered ranges', () => {
    const r = (a: string, b: string): { from: string; to: string } => ({ from: `${a}T00:00:00.000Z`, to: `${b}T00:00:00.000Z` });
    expect(mergeRanges([r('2025-01-03', '2025-01-05'), r('2025-01-01', '2025-01-03'), r('2025-01-07', '2025-01-08')])).toEqual([r('2025-01-01', '2025-01-05'), r('2025-01-07', '2025-01-08')]);
    expect(subtractRanges([r('2025-01-01', '2025-01-10')], [r('2025-01-02', '2025-01-03'), r('2025-01-05', '2025-01-12')])).toEqual([
      r('2025-01-01', '2025-01-02'),
      r('2025-01-03', '2025-01-05'),
    ]);
  });
});
