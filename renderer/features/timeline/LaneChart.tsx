import { useEffect, useRef } from 'react';
import { useElementWidth } from '../../app/use-element-width.ts';
import uPlot from 'uplot';
// Bundled into the app's stylesheet (the CSP allows no injected <style>); see StackedBars.tsx.
import 'uplot/dist/uPlot.min.css';
import type { DisplayZone } from '../../app/format.ts';
import { axisLabels } from '../histogram/histogram-data.ts';
import { bucketIndex, shade, type Lanes, type TimeWindow } from './lane-data.ts';

export interface LaneChartProps {
  lanes: Lanes;
  /** Resolved colours, one per lane. */
  colors: string[];
  /** The x range shown (the zoom, or the whole timeline). */
  view: TimeWindow;
  /** The brushed window, drawn as a band. */
  brush: TimeWindow | null;
  /** The selected event's time, drawn as a line. */
  marker: number | null;
  zone: DisplayZone;
  axisColor: string;
  gridColor: string;
  accentColor: string;
  onBrush(from: number, to: number): void;
  onClick(ms: number): void;
  onReset(): void;
  onHover(hover: { lane: number; bucket: number } | null): void;
}

export const LANE_PX = 24;
export const PAD_TOP = 6;
const AXIS_PX = 34;
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * Lanes (one row per source or action) drawn on a uPlot canvas: uPlot gives the time axis, the
 * cursor and the drag selection; the buckets themselves are painted in its draw hook, each a
 * block whose opacity follows its count. The lane names are HTML next to it (LaneLabels), as text.
 */
export function LaneChart(props: LaneChartProps): React.JSX.Element {
  const { lanes, colors, view, brush, marker, zone, axisColor, gridColor, accentColor } = props;
  const host = useRef<HTMLDivElement>(null);
  const width = useElementWidth(host);
  // Callbacks change identity every render; the chart reads the latest through this ref.
  const handlers = useRef(props);
  handlers.current = props;
  const plotRef = useRef<uPlot | null>(null);
  const height = lanes.keys.length * LANE_PX + PAD_TOP + AXIS_PX;

  useEffect(() => {
    const el = host.current;
    if (!el || width <= 0 || lanes.xs.length === 0) return;
    const n = lanes.keys.length;
    let brushed = false;
    const draw = (u: uPlot): void => {
      const ctx = u.ctx;
      const { left, top, width: w, height: h } = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, w, h);
      ctx.clip();
      const px = (ms: number): number => u.valToPos(ms, 'x', true);
      const laneTop = (i: number): number => u.valToPos(n - i, 'y', true);
      const laneH = laneTop(1) - laneTop(0);
      for (let i = 0; i < n; i++) {
        const y = laneTop(i);
        if (i % 2 === 1) {
          ctx.globalAlpha = 0.5;
          ctx.fillStyle = gridColor;
          ctx.fillRect(left, y, w, laneH);
        }
        ctx.fillStyle = colors[i] ?? axisColor;
        const counts = lanes.counts[i] ?? [];
        for (let j = 0; j < counts.length; j++) {
          const c = counts[j] ?? 0;
          if (c <= 0) continue;
          const x0 = px(lanes.xs[j] as number);
          const x1 = px((lanes.xs[j] as number) + lanes.bucketMs);
          if (x1 < left || x0 > left + w) continue;
          ctx.globalAlpha = shade(c, lanes.max);
          // At least 2 device pixels wide, so a lone event in a long span stays visible.
          ctx.fillRect(x0, y + laneH * 0.16, Math.max(2 * uPlot.pxRatio, x1 - x0 - uPlot.pxRatio), laneH * 0.68);
        }
      }
      ctx.globalAlpha = 1;
      const b = handlers.current.brush;
      if (b) {
        const x0 = px(b.from);
        const x1 = px(b.to);
        ctx.globalAlpha = 0.12;
        ctx.fillStyle = accentColor;
        ctx.fillRect(x0, top, x1 - x0, h);
        ctx.globalAlpha = 0.9;
        ctx.fillRect(x0, top, uPlot.pxRatio, h);
        ctx.fillRect(x1 - uPlot.pxRatio, top, uPlot.pxRatio, h);
      }
      const m = handlers.current.marker;
      if (m !== null) {
        ctx.globalAlpha = 1;
        ctx.fillStyle = accentColor;
        ctx.fillRect(px(m) - uPlot.pxRatio, top, 2 * uPlot.pxRatio, h);
      }
      ctx.restore();
    };
    const opts: uPlot.Options = {
      width,
      height,
      ms: 1,
      tzDate: zone === 'UTC' ? (ms) => uPlot.tzDate(new Date(ms), 'Etc/UTC') : (ms) => new Date(ms),
      legend: { show: false },
      // Room on both sides for the first and last tick labels, which are centred on their ticks.
      padding: [PAD_TOP, 22, 0, 18],
      cursor: { drag: { x: true, y: false, setScale: false, dist: 3 }, points: { show: false }, y: false },
      scales: { x: { time: true, range: () => [view.from, view.to] }, y: { range: () => [0, n] } },
      axes: [
        {
          stroke: axisColor,
          font: FONT,
          size: AXIS_PX,
          space: 70,
          grid: { show: true, stroke: gridColor, width: 1 },
          ticks: { stroke: gridColor, size: 4 },
          values: (_u, splits, _axis, _space, incr) => axisLabels(splits, incr, zone),
        },
        { show: false },
      ],
      series: [{}, { paths: () => null, points: { show: false } }],
      hooks: {
        draw: [draw],
        setSelect: [
          (u) => {
            const { left, width: w } = u.select;
            if (w >= 3) {
              brushed = true;
              handlers.current.onBrush(u.posToVal(left, 'x'), u.posToVal(left + w, 'x'));
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const { left = -1, top = -1 } = u.cursor;
            if (left < 0 || top < 0) return handlers.current.onHover(null);
            const lane = Math.floor((top / (u.over.clientHeight || 1)) * n);
            const bucket = bucketIndex(u.posToVal(left, 'x'), lanes);
            handlers.current.onHover(bucket >= 0 && lane >= 0 && lane < n ? { lane, bucket } : null);
          },
        ],
      },
    };
    const plot = new uPlot(opts, [lanes.xs, lanes.xs.map(() => null)], el);
    plotRef.current = plot;
    const onClick = (e: MouseEvent): void => {
      // A drag ends with a click too; only a click without one picks a bucket.
      if (brushed) {
        brushed = false;
        return;
      }
      handlers.current.onClick(plot.posToVal(e.offsetX, 'x'));
    };
    const onDblClick = (): void => handlers.current.onReset();
    const onLeave = (): void => handlers.current.onHover(null);
    plot.over.addEventListener('click', onClick);
    plot.over.addEventListener('dblclick', onDblClick);
    plot.over.addEventListener('mouseleave', onLeave);
    return () => {
      plot.over.removeEventListener('click', onClick);
      plot.over.removeEventListener('dblclick', onDblClick);
      plot.over.removeEventListener('mouseleave', onLeave);
      plot.destroy();
      plotRef.current = null;
    };
    // brush and marker are read through the ref at draw time; redraws for them are asked below.
  }, [lanes, colors, view, zone, axisColor, gridColor, accentColor, height, width]);

  // The band and the marker change often (every brush, every click in the list): repaint, do not rebuild.
  useEffect(() => plotRef.current?.redraw(false, false), [brush, marker]);

  return <div ref={host} className="lane-canvas" style={{ height }} data-testid="lane-chart" />;
}
