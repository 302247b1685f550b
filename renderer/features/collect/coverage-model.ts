import type { SourceCoverage } from '../../../preload/api.ts';

export interface BarSegment {
  kind: 'covered' | 'gap';
  from: string;
  to: string;
  /** Position and width in percent of the bar (everything ever requested for the source). */
  left: number;
  width: number;
  reason?: string;
}

export interface CoverageBar {
  from: string;
  to: string;
  segments: BarSegment[];
  /** Share of the requested span pulled completely, 0..1. */
  share: number;
}

/**
 * One source's coverage laid on a bar spanning everything requested for it: covered ranges and
 * gaps with their reasons. A range too short to see gets a sliver (0.4%) so no gap hides.
 */
export function coverageBar(c: SourceCoverage): CoverageBar | null {
  const starts = c.requested.map((r) => Date.parse(r.from));
  const ends = c.requested.map((r) => Date.parse(r.to));
  if (!starts.length) return null;
  const lo = Math.min(...starts);
  const hi = Math.max(...ends);
  const span = Math.max(1, hi - lo);
  const seg = (kind: BarSegment['kind'], from: string, to: string, reason?: string): BarSegment => {
    const a = Date.parse(from);
    const b = Date.parse(to);
    const left = ((a - lo) / span) * 100;
    const width = Math.max(0.4, ((b - a) / span) * 100);
    return { kind, from, to, left: Math.min(left, 100 - width), width, ...(reason ? { reason } : {}) };
  };
  const covered = c.covered.map((r) => seg('covered', r.from, r.to));
  const gaps = c.gaps.map((g) => seg('gap', g.from, g.to, g.reason));
  const coveredMs = c.covered.reduce((n, r) => n + (Date.parse(r.to) - Date.parse(r.from)), 0);
  return {
    from: new Date(lo).toISOString(),
    to: new Date(hi).toISOString(),
    segments: [...covered, ...gaps].sort((x, y) => x.left - y.left),
    share: Math.min(1, coveredMs / span),
  };
}
