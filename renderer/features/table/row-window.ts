/**
 * The event table's row window, as pure math.
 *
 * Chromium caps a scroller at 33,554,432 px and loses whole-pixel precision past 16,777,216 px, so
 * a 26 px row table cannot lay out 10M (or even 1M) rows for real. The table therefore gives
 * Virtuoso a window of at most WINDOW_ROWS rows that starts at global row `base`; Virtuoso index i
 * is global row base + i. With W window rows, V visible rows and T rows in the result, the window is
 * placed so that the scroller's scroll fraction f matches the whole result:
 *
 *   base = f · (T − W)   and   top row = base + f · (W − V) = f · (T − V)
 *
 * So a jump of the native scrollbar (dragging its thumb, or setting scrollTop far away) lands at the
 * same fraction of the whole result, while small scrolls (wheel, keys) move row by row inside the
 * window. Near a window edge the window is moved and the scroll position re-anchored so that the
 * same rows stay under the cursor.
 */

export const ROW_HEIGHT = 26;
/** 200,000 rows × 26 px = 5.2M px: well inside the range where pixels are still exact. */
export const WINDOW_ROWS = 200_000;
/** Re-anchor once the viewport comes this close (in rows) to an edge of the window that is not an end of the result. */
export const EDGE_ROWS = 1_000;
/** After re-anchoring at an edge, at least this many rows (or all there are) lie beyond it. */
export const MARGIN_ROWS = 10_000;

export interface RowWindowGeometry {
  /** Rows in the whole result. */
  total: number;
  /** Rows given to Virtuoso: min(total, WINDOW_ROWS). */
  windowRows: number;
  /** Rows that fit in the visible area below the sticky header (may be fractional). */
  viewRows: number;
  rowHeight: number;
}

export interface RowWindowPlace {
  /** Global row index of Virtuoso's index 0. */
  base: number;
  /** The scroller's scrollTop (px), inside the window. */
  scrollTop: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

export function windowRows(total: number, max = WINDOW_ROWS): number {
  return Math.max(0, Math.min(total, max));
}

export function geometry(total: number, viewRows: number, rowHeight = ROW_HEIGHT, max = WINDOW_ROWS): RowWindowGeometry {
  return { total, windowRows: windowRows(total, max), viewRows: Math.max(1, viewRows), rowHeight };
}

/** Largest valid base. */
export function maxBase(g: RowWindowGeometry): number {
  return Math.max(0, g.total - g.windowRows);
}

export function clampBase(base: number, g: RowWindowGeometry): number {
  return clamp(Math.round(base), 0, maxBase(g));
}

/** Largest scrollTop inside the window (px). */
export function maxScrollTop(g: RowWindowGeometry): number {
  return Math.max(0, (g.windowRows - g.viewRows) * g.rowHeight);
}

/** The (fractional) global row at the top of the visible area. */
export function topRow(place: RowWindowPlace, g: RowWindowGeometry): number {
  return place.base + place.scrollTop / g.rowHeight;
}

/** Virtuoso index → global row. */
export function toGlobal(index: number, base: number): number {
  return base + index;
}

/** Global row → Virtuoso index, or null when the row is outside the window. */
export function toLocal(row: number, base: number, g: RowWindowGeometry): number | null {
  const i = row - base;
  return i >= 0 && i < g.windowRows ? i : null;
}

/**
 * The scroller jumped (thumb drag, scrollTop set far away): the base that puts the same fraction of
 * the whole result in view. `scrollMax` is the scroller's own scrollHeight − clientHeight.
 */
export function baseForJump(scrollTop: number, scrollMax: number, g: RowWindowGeometry): number {
  if (scrollMax <= 0) return 0;
  return clampBase(clamp(scrollTop / scrollMax, 0, 1) * maxBase(g), g);
}

/**
 * Whether a scroll by `delta` px is a jump rather than a step: anything further than a couple of
 * screens in one scroll event (wheel and keys move far less; one pixel of a 5M px thumb is more).
 */
export function isJump(delta: number, clientHeight: number): boolean {
  return Math.abs(delta) > Math.max(2 * clientHeight, 2_000);
}

/**
 * The window and scroll position that show global row `top` (fractional) at the top of the visible
 * area: base follows the scroll fraction of the whole result (so the native thumb stays truthful),
 * but keeps at least MARGIN_ROWS (or all there are) between the view and any edge of the window that
 * is not an end of the result, so the next re-anchor is far away.
 */
export function anchor(top: number, g: RowWindowGeometry, margin = MARGIN_ROWS): RowWindowPlace {
  const span = g.total - g.viewRows;
  const t = clamp(top, 0, Math.max(0, span));
  const room = g.windowRows - g.viewRows; // rows the top can move inside the window
  if (span <= 0 || room <= 0 || maxBase(g) === 0) return { base: 0, scrollTop: clamp(t, 0, Math.max(0, room)) * g.rowHeight };
  let base = clampBase((t / span) * maxBase(g), g);
  const m = Math.min(margin, room / 2);
  // Room before the window's top edge and after its bottom edge, for the view starting at t.
  if (base > 0 && t - base < m) base = clampBase(Math.floor(t - m), g);
  if (base < maxBase(g) && base + room - t < m) base = clampBase(Math.ceil(t + m - room), g);
  // The view must lie inside the window whatever the rounding did.
  base = clamp(base, Math.max(0, Math.ceil(t - room)), Math.min(maxBase(g), Math.floor(t)));
  return { base, scrollTop: (t - base) * g.rowHeight };
}

/** The view is within EDGE_ROWS of a window edge that has more rows beyond it. */
export function nearEdge(place: RowWindowPlace, g: RowWindowGeometry, edge = EDGE_ROWS): boolean {
  const pos = place.scrollTop / g.rowHeight;
  const room = g.windowRows - g.viewRows;
  return (place.base > 0 && pos < edge) || (place.base < maxBase(g) && room - pos < edge);
}

/**
 * Where to scroll so that global row `row` is fully visible (scrolling as little as possible), or
 * null when it already is. Inside the window only scrollTop changes; otherwise the window moves.
 */
export function reveal(row: number, place: RowWindowPlace, g: RowWindowGeometry): RowWindowPlace | null {
  if (g.total <= 0) return null;
  const r = clamp(row, 0, g.total - 1);
  const top = topRow(place, g);
  let want: number;
  if (r < top) want = r;
  else if (r + 1 > top + g.viewRows + 1e-6) want = r + 1 - g.viewRows;
  else return null;
  const room = g.windowRows - g.viewRows;
  const pos = want - place.base;
  const inside = pos >= 0 && pos <= room;
  const next: RowWindowPlace =
    inside && !nearEdge({ base: place.base, scrollTop: pos * g.rowHeight }, g)
      ? { base: place.base, scrollTop: pos * g.rowHeight }
      : anchor(want, g);
  // Bottom alignment: never leave the row's last pixel below the edge after rounding.
  if (want !== r) next.scrollTop = Math.min(Math.ceil(next.scrollTop), Math.ceil(maxScrollTop(g)));
  return next;
}
