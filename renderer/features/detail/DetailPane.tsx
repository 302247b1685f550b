import { useMemo } from 'react';
import type { EventRow } from '../../../preload/api.ts';
import { formatUtc, formatValue } from '../../app/format.ts';
import { prettyJson } from './pretty-json.ts';

export interface DetailPaneProps {
  row: EventRow | undefined;
  onClose(): void;
}

/** Rendering megabytes of raw text would stall the page; the full record stays in the case. */
const RAW_DISPLAY_LIMIT = 200_000;

const FIELDS: { label: string; value(r: EventRow): string | null }[] = [
  { label: 'Time (UTC)', value: (r) => (r.event_time ? formatUtc(r.event_time) : null) },
  { label: 'Time as logged', value: (r) => r.time_raw },
  { label: 'Assumed zone', value: (r) => r.time_assumed_tz },
  { label: 'Source', value: (r) => r.vendor },
  { label: 'Tenant', value: (r) => r.tenant },
  { label: 'Actor', value: (r) => r.actor },
  { label: 'Actor ID', value: (r) => r.actor_id },
  { label: 'Actor type', value: (r) => r.actor_type },
  { label: 'Source IP', value: (r) => r.src_ip },
  { label: 'User agent', value: (r) => r.user_agent },
  { label: 'Action', value: (r) => r.action },
  { label: 'Action class', value: (r) => r.action_class },
  { label: 'Service', value: (r) => r.service },
  { label: 'Target type', value: (r) => r.target_type },
  { label: 'Target ID', value: (r) => r.target_id },
  { label: 'Target name', value: (r) => r.target_name },
  { label: 'Outcome', value: (r) => r.outcome },
  { label: 'Outcome as logged', value: (r) => r.outcome_raw },
  { label: 'Description', value: (r) => r.description },
  { label: 'Event ID', value: (r) => r.event_id },
  { label: 'Locator', value: (r) => r.locator },
  { label: 'Batch', value: (r) => String(r.batch_id) },
];

/** One event in full. Every value is rendered as text by React; nothing here is parsed as HTML. */
export function DetailPane({ row, onClose }: DetailPaneProps): React.JSX.Element {
  const raw = useMemo(() => {
    if (!row) return '';
    const text = row.raw.length > RAW_DISPLAY_LIMIT ? null : prettyJson(row.raw);
    const shown = text ?? row.raw;
    return shown.length > RAW_DISPLAY_LIMIT
      ? `${shown.slice(0, RAW_DISPLAY_LIMIT)}\n… (${shown.length - RAW_DISPLAY_LIMIT} more characters)`
      : shown;
  }, [row]);

  return (
    <aside className="detail" data-testid="detail-pane" aria-label="Event detail">
      <header className="detail-head">
        <h2>{row ? (row.action ?? 'Event') : 'Loading…'}</h2>
        <button type="button" className="icon" onClick={onClose} aria-label="Close detail" title="Close (Esc)">
          ×
        </button>
      </header>
      {row && (
        <div className="detail-body">
          <section>
            <h3>Fields</h3>
            <dl className="fields">
              {FIELDS.map((f) => {
                const value = f.value(row);
                return (
                  <div key={f.label} className={value === null || value === '' ? 'field empty' : 'field'}>
                    <dt>{f.label}</dt>
                    <dd className={f.label === 'Outcome' ? `outcome outcome-${row.outcome ?? 'unknown'}` : undefined}>
                      {value === null || value === '' ? '—' : value}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
          <section>
            <h3>Changes{row.changes && row.changes.length > 0 ? ` (${row.changes.length})` : ''}</h3>
            {row.changes && row.changes.length > 0 ? (
              <table className="changes">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Old</th>
                    <th scope="col">New</th>
                  </tr>
                </thead>
                <tbody>
                  {row.changes.map((c, i) => (
                    <tr key={`${c.field}-${i}`}>
                      <td className="mono">{c.field}</td>
                      <td className="old">{formatValue(c.old)}</td>
                      <td className="new">{formatValue(c.new)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No changes recorded for this event.</p>
            )}
          </section>
          <section>
            <h3>Raw record</h3>
            <pre className="raw">{raw}</pre>
          </section>
        </div>
      )}
    </aside>
  );
}
