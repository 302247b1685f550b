import { useCallback, useMemo, useState } from 'react';
import type { CaseInfo, Histogram } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount, formatInstantShort, zoneLabel } from '../../app/format.ts';
import { useScope } from '../../app/scope.tsx';
import { cssVar, useColorScheme } from '../../app/use-color-scheme.ts';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import { HistogramTooltip } from './HistogramTooltip.tsx';
import { bucketLabel, seriesColorVar, snapRange, stack } from './histogram-data.ts';
import { StackedBars } from './StackedBars.tsx';

export type HistogramStack = 'vendor' | 'outcome';

export interface HistogramPanelProps {
  info: CaseInfo;
  /** Bumped when the case's contents change; the histogram is asked again. */
  generation: number;
}

const STACKS: { id: HistogramStack; label: string }[] = [
  { id: 'vendor', label: 'Source' },
  { id: 'outcome', label: 'Outcome' },
];
/** About one bar per 9 px on a laptop screen; the engine picks a round bucket size under it. */
const MAX_BUCKETS = 120;
const CHART_HEIGHT = 104;

/**
 * The scoped events over time, stacked by source or outcome. Dragging across the bars sets the time
 * range (snapped to whole buckets), double-click clears it; the legend adds chips like a facet.
 */
export function HistogramPanel({ info, generation }: HistogramPanelProps): React.JSX.Element {
  const { scope, zone, setTimeRange, addChip } = useScope();
  const [stackBy, setStackBy] = useState<HistogramStack>('vendor');
  const [hover, setHover] = useState<{ index: number; left: number } | null>(null);
  const scheme = useColorScheme();

  const q = useEngineQuery<{ h: Histogram; stackBy: HistogramStack }>(
    JSON.stringify([scope, stackBy, generation]),
    async () => {
      const r = await api.getHistogram({ ...scope, stackBy, maxBuckets: MAX_BUCKETS });
      return r.ok ? { ok: true, value: { h: r.value, stackBy } } : r;
    },
    true,
  );
  const shown = q.value;
  const data = useMemo(() => (shown ? stack(shown.h) : null), [shown]);
  const order = useMemo(() => info.byVendor.map((v) => v.vendor), [info]);
  const colorVars = useMemo(
    () => (data && shown ? data.layers.map((l) => seriesColorVar(l.key, shown.stackBy, order)) : []),
    [data, shown, order],
  );
  // Canvas needs real colours: resolved from the CSS variables, again whenever the OS theme flips.
  const theme = useMemo(
    () => ({ colors: colorVars.map(cssVar), axis: cssVar('--text-soft'), grid: cssVar('--border'), scheme }),
    [colorVars, scheme],
  );

  const onBrush = useCallback(
    (a: number, b: number) => {
      const first = data?.xs[0];
      if (!data || first === undefined) return;
      setTimeRange(snapRange(a, b, first, data.bucketMs));
    },
    [data, setTimeRange],
  );
  const onReset = useCallback(() => setTimeRange({}), [setTimeRange]);

  const h = shown?.h;
  const span =
    data && data.xs.length > 0
      ? `${formatInstantShort(data.xs[0] as number, zone)} → ${formatInstantShort((data.xs[data.xs.length - 1] as number) + data.bucketMs, zone)} ${zoneLabel(zone)}`
      : '';

  return (
    <section className={q.loading ? 'histogram loading' : 'histogram'} aria-label="Events over time" data-testid="histogram">
      <div className="histogram-head">
        <span className="histogram-summary" data-testid="histogram-summary">
          {h ? (
            <>
              <strong>{formatCount(h.total)}</strong> events
              {h.bucketMs > 0 && <> · {bucketLabel(h.bucketMs)} bars</>}
              {span && <span className="muted"> · {span}</span>}
            </>
          ) : (
            'Loading…'
          )}
        </span>
        <div className="segmented small" role="group" aria-label="Stack bars by">
          {STACKS.map((s) => (
            <button
              key={s.id}
              type="button"
              className={stackBy === s.id ? 'seg active' : 'seg'}
              aria-pressed={stackBy === s.id}
              data-testid={`histogram-stack-${s.id}`}
              onClick={() => setStackBy(s.id)}
            >
              {s.label}
            </button>
          ))}
        </div>
        <ul className="histogram-legend" data-testid="histogram-legend" aria-label="Legend">
          {data?.layers.map((l, i) => (
            <li key={l.key}>
              <button
                type="button"
                className="legend-item"
                title={`Click: only ${l.key}. Alt-click: exclude it.`}
                onClick={(e) =>
                  shown &&
                  addChip({ column: shown.stackBy, value: l.key === '(none)' ? null : l.key, exclude: e.altKey })
                }
              >
                <span className="swatch" style={{ background: theme.colors[i] }} />
                <span className="legend-key">{l.key}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="histogram-chart">
        {data && data.xs.length > 0 ? (
          <StackedBars
            data={data}
            colors={theme.colors}
            zone={zone}
            axisColor={theme.axis}
            gridColor={theme.grid}
            height={CHART_HEIGHT}
            onBrush={onBrush}
            onReset={onReset}
            onHover={setHover}
          />
        ) : (
          <div className="histogram-empty muted">{h ? 'No timed events in this scope' : ''}</div>
        )}
        {hover && data && (
          <HistogramTooltip data={data} index={hover.index} left={hover.left} colors={theme.colors} zone={zone} />
        )}
      </div>
    </section>
  );
}
