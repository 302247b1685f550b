import { useMemo, useState } from 'react';
import type { CaseInfo, EntityRef, EventRow, Histogram, Timeline } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount, formatInstantShort, zoneLabel } from '../../app/format.ts';
import { useInvestigate } from '../../app/investigate.tsx';
import { useScope } from '../../app/scope.tsx';
import { cssVar } from '../../app/use-color-scheme.ts';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import { DetailPane } from '../detail/DetailPane.tsx';
import { seriesColorVar } from '../histogram/histogram-data.ts';
import { eventSide } from './event-side.ts';
import { EventList } from './EventList.tsx';
import { fullRange, laneNames, toLanes, toRange, type TimeWindow } from './lane-data.ts';
import { TimelineChart } from './TimelineChart.tsx';
import { useTimelineEvents } from './use-timeline-events.ts';

export interface TimelineViewProps {
  entity: EntityRef;
  info: CaseInfo | null;
  generation: number;
}

const MAX_BUCKETS = 160;
const FIRST_PAGE = 300;

const KIND_LABEL: Record<EntityRef['kind'], string> = { actor: 'Actor', target: 'Target', ip: 'IP', session: 'Session' };

/**
 * Every event touching one entity across all sources: lanes over time above the events in order.
 * Brushing the lanes narrows the list; "show in table" puts the same events in the main table.
 */
export function TimelineView({ entity, info, generation }: TimelineViewProps): React.JSX.Element {
  const { zone, clearAll, setFilter, setTimeRange } = useScope();
  const investigate = useInvestigate();
  const [lanesBy, setLanesBy] = useState<'vendor' | 'action'>('vendor');
  const [zoom, setZoom] = useState<TimeWindow | null>(null);
  const [brush, setBrush] = useState<TimeWindow | null>(null);
  const [selected, setSelected] = useState<EventRow | null>(null);
  const [picked, setPicked] = useState<EventRow[]>([]);

  const tl = useEngineQuery<Timeline>(
    JSON.stringify([entity, lanesBy, generation]),
    () => api.getTimeline({ entity, lanesBy, limit: FIRST_PAGE, maxBuckets: MAX_BUCKETS }),
    true,
  );
  const timeline = tl.value;
  // Zoomed in, the lanes are asked again for the zoomed span, so buckets get finer.
  const zoomed = useEngineQuery<Histogram>(
    JSON.stringify([timeline?.filter, zoom, lanesBy, generation]),
    () => api.getHistogram({ filter: timeline?.filter ?? '', timeRange: zoom ? toRange(zoom) : {}, stackBy: lanesBy, maxBuckets: MAX_BUCKETS }),
    zoom !== null && timeline !== null,
  );
  const names = useMemo(() => (timeline ? laneNames(timeline.lanes.series.map((s) => s.key)) : []), [timeline]);
  const lanes = useMemo(() => {
    const h = zoom && zoomed.value ? zoomed.value : timeline?.lanes;
    return h ? toLanes(h, names) : null;
  }, [zoom, zoomed.value, timeline, names]);
  const view = zoom ?? (lanes ? fullRange(lanes) : null);
  const events = useTimelineEvents(timeline, brush ?? zoom);

  const vendorOrder = useMemo(() => info?.byVendor.map((v) => v.vendor) ?? [], [info]);
  const vendorColor = (v: string): string => cssVar(seriesColorVar(v, 'vendor', vendorOrder));
  const pickedIds = useMemo(() => new Set(picked.map((p) => p.event_id)), [picked]);
  const togglePick = (r: EventRow): void =>
    setPicked((p) => (p.some((x) => x.event_id === r.event_id) ? p.filter((x) => x.event_id !== r.event_id) : [...p.slice(-1), r]));

  const showInTable = (): void => {
    if (!timeline) return;
    clearAll();
    setFilter(timeline.filter);
    const w = brush ?? zoom;
    if (w) setTimeRange(toRange(w));
    investigate.show(null);
  };
  const compare = (): void => {
    const [a, b] = [...picked].sort((x, y) => (x.event_time ?? '').localeCompare(y.event_time ?? ''));
    if (a && b) investigate.openDiff(eventSide(a, zone), eventSide(b, zone), entity.value);
  };

  const vendors = timeline && lanesBy === 'vendor' ? timeline.lanes.series.length : null;
  return (
    <section className="tl" data-testid="timeline-view" data-entity={`${entity.kind}:${entity.value}`}>
      <header className="inv-head">
        <div className="inv-title">
          <span className="inv-kind">{KIND_LABEL[entity.kind]} timeline</span>
          <h2 title={entity.value} data-testid="timeline-entity">
            {entity.value}
          </h2>
          <span className="inv-meta" data-testid="timeline-summary">
            {timeline
              ? `${formatCount(timeline.total)} events${vendors !== null ? ` · ${vendors} ${vendors === 1 ? 'source' : 'sources'}` : ''}${
                  timeline.timeMin && timeline.timeMax
                    ? ` · ${formatInstantShort(Date.parse(timeline.timeMin), zone)} → ${formatInstantShort(Date.parse(timeline.timeMax), zone)} ${zoneLabel(zone)}`
                    : ''
                }`
              : tl.error
                ? tl.error.message
                : 'Loading…'}
          </span>
        </div>
        <div className="inv-actions">
          <div className="segmented small" role="group" aria-label="Lanes by">
            {(['vendor', 'action'] as const).map((l) => (
              <button
                key={l}
                type="button"
                className={lanesBy === l ? 'seg active' : 'seg'}
                aria-pressed={lanesBy === l}
                onClick={() => setLanesBy(l)}
                data-testid={`lanes-by-${l}`}
              >
                {l === 'vendor' ? 'Lanes: source' : 'Lanes: action'}
              </button>
            ))}
          </div>
          {picked.length > 0 && (
            <button type="button" className="secondary btn-sm" onClick={compare} disabled={picked.length < 2} data-testid="timeline-compare">
              Compare {picked.length}/2 picked
            </button>
          )}
          {selected && (
            <button type="button" className="secondary btn-sm" onClick={() => investigate.openContext(selected.event_id)} data-testid="timeline-around">
              Around this event
            </button>
          )}
          {entity.kind === 'target' && (
            <button type="button" className="secondary btn-sm" onClick={() => investigate.openHistory({ id: entity.value })} data-testid="timeline-history">
              History
            </button>
          )}
          <button type="button" className="btn-sm" onClick={showInTable} disabled={!timeline} data-testid="timeline-show-in-table">
            Show in table
          </button>
        </div>
      </header>
      {lanes && view && lanes.xs.length > 0 ? (
        <TimelineChart
          lanes={lanes}
          lanesBy={lanesBy}
          info={info}
          view={view}
          zoomed={zoom !== null}
          brush={brush}
          marker={selected?.event_time ? Date.parse(selected.event_time) : null}
          zone={zone}
          brushCount={brush ? events.total : null}
          onBrush={setBrush}
          onZoom={setZoom}
          loading={tl.loading || zoomed.loading}
        />
      ) : (
        timeline && <p className="inv-empty muted">No timed events for this {entity.kind}.</p>
      )}
      <div className="tl-body">
        <EventList
          rows={events.rows}
          selectedId={selected?.event_id ?? null}
          onSelect={setSelected}
          picked={pickedIds}
          onPick={togglePick}
          onEndReached={events.loadMore}
          zone={zone}
          vendorColor={vendorColor}
          entityKind={entity.kind}
        />
        {selected && <DetailPane row={selected} onClose={() => setSelected(null)} />}
      </div>
    </section>
  );
}
