import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../preload/api.ts';
import {
  axisLabels,
  bucketAt,
  bucketLabel,
  bucketSpan,
  compactCount,
  seriesColorVar,
  snapRange,
  stack,
} from '../../renderer/features/histogram/histogram-data.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-03T22:00:00.000Z');

const h: Histogram = {
  bucketMs: HOUR,
  buckets: [0, 1, 2].map((i) => new Date(T0 + i * HOUR).toISOString()),
  series: [
    { key: 'okta', counts: [5, 0, 2] },
    { key: 'github', counts: [1, 3, 0] },
  ],
  total: 11,
  elapsedMs: 1,
};

describe('histogram stacking', () => {
  it('stacks layers bottom-up with running tops and totals', () => {
    const s = stack(h);
    expect(s.xs).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
    expect(s.layers.map((l) => l.tops)).toEqual([
      [5, 0, 2],
      [6, 3, 2],
    ]);
    expect(s.totals).toEqual([6, 3, 2]);
  });

  it('finds the bucket under an instant', () => {
    const s = stack(h);
    expect(bucketAt(T0, s.xs, HOUR)).toBe(0);
    expect(bucketAt(T0 + 2 * HOUR + 1, s.xs, HOUR)).toBe(2);
    expect(bucketAt(T0 - 1, s.xs, HOUR)).toBe(-1);
    expect(bucketAt(T0 + 3 * HOUR, s.xs, HOUR)).toBe(-1);
  });
});

describe('brush', () => {
  it('snaps outwards to whole buckets, in either drag direction', () => {
    expect(snapRange(T0 + 10 * 60_000, T0 + HOUR + 5 * 60_000, T0, HOUR)).toEqual({
      from: '2025-03-03T22:00:00.000Z',
      to: '2025-03-04T00:00:00.000Z',
    });
    expect(snapRange(T0 + HOUR + 5, T0 + 10, T0, HOUR)).toEqual(snapRange(T0 + 10, T0 + HOUR + 5, T0, HOUR));
  });

  it('never makes an empty range', () => {
    expect(snapRange(T0 + HOUR, T0 + HOUR, T0, HOUR)).toEqual({
      from: '2025-03-03T23:00:00.000Z',
      to: '2025-03-04T00:00:00.000Z',
    });
  });
});

describe('histogram labels', () => {
  it('prints the date under the first tick and where the day changes', () => {
    const splits = [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR];
    expect(axisLabels(splits, HOUR, 'UTC')).toEqual(['22:00\n03-03', '23:00', '00:00\n03-04', '01:00']);
  });

  it('shows days (and the year once) for wide spans', () => {
    const day = 86_400_000;
    expect(axisLabels([T0 + 2 * HOUR, T0 + 2 * HOUR + day], day, 'UTC')).toEqual(['03-04\n2025', '03-05']);
  });

  it('describes bucket sizes and spans', () => {
    expect(bucketLabel(HOUR)).toBe('1 h');
    expect(bucketLabel(15 * 60_000)).toBe('15 min');
    expect(bucketLabel(86_400_000)).toBe('1 day');
    expect(bucketLabel(7 * 86_400_000)).toBe('7 days');
    expect(bucketLabel(30_000)).toBe('30 s');
    expect(bucketSpan(T0, HOUR, 'UTC')).toBe('2025-03-03 22:00 – 23:00');
    expect(bucketSpan(T0 + HOUR, HOUR, 'UTC')).toBe('2025-03-03 23:00 – 2025-03-04 00:00');
  });

  it('abbreviates axis counts', () => {
    expect(compactCount(950)).toBe('950');
    expect(compactCount(1200)).toBe('1.2k');
    expect(compactCount(35_000)).toBe('35k');
    expect(compactCount(1_250_000)).toBe('1.3M');
  });
});

describe('series colours', () => {
  it('give outcomes their meaning and sources the colour of their rank in the case', () => {
    expect(seriesColorVar('success', 'outcome', [])).toBe('--success');
    expect(seriesColorVar('failure', 'outcome', [])).toBe('--failure');
    expect(seriesColorVar('unknown', 'outcome', [])).toBe('--chart-neutral');
    const order = ['yepcode', 'okta', 'github'];
    expect(seriesColorVar('okta', 'vendor', order)).toBe('--series-2');
    expect(seriesColorVar('(none)', 'vendor', order)).toBe('--chart-neutral');
    // Unknown keys still get a stable slot.
    expect(seriesColorVar('mystery', 'vendor', order)).toBe(seriesColorVar('mystery', 'vendor', order));
    expect(seriesColorVar('mystery', 'vendor', order)).toMatch(/^--series-[1-8]$/);
  });
});
