import { describe, expect, it } from 'vitest';
import {
  anchor,
  baseForJump,
  EDGE_ROWS,
  geometry,
  isJump,
  MARGIN_ROWS,
  maxBase,
  maxScrollTop,
  nearEdge,
  reveal,
  ROW_HEIGHT,
  topRow,
  toGlobal,
  toLocal,
  WINDOW_ROWS,
  windowRows,
  type RowWindowGeometry,
  type RowWindowPlace,
} from '../../renderer/features/table/row-window.ts';

const VIEW = 31.5; // rows below the header in a 900 px window
const g10m = geometry(10_000_000, VIEW);
const g1m = geometry(1_000_000, VIEW);
const small = geometry(5_000, VIEW);

/** The place is valid: base in range, the view inside the window. */
function expectValid(p: RowWindowPlace, g: RowWindowGeometry): void {
  expect(p.base).toBeGreaterThanOrEqual(0);
  expect(p.base).toBeLessThanOrEqual(maxBase(g));
  expect(Number.isInteger(p.base)).toBe(true);
  expect(p.scrollTop).toBeGreaterThanOrEqual(0);
  expect(p.scrollTop).toBeLessThanOrEqual(Math.ceil(maxScrollTop(g)));
}

describe('row window geometry', () => {
  it('caps the window and with it the scroll height far below the browser limits', () => {
    expect(windowRows(10_000_000)).toBe(WINDOW_ROWS);
    expect(windowRows(5_000)).toBe(5_000);
    expect(windowRows(0)).toBe(0);
    expect(g10m.windowRows * ROW_HEIGHT).toBeLessThan(8_000_000);
    expect(maxBase(g10m)).toBe(10_000_000 - WINDOW_ROWS);
    expect(maxBase(small)).toBe(0);
  });

  it('maps window indices to global rows and back', () => {
    expect(toGlobal(5, 1_234_567)).toBe(1_234_572);
    expect(toLocal(1_234_572, 1_234_567, g10m)).toBe(5);
    expect(toLocal(1_234_566, 1_234_567, g10m)).toBeNull();
    expect(toLocal(1_234_567 + WINDOW_ROWS, 1_234_567, g10m)).toBeNull();
  });

  it('tells jumps from steps', () => {
    expect(isJump(600, 870)).toBe(false); // a wheel notch
    expect(isJump(-870, 870)).toBe(false); // a page
    expect(isJump(6_500, 870)).toBe(true); // one pixel of the thumb of a 5.2M px scroller
    expect(isJump(-2_600_000, 870)).toBe(true);
  });
});

describe('jumps keep the scroll fraction of the whole result', () => {
  it('top, middle and bottom of the scroller are top, middle and bottom of the result', () => {
    const scrollMax = maxScrollTop(g10m);
    for (const f of [0, 0.25, 0.5, 0.999, 1]) {
      const base = baseForJump(f * scrollMax, scrollMax, g10m);
      const top = topRow({ base, scrollTop: f * scrollMax }, g10m);
      // Within a row (base is rounded) of f · (total − visible rows).
      expect(Math.abs(top - f * (g10m.total - VIEW))).toBeLessThanOrEqual(0.5);
    }
    expect(baseForJump(scrollMax, scrollMax, g10m)).toBe(maxBase(g10m));
    expect(baseForJump(0, scrollMax, g10m)).toBe(0);
    // Scrolled to the very bottom: the last row ends at the bottom of the view.
    expect(topRow({ base: maxBase(g10m), scrollTop: scrollMax }, g10m) + VIEW).toBe(g10m.total);
  });

  it('a result that fits in one window never moves it', () => {
    expect(baseForJump(1_000, 100_000, small)).toBe(0);
    expect(anchor(3_000, small)).toEqual({ base: 0, scrollTop: 3_000 * ROW_HEIGHT });
  });
});

