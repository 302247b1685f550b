import type { PullProgress, PullSummary } from '../../../preload/api.ts';
import { formatCount } from '../../app/format.ts';
import type { PullRun } from './use-pull.ts';

const PHASES: Record<PullProgress['phase'], string> = {
  authenticating: 'Authenticating',
  fetching: 'Fetching pages',
  waiting: 'Waiting',
  committing: 'Saving pages to the case',
  done: 'Finishing',
};

const STATUS: Record<PullSummary['status'], string> = {
  running: 'Running',
  complete: 'Complete: the whole range was pulled',
  incomplete: 'Incomplete: part of the range could not be pulled',
  cancelled: 'Cancelled: resume it to pull the rest',
  stopped: 'Stopped at the request budget: resume it to pull the rest',
  failed: 'Failed',
};

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }): React.JSX.Element {
  return (
    <div className="pull-stat" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** A running or finished pull: counts, the current window, retries and waits with their reason. */
export function PullProgressView({ run, onCancel }: { run: PullRun; onCancel(): void }): React.JSX.Element {
  const p = run.progress;
  const s = run.summary;
  const done = Boolean(s || run.error);
  const state = run.error ? 'error' : s ? s.status : 'running';
  return (
    <section className="pull-run" data-testid="pull-run" data-state={state} aria-live="polite">
      <header className="pull-run-head">
        <h3>{run.title}</h3>
        {!done && (
          <button type="button" className="secondary" data-testid="pull-cancel" disabled={run.cancelRequested} onClick={onCancel}>
            {run.cancelRequested ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </header>
      {!done && (
        <p className="pull-phase" data-testid="pull-phase">
          {p ? PHASES[p.phase] : 'Starting…'}
          {p?.window && p.window.count > 1 && (
            <span className="muted">
              {' '}
              · window {p.window.index + 1} of {p.window.count}
            </span>
          )}
          {p?.window && (
            <span className="mono muted">
              {' '}
              {p.window.from.slice(0, 19).replace('T', ' ')} → {p.window.to.slice(0, 19).replace('T', ' ')} UTC
            </span>
          )}
        </p>
      )}
      {s && (
        <p className={`pull-status ${s.status === 'complete' ? 'ok' : s.status === 'failed' ? 'bad' : 'warn'}`} data-testid="pull-status">
          {STATUS[s.status]}
        </p>
      )}
      {run.error && (
        <p className="pull-error" role="alert" data-testid="pull-error">
          {run.error.message}
        </p>
      )}
      {s?.message && (
        <p className="pull-error" role="alert" data-testid="pull-message">
          {s.message}
        </p>
      )}
      {(p || s) && (
        <dl className="pull-stats">
          <Stat label="Pages fetched" value={formatCount(s?.pages ?? p?.pages ?? 0)} testId="pull-pages" />
          <Stat label="New events saved" value={formatCount(s?.events ?? p?.events ?? 0)} testId="pull-events" />
          <Stat label="Duplicates" value={formatCount(s?.duplicates ?? p?.duplicates ?? 0)} />
          <Stat label="Requests" value={formatCount(s?.requests ?? p?.requests ?? 0)} />
          {!s && p && <Stat label="Rate" value={`${formatCount(Math.round(p.eventsPerSecond))} events/s`} testId="pull-rate" />}
          <Stat label="Retries" value={formatCount(s?.retries ?? p?.retries ?? 0)} testId="pull-retries" />
          <Stat label="Waits" value={formatCount(s?.waits ?? p?.waits ?? 0)} testId="pull-waits" />
        </dl>
      )}
      {p?.last && (
        <p className="pull-last" data-testid="pull-last">
          Last {p.last.type === 'wait' ? 'wait' : 'retry'}: {p.last.reason}
          {p.last.waitMs > 0 && <span className="muted"> ({seconds(p.last.waitMs)})</span>}
        </p>
      )}
      {s && s.windows.length > 1 && (
        <ul className="pull-windows" aria-label="Windows">
          {s.windows.map((w) => (
            <li key={w.from} data-state={w.state}>
              <span className="mono">
                {w.from.slice(0, 10)} → {w.to.slice(0, 10)}
              </span>{' '}
              <span className={w.state === 'done' ? 'ok' : 'warn'}>{w.state}</span>
              {w.reason && <span className="muted"> — {w.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
