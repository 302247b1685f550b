import { useMemo, useState } from 'react';
import type { CaseInfo } from '../../../preload/api.ts';
import { formatCount, formatInstantShort, zoneLabel, type DisplayZone } from '../../app/format.ts';
import { cssVar, useColorScheme } from '../../app/use-color-scheme.ts';
import { bucketSpan, seriesColorVar } from '../histogram/histogram-data.ts';
import { LANE_PX, LaneChart, PAD_TOP } from './LaneChart.tsx';
import { OTHER_LANE, snapWindow, type Lanes, type TimeWindow } from './lane-data.ts';

export interface TimelineChartProps {
  lanes: Lanes;
  lanesBy: 'vendor' | 'action';
  info: CaseInfo | null;
  view: TimeWindow;
  zoomed: boolean;
  brush: TimeWindow | null;
  marker: number | null;
  zone: DisplayZone;
  /** Events in the brushed window, once known. */
  brushCount: number | null;
  onBrush(w: TimeWindow | null): void;
  onZoom(w: TimeWindow | null): void;
  loading: boolean;
}

export function laneLabel(key: string, lanes: Lanes): string {
  return key === OTHER_LANE ? `${lanes.merged} more` : key;
}

/** Lane colours: sources keep the colour they have in the histogram; actions get stable palette slots. */
export function useLaneColors(keys: readonly string[], lanesBy: 'vendor' | 'action', info: CaseInfo | null): string[] {
  const scheme = useColorScheme();
  return useMemo(() => {
    const order = info?.byVendor.map((v) => v.vendor) ?? [];
    // Actions have no case-wide order; their lane order gives each lane its own palette slot.
    return keys.map((k) => cssVar(k === OTHER_LANE ? '--chart-neutral' : seriesColorVar(k, lanesBy, lanesBy === 'vendor' ? order : keys)));
    // The scheme is a dependency because cssVar reads the colours the current scheme resolved.
  }, [keys, lanesBy, info, scheme]);
}

/**
 * The lane chart with its labels and a bar above: what the pointer is over, the brushed window
 * and the zoom controls. Drag to brush (the list narrows), click a bucket to brush just it,
 * double-click to clear the brush (and then the zoom).
 */
export function TimelineChart(props: TimelineChartProps): React.JSX.Element {
  const { lanes, lanesBy, info, view, zoomed, brush, marker, zone, brushCount, onBrush, onZoom, loading } = props;
  const [hover, setHover] = useState<{ lane: number; bucket: number } | null>(null);
  const colors = useLaneColors(lanes.keys, lanesBy, info);
  const theme = useMemo(() => ({ axis: cssVar('--text-soft'), grid: cssVar('--border'), accent: cssVar('--accent') }), [colors]);
  const hovered = hover && lanes.keys[hover.lane] !== undefined ? hover : null;

  return (
    <div className={loading ? 'tl-chart loading' : 'tl-chart'}>
      <div className="tl-chart-bar">
        <span className="tl-hover" data-testid="lane-hover">
          {hovered
            ? `${laneLabel(lanes.keys[hovered.lane] as string, lanes)} · ${bucketSpan(lanes.xs[hovered.bucket] as number, lanes.bucketMs, zone)} · ${formatCount(lanes.counts[hovered.lane]?.[hovered.bucket] ?? 0)} events`
            : brush
              ? ''
              : `${formatInstantShort(view.from, zone)} → ${formatInstantShort(view.to, zone)} ${zoneLabel(zone)}${zoomed ? ' (zoomed)' : ''} · drag across the lanes to narrow the list`}
        </span>
        {brush && (
          <span className="tl-window" data-testid="timeline-window">
            Window {formatInstantShort(brush.from, zone)} – {formatInstantShort(brush.to, zone)}
            {brushCount !== null && ` · ${formatCount(brushCount)} events`}
            <button type="button" className="secondary btn-sm" onClick={() => {
                onZoom(brush);
                onBrush(null);
              }} data-testid="timeline-zoom-in">
              Zoom to window
            </button>
            <button type="button" className="secondary btn-sm" onClick={() => onBrush(null)} data-testid="timeline-clear-window">
              Clear
            </button>
          </span>
        )}
        {zoomed && (
          <button type="button" className="secondary btn-sm" onClick={() => onZoom(null)} data-testid="timeline-zoom-out">
            Zoom out
          </button>
        )}
      </div>
      <div className="tl-chart-body">
        <ul className="lane-labels" style={{ paddingTop: PAD_TOP }} aria-label="Lanes">
          {lanes.keys.map((k, i) => (
            <li key={k} style={{ height: LANE_PX }} className={hovered?.lane === i ? 'hover' : undefined} data-testid="lane-label" title={laneLabel(k, lanes)}>
              <span className="swatch" style={{ background: colors[i] }} />
              <span className="lane-name">{laneLabel(k, lanes)}</span>
              <span className="lane-count">{formatCount(lanes.totals[i] ?? 0)}</span>
            </li>
          ))}
        </ul>
        <LaneChart
          lanes={lanes}
          colors={colors}
          view={view}
          brush={brush}
          marker={marker}
          zone={zone}
          axisColor={theme.axis}
          gridColor={theme.grid}
          accentColor={theme.accent}
          onBrush={(a, b) => onBrush(snapWindow(a, b, lanes))}
          onClick={(ms) => onBrush(snapWindow(ms, ms, lanes))}
          onReset={() => {
            if (brush) onBrush(null);
            else onZoom(null);
          }}
          onHover={setHover}
        />
      </div>
    </div>
  );
}
