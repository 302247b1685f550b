import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../preload/api.ts';
import { bucketIndex, laneNames, MAX_LANES, OTHER_LANE, shade, snapWindow, toLanes } from '../../renderer/features/timeline/lane-data.ts';

const MIN15 = 900_000;
const T0 = Date.parse('2025-03-04T02:00:00.000Z');

function hist(series: Record<string, number[]>): Histogram {
  const n = Object.values(series)[0]?.length ?? 0;
  return {
    bucketMs: MIN15,
    buckets: Array.from({ length: n }, (_, i) => new Date(T0 + i * MIN15).toISOString()),
    series: Object.entries(series).map(([key, counts]) => ({ key, counts })),
    total: Object.values(series).flat().reduce((a, b) => a + b, 0),
    elapsedMs: 1,
  };
}

describe('lane chart data', () => {
  it('makes one lane per series with totals and the largest bucket', () => {
    const l = toLanes(hist({ okta: [3, 0, 1], yepcode: [0, 5, 0] }));
    expect(l.keys).toEqual(['okta', 'yepcode']);
    expect(l.totals).toEqual([4, 5]);
    expect(l.max).toBe(5);
    expect(l.xs[1]).toBe(T0 + MIN15);
  });

  it('merges lanes past the limit into one', () => {
    const series = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`action${i}`, [1, i]]));
    const l = toLanes(hist(series));
    expect(l.keys).toHaveLength(MAX_LANES);
    expect(l.keys[MAX_LANES - 1]).toBe(OTHER_LANE);
    // Lanes 9..13 summed.
    expect(l.counts[MAX_LANES - 1]).toEqual([5, 9 + 10 + 11 + 12 + 13]);
    expect(l.merged).toBe(5);
  });

  it('keeps the whole timeline lanes in place for a zoomed histogram with fewer series', () => {
    const names = laneNames(['okta', 'yepcode', 'jiffy']);
    const l = toLanes(hist({ jiffy: [2] }), names);
    expect(l.keys).toEqual(['okta', 'yepcode', 'jiffy']);
    expect(l.counts).toEqual([[0], [0], [2]]);
  });

  it('shades a lone event visibly and the busiest bucket fully', () => {
    expect(shade(0, 10)).toBe(0);
    expect(shade(1, 1000)).toBeGreaterThan(0.25);
    expect(shade(1000, 1000)).toBe(1);
  });

  it('snaps a brush outwards to whole buckets; a click selects its bucket', () => {
    const l = toLanes(hist({ okta: [1, 1, 1, 1] }));
    expect(snapWindow(T0 + 100, T0 + MIN15 + 5, l)).toEqual({ from: T0, to: T0 + 2 * MIN15 });
    expect(snapWindow(T0 + MIN15 + 7, T0 + MIN15 + 7, l)).toEqual({ from: T0 + MIN15, to: T0 + 2 * MIN15 });
    expect(bucketIndex(T0 + 3 * MIN15 + 1, l)).toBe(3);
    expect(bucketIndex(T0 - 1, l)).toBe(-1);
  });
});