describe('anchor', () => {
  it('shows the asked row at the top, inside the window', () => {
    for (const g of [g1m, g10m, small]) {
      for (const t of [0, 1, 17, 99_999.5, 250_000, 500_000, 999_990, 5_000_000, 9_999_000, g.total - VIEW]) {
        if (t > g.total - VIEW) continue;
        const p = anchor(t, g);
        expectValid(p, g);
        expect(topRow(p, g)).toBeCloseTo(t, 6);
      }
    }
  });

  it('keeps a margin to window edges that are not ends of the result', () => {
    for (const t of [150_000, 3_000_000, 9_750_000, 9_799_990]) {
      const p = anchor(t, g10m);
      expect(nearEdge(p, g10m)).toBe(false);
      const pos = p.scrollTop / ROW_HEIGHT;
      if (p.base > 0) expect(pos).toBeGreaterThanOrEqual(MARGIN_ROWS - 1);
      if (p.base < maxBase(g10m)) expect(WINDOW_ROWS - VIEW - pos).toBeGreaterThanOrEqual(MARGIN_ROWS - 1);
    }
  });

  it('clamps past the ends of the result', () => {
    expect(anchor(-5, g10m)).toEqual({ base: 0, scrollTop: 0 });
    const end = anchor(20_000_000, g10m);
    expect(end.base).toBe(maxBase(g10m));
    expect(end.scrollTop).toBeCloseTo(maxScrollTop(g10m), 6);
  });
});

describe('nearEdge', () => {
  const mid = 5_000_000;
  it('is true close to an inner edge only', () => {
    expect(nearEdge({ base: mid, scrollTop: 10 * ROW_HEIGHT }, g10m)).toBe(true);
    expect(nearEdge({ base: mid, scrollTop: (WINDOW_ROWS - VIEW - 10) * ROW_HEIGHT }, g10m)).toBe(true);
    expect(nearEdge({ base: mid, scrollTop: (EDGE_ROWS + 10) * ROW_HEIGHT }, g10m)).toBe(false);
    // The ends of the result are not edges to move away from.
    expect(nearEdge({ base: 0, scrollTop: 0 }, g10m)).toBe(false);
    expect(nearEdge({ base: maxBase(g10m), scrollTop: maxScrollTop(g10m) }, g10m)).toBe(false);
  });

  it('re-anchoring at an edge keeps the same row on top and leaves the edge', () => {
    for (const place of [
      { base: mid, scrollTop: 10 * ROW_HEIGHT },
      { base: mid, scrollTop: (WINDOW_ROWS - VIEW - 10) * ROW_HEIGHT },
      { base: 9_700_000, scrollTop: (WINDOW_ROWS - VIEW - 500) * ROW_HEIGHT },
    ]) {
      expect(nearEdge(place, g10m)).toBe(true);
      const next = anchor(topRow(place, g10m), g10m);
      expectValid(next, g10m);
      expect(topRow(next, g10m)).toBeCloseTo(topRow(place, g10m), 6);
      expect(nearEdge(next, g10m)).toBe(false);
    }
  });
});

describe('reveal', () => {
  const at = { base: 400_000, scrollTop: 50_000 * ROW_HEIGHT }; // top row 450,000
  it('leaves a fully visible row alone', () => {
    expect(reveal(450_000, at, g1m)).toBeNull();
    expect(reveal(450_030, at, g1m)).toBeNull();
  });

  it('scrolls inside the window by as little as possible', () => {
    expect(reveal(450_031, at, g1m)).toEqual({ base: 400_000, scrollTop: Math.ceil((50_032 - VIEW) * ROW_HEIGHT) });
    expect(reveal(449_999, at, g1m)).toEqual({ base: 400_000, scrollTop: 49_999 * ROW_HEIGHT });
  });

  it('End and Home move the window to the ends of the result', () => {
    for (const g of [g1m, g10m]) {
      const end = reveal(g.total - 1, at, g);
      if (!end) throw new Error('End did not scroll');
      expect(end.base).toBe(maxBase(g));
      expect(end.scrollTop).toBe(Math.ceil(maxScrollTop(g)));
      // The last row's bottom edge is inside the view.
      expect(end.base + (end.scrollTop / ROW_HEIGHT) + VIEW).toBeGreaterThanOrEqual(g.total);
      expect(reveal(0, at, g)).toEqual({ base: 0, scrollTop: 0 });
    }
  });

  it('far jumps land inside a window with the row visible', () => {
    for (const row of [9_999_999, 7_654_321, 123, 200_000, 5_000_000]) {
      const p = reveal(row, { base: 0, scrollTop: 0 }, g10m);
      if (!p) throw new Error('no scroll');
      expectValid(p, g10m);
      const top = topRow(p, g10m);
      expect(row).toBeGreaterThanOrEqual(Math.floor(top));
      expect(row + 1).toBeLessThanOrEqual(top + VIEW + 1e-6);
    }
  });

  it('does nothing on an empty result', () => {
    expect(reveal(0, { base: 0, scrollTop: 0 }, geometry(0, VIEW))).toBeNull();
  });
});
