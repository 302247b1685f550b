import { useEffect, useState, type KeyboardEvent } from 'react';
import { useScope } from '../../app/scope.tsx';
import { formatTimeInput, matchingPreset, parseTimeInput, presetRange, PRESETS } from './time-presets.ts';

export interface TimeRangePickerProps {
  /** The newest event of the case; presets end there. Null when the case has no timed events. */
  timeMax: string | null;
}

/**
 * The time range: presets relative to the end of the data, and from/to fields read and shown in
 * the display zone. The histogram's brush writes the same range, and the fields follow it.
 */
export function TimeRangePicker({ timeMax }: TimeRangePickerProps): React.JSX.Element {
  const { timeRange, setTimeRange, zone } = useScope();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Re-shown whenever the range is set elsewhere (preset, brush, clear) or the zone changes.
  useEffect(() => {
    setFrom(formatTimeInput(timeRange.from, zone));
    setTo(formatTimeInput(timeRange.to, zone));
    setError(null);
  }, [timeRange, zone]);

  const commit = (): void => {
    const f = parseTimeInput(from, zone);
    const t = parseTimeInput(to, zone);
    if (!f.ok || !t.ok) {
      setError(!f.ok ? f.message : !t.ok ? t.message : null);
      return;
    }
    if (f.iso && t.iso && f.iso >= t.iso) {
      setError('the range ends before it starts');
      return;
    }
    setError(null);
    if (f.iso !== timeRange.from || t.iso !== timeRange.to) setTimeRange({ ...(f.iso ? { from: f.iso } : {}), ...(t.iso ? { to: t.iso } : {}) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      setFrom(formatTimeInput(timeRange.from, zone));
      setTo(formatTimeInput(timeRange.to, zone));
      setError(null);
    }
  };

  const active = matchingPreset(timeRange, timeMax);
  const hasRange = Boolean(timeRange.from || timeRange.to);
  const zoneName = zone === 'UTC' ? 'UTC' : 'local';

  return (
    <div className="time-range" role="group" aria-label="Time range" data-testid="time-range">
      <span className="scope-label">Time</span>
      <div className="segmented" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className={active === p.id ? 'seg active' : 'seg'}
            aria-pressed={active === p.id}
            data-testid={`time-preset-${p.id}`}
            disabled={!timeMax}
            title={`${p.title}${timeMax ? `, ending at the newest event` : ''}`}
            onClick={() => timeMax && setTimeRange(presetRange(p.id, timeMax))}
          >
            {p.label}
          </button>
        ))}
      </div>
      <input
        className={error && !parseTimeInput(from, zone).ok ? 'time-input invalid' : 'time-input'}
        data-testid="time-from"
        aria-label={`From (${zoneName}, inclusive)`}
        placeholder={`from (${zoneName})`}
        spellCheck={false}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <span className="muted" aria-hidden="true">
        →
      </span>
      <input
        className={error && !parseTimeInput(to, zone).ok ? 'time-input invalid' : 'time-input'}
        data-testid="time-to"
        aria-label={`To (${zoneName}, exclusive)`}
        placeholder={`to (${zoneName})`}
        spellCheck={false}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {hasRange && (
        <button type="button" className="icon" data-testid="time-clear" title="Clear the time range" aria-label="Clear the time range" onClick={() => setTimeRange({})}>
          ×
        </button>
      )}
      {error && (
        <span className="time-error" role="alert" data-testid="time-error">
          {error}
        </span>
      )}
    </div>
  );
}
