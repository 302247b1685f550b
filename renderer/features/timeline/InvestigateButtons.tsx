import type { EventRow } from '../../../preload/api.ts';
import { useInvestigateOptional } from '../../app/investigate.tsx';
import { historyTarget, targetEntity } from '../../app/target.ts';

/**
 * One event's ways into the investigation area, for the detail pane: the timelines of its actor,
 * IP and target, the target's history and "around this event". Renders nothing outside the
 * InvestigateProvider.
 */
export function InvestigateButtons({ row }: { row: EventRow }): React.JSX.Element | null {
  const inv = useInvestigateOptional();
  if (!inv) return null;
  const actor = row.actor ?? row.actor_id;
  const target = targetEntity(row);
  const object = historyTarget(row);
  return (
    <div className="investigate-buttons" data-testid="investigate-buttons">
      {actor && (
        <button type="button" className="secondary btn-sm" onClick={() => inv.openTimeline({ kind: 'actor', value: actor })} title={`Timeline of ${actor}`} data-testid="open-actor-timeline">
          Actor timeline
        </button>
      )}
      {row.src_ip && (
        <button type="button" className="secondary btn-sm" onClick={() => inv.openTimeline({ kind: 'ip', value: row.src_ip as string })} title={`Timeline of ${row.src_ip}`} data-testid="open-ip-timeline">
          IP timeline
        </button>
      )}
      {target && (
        <button type="button" className="secondary btn-sm" onClick={() => inv.openTimeline({ kind: 'target', value: target })} title={`Timeline of ${target}`} data-testid="open-target-timeline">
          Target timeline
        </button>
      )}
      {object && (
        <button
          type="button"
          className="secondary btn-sm"
          onClick={() => inv.openHistory(object)}
          title={`Versions of ${target}`}
          data-testid="open-history"
        >
          History
        </button>
      )}
      {row.event_time && (
        <button type="button" className="secondary btn-sm" onClick={() => inv.openContext(row.event_id)} data-testid="open-context">
          Around this event
        </button>
      )}
    </div>
  );
}
