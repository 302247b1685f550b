import { useState } from 'react';
import type { EntityRef, EventContext, EventRow } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount, formatTime, zoneLabel } from '../../app/format.ts';
import { useInvestigate } from '../../app/investigate.tsx';
import { useScope } from '../../app/scope.tsx';
import { targetEntity, targetText } from '../../app/target.ts';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import { DetailPane } from '../detail/DetailPane.tsx';
import { ContextColumn } from './ContextColumn.tsx';

export const WINDOWS = [1, 5, 15, 60, 360, 1440] as const;

function windowLabel(m: number): string {
  return m < 60 ? `±${m} min` : `±${m / 60} h`;
}

/**
 * "Around this event": what the same actor, the same IP and the same target did within a window
 * of it (±15 minutes unless another is chosen), side by side, times relative to the event.
 */
export function ContextView({ eventId, generation }: { eventId: string; generation: number }): React.JSX.Element {
  const { zone } = useScope();
  const investigate = useInvestigate();
  const [minutes, setMinutes] = useState(15);
  const [selected, setSelected] = useState<EventRow | null>(null);
  const q = useEngineQuery<EventContext>(
    JSON.stringify([eventId, minutes, generation]),
    () => api.getContext({ eventId, windowMinutes: minutes, limit: 200 }),
    true,
  );
  const ctx = q.value;
  const e = ctx?.event;
  const at = e?.event_time ? Date.parse(e.event_time) : null;
  const open = (entity: EntityRef): void => investigate.openTimeline(entity);
  const targetValue = e ? targetEntity(e) : null;

  return (
    <section className="ctx" data-testid="context-view">
      <header className="inv-head">
        <div className="inv-title">
          <span className="inv-kind">Around this event</span>
          <h2 title={e?.action ?? undefined}>{e ? `${e.action ?? 'event'} · ${e.vendor}` : q.error ? 'Event not found' : 'Loading…'}</h2>
          <span className="inv-meta" data-testid="context-summary">
            {e
              ? `${formatTime(e.event_time, zone)} ${zoneLabel(zone)} · ${e.actor ?? 'no actor'}${e.src_ip ? ` from ${e.src_ip}` : ''}${e && targetText(e) ? ` on ${targetText(e)}` : ''}`
              : (q.error?.message ?? '')}
          </span>
        </div>
        <div className="inv-actions">
          <div className="segmented small" role="group" aria-label="Window">
            {WINDOWS.map((m) => (
              <button
                key={m}
                type="button"
                className={minutes === m ? 'seg active' : 'seg'}
                aria-pressed={minutes === m}
                onClick={() => setMinutes(m)}
                data-testid={`context-window-${m}`}
              >
                {windowLabel(m)}
              </button>
            ))}
          </div>
          {e && (
            <button type="button" className="secondary btn-sm" onClick={() => setSelected(e)}>
              Show this event
            </button>
          )}
        </div>
      </header>
      <div className="ctx-body">
        <div className="ctx-columns">
          <ContextColumn
            title="Same actor"
            value={e?.actor ?? e?.actor_id ?? null}
            rows={ctx?.sameActor ?? null}
            at={at}
            eventId={eventId}
            detail={(r) => [targetText(r), r.src_ip]}
            selectedId={selected?.event_id ?? null}
            onSelect={setSelected}
            onTimeline={(v) => open({ kind: 'actor', value: v })}
            testId="context-actor"
          />
          <ContextColumn
            title="Same IP"
            value={e?.src_ip ?? null}
            rows={ctx?.sameIp ?? null}
            at={at}
            eventId={eventId}
            detail={(r) => [r.actor, targetText(r)]}
            selectedId={selected?.event_id ?? null}
            onSelect={setSelected}
            onTimeline={(v) => open({ kind: 'ip', value: v })}
            testId="context-ip"
          />
          <ContextColumn
            title="Same target"
            value={targetValue}
            shown={e ? targetText(e) : null}
            rows={ctx?.sameTarget ?? null}
            at={at}
            eventId={eventId}
            detail={(r) => [r.actor, r.src_ip]}
            selectedId={selected?.event_id ?? null}
            onSelect={setSelected}
            onTimeline={(v) => open({ kind: 'target', value: v })}
            testId="context-target"
          />
        </div>
        {selected && <DetailPane row={selected} onClose={() => setSelected(null)} />}
      </div>
      {ctx && (
        <p className="ctx-foot muted">
          {formatCount(ctx.sameActor.length + ctx.sameIp.length + ctx.sameTarget.length)} rows · {formatTime(ctx.from, zone)} –{' '}
          {formatTime(ctx.to, zone)} {zoneLabel(zone)}
        </p>
      )}
    </section>
  );
}
