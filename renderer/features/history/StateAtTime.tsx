import { useMemo, useState } from 'react';
import { formatTime, zoneLabel, type DisplayZone } from '../../app/format.ts';
import { LongText } from '../detail/LongText.tsx';
import { formatTimeInput, parseTimeInput } from '../filters/time-presets.ts';
import { stableStringify } from '../diff/stable-json.ts';
import { stateAt, versionLabel, type VersionItem } from './history-model.ts';

export interface StateAtTimeProps {
  items: readonly VersionItem[];
  zone: DisplayZone;
  /** Compare the state found with the latest version. */
  onCompare(item: VersionItem): void;
  onPick(item: VersionItem): void;
}

/**
 * "State at time T": every field's value as the last version at or before T left it. The time is
 * typed in the display zone, like the filter bar's time range.
 */
export function StateAtTime({ items, zone, onCompare, onPick }: StateAtTimeProps): React.JSX.Element {
  const latest = [...items].reverse().find((i) => i.at !== null);
  const [text, setText] = useState(() => formatTimeInput(latest?.at ?? undefined, zone));
  const parsed = parseTimeInput(text, zone);
  const iso = parsed.ok ? parsed.iso : undefined;
  const found = useMemo(() => (iso ? stateAt(items, iso) : null), [items, iso]);
  const fields = found ? Object.keys(found.state).sort() : [];

  return (
    <div className="hist-state" data-testid="state-at-time">
      <h3>State at a time</h3>
      <label className="hist-time">
        <span className="muted">{zoneLabel(zone)}</span>
        <input
          className={parsed.ok ? 'time-input' : 'time-input invalid'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="YYYY-MM-DD HH:MM:SS"
          spellCheck={false}
          data-testid="state-time-input"
        />
      </label>
      {!parsed.ok && <p className="time-error">{parsed.message}</p>}
      {parsed.ok && iso && !found && <p className="muted">Nothing is known about this object before its first recorded change.</p>}
      {found && (
        <>
          <p className="hist-state-from" data-testid="state-version">
            As left by <strong>{versionLabel(found, zone)}</strong>
            {found.deleted && <span className="badge deleted-badge">deleted</span>}
            {found.action && <span className="muted"> ({found.action})</span>}
          </p>
          <div className="hist-state-actions">
            <button type="button" className="secondary btn-sm" onClick={() => onPick(found)}>
              Pick for comparison
            </button>
            {latest && latest.key !== found.key && (
              <button type="button" className="secondary btn-sm" onClick={() => onCompare(found)} data-testid="state-compare-latest">
                Compare with latest
              </button>
            )}
          </div>
          <dl className="hist-fields">
            {fields.length === 0 && <p className="muted">No field values are known at this time.</p>}
            {fields.map((f) => {
              const v = found.state[f];
              return (
                <div key={f} className="hist-field" data-testid="state-field">
                  <dt>
                    {f}
                    {found.backfilled.includes(f) && <span className="muted"> · from a later change's old value</span>}
                  </dt>
                  <dd>
                    <div className="hist-value">
                      <LongText text={typeof v === 'string' ? v : stableStringify(v)} limit={4000} />
                    </div>
                  </dd>
                </div>
              );
            })}
          </dl>
          {found.at && <p className="muted small-print">Version time {formatTime(found.at, zone)}</p>}
        </>
      )}
    </div>
  );
}
