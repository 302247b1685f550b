import { useEffect, useRef } from 'react';
import { useElementWidth } from '../../app/use-element-width.ts';
import uPlot from 'uplot';
// Bundled into the app's stylesheet by Vite: the CSP allows style sheets from 'self' only, never
// injected <style> elements. uPlot itself only sets element.style properties, which CSP permits.
import 'uplot/dist/uPlot.min.css';
import type { DisplayZone } from '../../app/format.ts';
import { axisLabels, bucketAt, compactCount, type Stacked } from './histogram-data.ts';

export interface StackedBarsProps {
  data: Stacked;
  /** Resolved colours, one per layer (bottom first). */
  colors: string[];
  zone: DisplayZone;
  axisColor: string;
  gridColor: string;
  height: number;
  onBrush(fromMs: number, toMs: number): void;
  onReset(): void;
  /** The bucket under the pointer and its x position in CSS pixels within the chart box, or null. */
  onHover(hover: { index: number; left: number } | null): void;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Brushes narrower than this are clicks, not ranges. */
const MIN_BRUSH_PX = 3;

/**
 * Stacked bars on a canvas (uPlot): thousands of buckets draw in a frame, which SVG charting does
 * not manage. uPlot has no stacking, so each layer is drawn as a bar up to its cumulative top,
 * topmost layer first, and the lower layers paint over it.
 */
export function StackedBars(props: StackedBarsProps): React.JSX.Element {
  const { data, colors, zone, axisColor, gridColor, height } = props;
  const host = useRef<HTMLDivElement>(null);
  const width = useElementWidth(host);
  // Callbacks change identity every render; the chart reads the latest through this ref.
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    const el = host.current;
    if (!el || width <= 0 || data.xs.length === 0) return;
    const last = data.xs[data.xs.length - 1] as number;
    const first = data.xs[0] as number;
    const top = data.layers.length ? Math.max(...data.totals) : 0;
    const layersTopFirst = [...data.layers.keys()].reverse();
    const bars = uPlot.paths.bars?.({ align: 1, size: [0.88, Infinity, 1], gap: 0 });
    const opts: uPlot.Options = {
      width,
      height,
      ms: 1,
      tzDate: zone === 'UTC' ? (ms) => uPlot.tzDate(new Date(ms), 'Etc/UTC') : (ms) => new Date(ms),
      legend: { show: false },
      // Room on the right for the last tick's label, which is centred on the plot's edge.
      padding: [6, 22, 0, 0],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { show: false },
        y: false,
      },
      scales: {
        x: { time: true, range: () => [first, last + data.bucketMs] },
        y: { range: () => [0, top > 0 ? top * 1.08 : 1] },
      },
      axes: [
        {
          stroke: axisColor,
          font: FONT,
          size: 34,
          space: 70,
          grid: { show: false },
          ticks: { stroke: gridColor, size: 4 },
          values: (_u, splits, _axis, _space, incr) => axisLabels(splits, incr, zone),
        },
        {
          stroke: axisColor,
          font: FONT,
          size: 40,
          space: 22,
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7],
          grid: { stroke: gridColor, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map(compactCount),
        },
      ],
      series: [
        {},
        ...layersTopFirst.map((i) => ({
          label: data.layers[i]?.key ?? '',
          fill: colors[i] ?? axisColor,
          stroke: colors[i] ?? axisColor,
          width: 0,
          paths: bars,
          points: { show: false },
        })),
      ],
      hooks: {
        setSelect: [
          (u) => {
            const { left, width: w } = u.select;
            if (w >= MIN_BRUSH_PX) handlers.current.onBrush(u.posToVal(left, 'x'), u.posToVal(left + w, 'x'));
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const left = u.cursor.left ?? -1;
            const index = left >= 0 ? bucketAt(u.posToVal(left, 'x'), data.xs, data.bucketMs) : -1;
            // Offset by the plot area's position so the tooltip can be placed in the panel's box.
            handlers.current.onHover(index >= 0 ? { index, left: left + u.over.offsetLeft } : null);
          },
        ],
      },
    };
    const aligned: uPlot.AlignedData = [data.xs, ...layersTopFirst.map((i) => data.layers[i]?.tops ?? [])];
    const plot = new uPlot(opts, aligned, el);
    const onDblClick = (): void => handlers.current.onReset();
    const onLeave = (): void => handlers.current.onHover(null);
    plot.over.addEventListener('dblclick', onDblClick);
    plot.over.addEventListener('mouseleave', onLeave);
    return () => {
      plot.over.removeEventListener('dblclick', onDblClick);
      plot.over.removeEventListener('mouseleave', onLeave);
      plot.destroy();
    };
  }, [data, colors, zone, axisColor, gridColor, height, width]);

  return <div ref={host} className="histogram-canvas" data-testid="histogram-plot" />;
}
