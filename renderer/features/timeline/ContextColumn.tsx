import { useEffect, useRef } from 'react';
import type { EventRow } from '../../../preload/api.ts';
import { visibleText } from '../../app/visible-text.ts';

export interface ContextColumnProps {
  title: string;
  /** The shared value (actor, IP or target id); null when the event has none. */
  value: string | null;
  /** What to print for the value, when not the value itself (a target's name). */
  shown?: string | null;
  rows: readonly EventRow[] | null;
  /** The event's time, epoch ms: rows show their offset from it. */
  at: number | null;
  eventId: string;
  /** The row's other facts, printed after the action. */
  detail(r: EventRow): (string | null)[];
  selectedId: string | null;
  onSelect(r: EventRow): void;
  onTimeline(value: string): void;
  testId: string;
}

/** `−4m 10s`, `+0s`, `+1h 02m`: where a row sits relative to the event. */
export function offsetLabel(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${sign}${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** One of the three "around this event" columns: the rows sharing one value with the event. */
export function ContextColumn(props: ContextColumnProps): React.JSX.Element {
  const { title, value, shown, rows, at, eventId, detail, selectedId, onSelect, onTimeline, testId } = props;
  const list = useRef<HTMLOListElement>(null);
  // With a wide window the event itself may sit far down the column: centre it on each answer.
  useEffect(() => {
    const ol = list.current;
    const self = ol?.querySelector<HTMLElement>('.ctx-row.self');
    if (!ol || !self) return;
    const at = self.getBoundingClientRect().top - ol.getBoundingClientRect().top;
    ol.scrollTop += at - ol.clientHeight / 2 + self.clientHeight / 2;
  }, [rows]);
  return (
    <div className="ctx-col" data-testid={testId}>
      <div className="ctx-col-head">
        <span className="ctx-col-title">{title}</span>
        <span className="ctx-col-value" title={value ?? undefined}>
          {value === null ? '—' : (shown ?? value)}
        </span>
        {rows && <span className="muted">{rows.length}</span>}
        {value !== null && (
          <button type="button" className="secondary btn-sm" onClick={() => onTimeline(value)} title={`Timeline of ${value}`}>
            Timeline
          </button>
        )}
      </div>
      {value === null ? (
        <p className="ctx-empty muted">This event has no {title.replace('Same ', '')}.</p>
      ) : rows === null ? (
        <p className="ctx-empty muted">Loading…</p>
      ) : (
        <ol className="ctx-rows" ref={list}>
          {rows.map((r) => {
            const t = r.event_time ? Date.parse(r.event_time) : null;
            const self = r.event_id === eventId;
            const cls = ['ctx-row', self ? 'self' : '', r.event_id === selectedId ? 'selected' : ''].filter(Boolean).join(' ');
            return (
              <li key={r.event_id} className={cls} data-testid="context-row" onClick={() => onSelect(r)}>
                <span className="ctx-offset mono">{t !== null && at !== null ? (self ? 'this' : offsetLabel(t - at)) : ''}</span>
                <span className="ctx-vendor">{r.vendor}</span>
                <span className="ctx-what" title={[r.action, ...detail(r)].filter(Boolean).join(' · ')}>
                  <strong>{r.action && visibleText(r.action)}</strong>
                  {detail(r)
                    .filter((d): d is string => Boolean(d))
                    .map((d, i) => (
                      <span key={i} className="ctx-detail">
                        {' · '}
                        {d}
                      </span>
                    ))}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
