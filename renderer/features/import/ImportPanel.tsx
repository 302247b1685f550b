import { useState } from 'react';
import type { ImportFileResult } from '../../../preload/api.ts';
import { baseName, formatCount } from '../../app/format.ts';
import { RejectsDialog } from '../sources/RejectsDialog.tsx';
import {
  bytesPerSecond,
  formatDuration,
  formatRate,
  fraction,
  idConflictText,
  isRunning,
  PHASE_LABEL,
  secondsLeft,
  summaryTotals,
  type FileProgress,
  type ImportSession,
  type UploadRow,
} from './import-model.ts';

export interface ImportPanelProps {
  session: ImportSession;
  onCancel(): void;
  /** Hides the panel; a running import carries on (the status bar still shows it). */
  onClose(): void;
}

function Bar({ value, tone }: { value: number; tone?: 'done' | 'failed' }): React.JSX.Element {
  return (
    <div
      className={`progress ${tone ?? ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value * 100)}
    >
      <div className="progress-fill" style={{ width: `${(value * 100).toFixed(1)}%` }} />
    </div>
  );
}

function UploadLine({ u }: { u: UploadRow }): React.JSX.Element {
  const state =
    u.state === 'failed'
      ? 'Upload failed'
      : u.state === 'done'
        ? 'Uploaded'
        : u.state === 'uploading'
          ? 'Uploading'
          : 'Waiting';
  return (
    <li className="import-file" data-testid="upload-row">
      <div className="import-file-head">
        <span className="import-file-name">{u.name}</span>
        <span className="muted">{state}</span>
      </div>
      <Bar
        value={fraction(u.loaded, u.bytes)}
        tone={u.state === 'failed' ? 'failed' : u.state === 'done' ? 'done' : undefined}
      />
      {u.error && <p className="import-error">{u.error}</p>}
    </li>
  );
}

/**
 * The engine counts a file's events when it commits, so while it reads, the speed is shown in
 * bytes (events per second once it is known) and the time left comes from the byte rate.
 */
function rateText(f: FileProgress): string {
  if (f.phase === 'done') return `${formatCount(f.events)} events · ${formatCount(f.eventsPerSecond)} events/s`;
  const speed = f.eventsPerSecond > 0 ? `${formatCount(f.eventsPerSecond)} events/s` : null;
  const bytes = bytesPerSecond(f);
  const rate = speed ?? (bytes === null ? 'measuring speed…' : formatRate(bytes));
  // While the engine commits, the bytes are all read and its progress stands still; a time
  // estimate from the byte rate would be a guess presented as a fact.
  if (f.phase === 'committing') return `${rate} · writing the events into the case…`;
  const left = secondsLeft(f);
  if (left === null) return `${rate} · estimating time left`;
  return `${rate} · ${left < 1 ? 'under a second left' : `about ${formatDuration(left)} left`}`;
}

function FileLine({ f, stopped }: { f: FileProgress; stopped: boolean }): React.JSX.Element {
  const done = f.phase === 'done';
  return (
    <li className="import-file" data-testid="import-file-row" data-phase={f.phase}>
      <div className="import-file-head">
        <span className="import-file-name">{f.file}</span>
        <span className="muted">{!done && stopped ? 'Not imported' : PHASE_LABEL[f.phase]}</span>
      </div>
      <Bar
        value={done ? 1 : fraction(f.bytesDone, f.bytesTotal)}
        tone={done ? 'done' : stopped ? 'failed' : undefined}
      />
      <div className="import-rate muted" data-testid="import-rate">
        {!done && stopped ? 'Stopped; nothing of this file is in the case' : rateText(f)}
      </div>
    </li>
  );
}

function ResultRow({ b, onRejects }: { b: ImportFileResult; onRejects(b: ImportFileResult): void }): React.JSX.Element {
  if (b.error) {
    return (
      <tr className="refused" data-testid="import-result">
        <td className="file" title={b.file}>
          {baseName(b.file)}
        </td>
        <td colSpan={5} className="import-error">
          Not imported: {b.error.message}
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="import-result">
      <td className="file" title={b.file}>
        {baseName(b.file)}
      </td>
      <td>{b.vendor}</td>
      <td className="mono">{b.format}</td>
      <td className="num">{formatCount(b.events)}</td>
      <td className="num">{formatCount(b.duplicates)}</td>
      <td className="num">
        {b.rejects > 0 && b.batchId !== null ? (
          <button type="button" className="link warn" data-testid="open-rejects" onClick={() => onRejects(b)}>
            {formatCount(b.rejects)} · view
          </button>
        ) : (
          formatCount(b.rejects)
        )}
      </td>
    </tr>
  );
}

/**
 * The import in progress and, once done, what came of it, with the rejects one click away. A panel
 * docked in the corner rather than a modal: the investigator keeps working while files load.
 */
export function ImportPanel({ session, onCancel, onClose }: ImportPanelProps): React.JSX.Element {
  const [rejectsOf, setRejectsOf] = useState<ImportFileResult | null>(null);
  const running = isRunning(session);
  const s = session.summary;
  const totals = s ? summaryTotals(s) : null;
  const title = running
    ? 'Importing…'
    : session.phase === 'cancelled'
      ? 'Import cancelled'
      : session.phase === 'failed'
        ? 'Import failed'
        : 'Import finished';

  return (
    <section
      className="import-panel"
      role="region"
      aria-label={title}
      data-testid="import-panel"
      data-own-keys=""
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || rejectsOf) return;
        e.stopPropagation();
        onClose();
      }}
    >
      <header className="import-panel-head">
        <h2>{title}</h2>
        <button
          type="button"
          className="icon"
          aria-label={running ? 'Hide (the import continues)' : 'Close'}
          title={running ? 'Hide (the import continues)' : 'Close'}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="import-panel-body">
        {session.uploads.length > 0 && session.phase === 'uploading' && (
          <ul className="import-files">
            {session.uploads.map((u, i) => (
              <UploadLine key={`${i}:${u.name}`} u={u} />
            ))}
          </ul>
        )}
        {session.files.length > 0 && (
          <ul className="import-files">
            {session.files.map((f) => (
              <FileLine key={f.fileIndex} f={f} stopped={!running} />
            ))}
          </ul>
        )}
        {running && session.files.length === 0 && session.phase === 'importing' && <p className="muted">Starting…</p>}
        {session.error && session.phase !== 'done' && (
          <p className="import-error" role="alert" data-testid="import-failure">
            {session.error.message}
          </p>
        )}
        {s && totals && (
          <div className="import-summary" data-testid="import-summary">
            <p>
              <strong>{formatCount(s.eventsTotal)}</strong> {s.eventsTotal === 1 ? 'event' : 'events'} added from{' '}
              {s.batches.length} {s.batches.length === 1 ? 'file' : 'files'}
              {totals.duplicates > 0 && ` · ${formatCount(totals.duplicates)} already in the case`}
              {totals.rejects > 0 && ` · ${formatCount(totals.rejects)} rejected`}
              {totals.refused > 0 && ` · ${totals.refused} refused`}
              {s.cancelled && ' · cancelled: the file being read and any after it were not imported'}
            </p>
            {totals.idConflicts > 0 && (
              <p className="warn" data-testid="import-id-conflicts">
                {idConflictText(totals.idConflicts)} (column <code>id_conflict</code>).
              </p>
            )}
            {s.batches.length > 0 && (
              <table className="summary-table">
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Detected as</th>
                    <th scope="col">Format</th>
                    <th scope="col" className="num">
                      Events
                    </th>
                    <th scope="col" className="num">
                      Duplicates
                    </th>
                    <th scope="col" className="num">
                      Rejects
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.batches.map((b, i) => (
                    <ResultRow key={`${i}:${b.file}`} b={b} onRejects={setRejectsOf} />
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
        <div className="modal-actions">
          {running ? (
            <button
              type="button"
              className="secondary"
              data-testid="import-cancel"
              disabled={session.cancelRequested}
              onClick={onCancel}
            >
              {session.cancelRequested ? 'Cancelling…' : 'Cancel import'}
            </button>
          ) : (
            <button type="button" data-testid="import-close" onClick={onClose}>
              Close
            </button>
          )}
        </div>
        {rejectsOf && rejectsOf.batchId !== null && (
          <RejectsDialog
            batchId={rejectsOf.batchId}
            file={rejectsOf.file}
            total={rejectsOf.rejects}
            onClose={() => setRejectsOf(null)}
          />
        )}
      </div>
    </section>
  );
}
