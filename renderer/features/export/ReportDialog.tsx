import { useEffect, useState } from 'react';
import type { ReportSummary } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { copyText } from '../../app/clipboard.ts';
import { formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { useTags } from '../annotations/use-annotations.ts';
import './export.css';

/** The HTML report of the bookmarked (or tagged) events: one self-contained file that prints on A4. */
export function ReportDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const tags = useTags();
  const [path, setPath] = useState('');
  const [title, setTitle] = useState('');
  const [tag, setTag] = useState('');
  const [keepSecrets, setKeepSecrets] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.suggestExportPath({ format: 'report' }).then((r) => r.ok && setPath(r.value));
  }, []);
  const write = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await api.writeReport({ path, ...(title.trim() ? { title } : {}), ...(tag ? { tag } : {}), keepSecrets });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error.message);
  };
  return (
    <Modal open onClose={() => !busy && onClose()} title="Report" testId="report-dialog" className="export-dialog">
      {done ? (
        <div className="export-done" data-testid="report-done">
          <p>
            Report of <strong>{formatCount(done.events)}</strong> events written ({formatCount(done.bytes)} bytes).
          </p>
          <dl className="export-summary">
            <dt>File</dt>
            <dd className="mono" data-testid="report-path">{done.path}</dd>
            <dt>SHA-256</dt>
            <dd className="mono">
              {done.sha256}{' '}
              <button type="button" className="link" onClick={() => void copyText(done.sha256, 'SHA-256')}>
                copy
              </button>
            </dd>
          </dl>
          <p className="muted">Open it in a browser; it prints on A4. Logged in the custody log.</p>
          <div className="modal-actions">
            <button type="button" onClick={onClose} data-testid="report-close">
              Done
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="muted">The bookmarked events with their notes, tags and changes, a timeline figure, the sources with their hashes and the custody log.</p>
          <label className="field">
            <span>Title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="the case file’s name" maxLength={200} data-testid="report-title" />
          </label>
          {tags.length > 0 && (
            <label className="field">
              <span>Events</span>
              <select value={tag} onChange={(e) => setTag(e.target.value)} data-testid="report-tag">
                <option value="">the bookmarked events</option>
                {tags.map((t) => (
                  <option key={t.name} value={t.name}>
                    events tagged {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>New file (never overwritten)</span>
            <input className="mono" value={path} onChange={(e) => setPath(e.target.value)} data-testid="report-path-input" />
          </label>
          <label className="check">
            <input type="checkbox" checked={keepSecrets} onChange={(e) => setKeepSecrets(e.target.checked)} />
            Keep secrets as recorded (masked otherwise)
          </label>
          {error && (
            <p className="error-text" role="alert" data-testid="report-error">
              {error}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" className="secondary" onClick={onClose} disabled={busy}>
              Close
            </button>
            <button type="button" onClick={() => void write()} disabled={busy || path.trim() === ''} data-testid="report-write">
              {busy ? 'Writing…' : 'Write report'}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
