import { formatCount, zoneLabel, type DisplayZone } from '../../app/format.ts';
import { bucketSpan, type Stacked } from './histogram-data.ts';

export interface HistogramTooltipProps {
  data: Stacked;
  index: number;
  /** Pointer x in CSS pixels within the chart box. */
  left: number;
  colors: string[];
  zone: DisplayZone;
}

/** Lines beyond this are summed into "n more": a tooltip is for a glance. */
const MAX_LINES = 8;

/** The bucket under the pointer: its span in the display zone and the count of each layer. */
export function HistogramTooltip({ data, index, left, colors, zone }: HistogramTooltipProps): React.JSX.Element | null {
  const start = data.xs[index];
  if (start === undefined) return null;
  const lines = data.layers
    .map((l, i) => ({ key: l.key, count: l.counts[index] ?? 0, color: colors[i] }))
    .filter((l) => l.count > 0)
    .sort((a, b) => b.count - a.count);
  const more = lines.slice(MAX_LINES).reduce((n, l) => n + l.count, 0);
  // Flip to the pointer's left in the right half so the box never runs off the chart.
  const flip = left > 260;
  return (
    <div
      className={flip ? 'histogram-tooltip flip' : 'histogram-tooltip'}
      data-testid="histogram-tooltip"
      role="tooltip"
      style={{ left }}
    >
      <div className="tooltip-time">
        {bucketSpan(start, data.bucketMs, zone)}{' '}
        <span className="muted">{zoneLabel(zone)}</span>
      </div>
      <div className="tooltip-total">{formatCount(data.totals[index] ?? 0)} events</div>
      {lines.slice(0, MAX_LINES).map((l) => (
        <div key={l.key} className="tooltip-line">
          <span className="swatch" style={{ background: l.color }} />
          <span className="tooltip-key">{l.key}</span>
          <span className="tooltip-count">{formatCount(l.count)}</span>
        </div>
      ))}
      {more > 0 && <div className="tooltip-line muted">{formatCount(more)} more</div>}
    </div>
  );
}
