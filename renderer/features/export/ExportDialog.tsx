import { useEffect, useState } from 'react';
import type { EventQuery, ExportFormat, ExportSummary } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { copyText } from '../../app/clipboard.ts';
import { formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { useTags } from '../annotations/use-annotations.ts';
import { useExportProgress } from './use-export-progress.ts';
import './export.css';

const FORMATS: { id: ExportFormat; label: string; hint: string }[] = [
  { id: 'csv', label: 'CSV', hint: 'spreadsheets; one row per event' },
  { id: 'json', label: 'JSON', hint: 'one array' },
  { id: 'ndjson', label: 'NDJSON', hint: 'one event per line' },
  { id: 'parquet', label: 'Parquet', hint: 'typed, compact; DuckDB, pandas, Spark' },
  { id: 'timesketch', label: 'Timesketch JSONL', hint: 'message, datetime, timestamp_desc, tags' },
  { id: 'dataset', label: 'Parquet dataset', hint: 'a folder by vendor and day for Spark, Trino, ClickHouse, Athena, BigQuery' },
];

type Which = 'filtered' | 'bookmarked' | 'tagged';

/**
 * Export of the events on screen (the current filter and sort), or only the bookmarked or tagged
 * ones, to a new file next to the case unless another path is given. Secrets are masked unless the
 * investigator ticks "Keep secrets". Progress and cancel while it runs; the file's SHA-256 after.
 */
export function ExportDialog({ query, total, onClose }: { query: EventQuery; total: number | null; onClose(): void }): React.JSX.Element {
  const tags = useTags();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [which, setWhich] = useState<Which>('filtered');
  const [tag, setTag] = useState('');
  const [path, setPath] = useState('');
  const [pathTouched, setPathTouched] = useState(false);
  const [keepSecrets, setKeepSecrets] = useState(false);
  const [exportId, setExportId] = useState<string | null>(null);
  const [done, setDone] = useState<ExportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useExportProgress(exportId);
  const running = exportId !== null && done === null && error === null;

  useEffect(() => {
    if (pathTouched) return;
    void api.suggestExportPath({ format }).then((r) => r.ok && setPath(r.value));
  }, [format, pathTouched]);

  const start = async (): Promise<void> => {
    const id = `export-${Date.now().toString(36)}`;
    setExportId(id);
    setDone(null);
    setError(null);
    const { sort, filter, search, timeRange } = query;
    const r = await api.exportEvents({
      scope: { ...(filter ? { filter } : {}), ...(search ? { search } : {}), ...(timeRange ? { timeRange } : {}) },
      ...(which === 'bookmarked' ? { bookmarked: true } : {}),
      ...(which === 'tagged' && tag ? { tag } : {}),
      ...(sort ? { sort } : {}),
      format,
      path,
      keepSecrets,
      exportId: id,
    });
    if (r.ok) setDone(r.value);
    else setError(r.error.code === 'cancelled' ? 'Cancelled: nothing was written.' : r.error.message);
  };

  const count = which === 'filtered' && total !== null ? `${formatCount(total)} events` : which === 'bookmarked' ? 'the bookmarked events' : 'the tagged events';
  return (
    <Modal open onClose={() => !running && onClose()} title="Export events" testId="export-dialog" className="export-dialog">
      {done ? (
        <div className="export-done" data-testid="export-done">
          <p>
            <strong>{formatCount(done.rows)}</strong> events written{done.files ? ` in ${done.files.length} files` : ''} ({formatCount(done.bytes)} bytes).
          </p>
          <dl className="export-summary">
            <dt>File</dt>
            <dd className="mono" data-testid="export-path">{done.path}</dd>
            <dt>SHA-256</dt>
            <dd className="mono" data-testid="export-sha256">
              {done.sha256}{' '}
              <button type="button" className="link" onClick={() => void copyText(done.sha256, 'SHA-256')}>
                copy
              </button>
            </dd>
            <dt>Secrets</dt>
            <dd>{done.masked ? 'masked' : 'kept as recorded'}</dd>
          </dl>
          {done.skipped && <p className="muted">{formatCount(done.skipped.count)} events left out: {done.skipped.reason}.</p>}
          <p className="muted">Logged in the custody log with its SHA-256.</p>
          <div className="modal-actions">
            <button type="button" onClick={onClose} data-testid="export-close">
              Done
            </button>
          </div>
        </div>
      ) : (
        <>
          <fieldset className="field export-which" disabled={running}>
            <legend>Events</legend>
            <label>
              <input type="radio" name="which" checked={which === 'filtered'} onChange={() => setWhich('filtered')} data-testid="export-which-filtered" />
              The {total !== null ? formatCount(total) : ''} events of the current filter, in the table’s order
            </label>
            <label>
              <input type="radio" name="which" checked={which === 'bookmarked'} onChange={() => setWhich('bookmarked')} data-testid="export-which-bookmarked" />
              Only the bookmarked ones among them
            </label>
            <label>
              <input type="radio" name="which" checked={which === 'tagged'} onChange={() => setWhich('tagged')} disabled={tags.length === 0} />
              Only those tagged
              <select value={tag} onChange={(e) => setTag(e.target.value)} disabled={which !== 'tagged'} aria-label="Tag">
                <option value="">choose a tag</option>
                {tags.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <label className="field">
            <span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} disabled={running} data-testid="export-format">
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label} — {f.hint}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{format === 'dataset' ? 'New folder' : 'New file'} (never overwritten)</span>
            <input
              className="mono"
              value={path}
              onChange={(e) => {
                setPath(e.target.value);
                setPathTouched(true);
              }}
              disabled={running}
              data-testid="export-path-input"
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={keepSecrets} onChange={(e) => setKeepSecrets(e.target.checked)} disabled={running} data-testid="export-keep-secrets" />
            Keep secrets as recorded (tokens, passwords, keys are masked otherwise)
          </label>
          {keepSecrets && <p className="warn-text">The export will hold credentials from the evidence: handle it as evidence.</p>}
          <p className="muted">Every row names its source file or request, its SHA-256 and its locator.</p>
          {running && (
            <div className="export-progress" data-testid="export-progress">
              <progress max={100} value={progress?.percent ?? undefined} aria-label="Export progress" />
              <span className="muted">
                {progress?.phase ?? 'starting'}
                {progress?.percent != null ? ` · ${progress.percent}%` : ''}
                {progress?.rows ? ` · ${formatCount(progress.rows)} events` : ''}
              </span>
            </div>
          )}
          {error && (
            <p className="error-text" role="alert" data-testid="export-error">
              {error}
            </p>
          )}
          <div className="modal-actions">
            {running ? (
              <button type="button" className="secondary" onClick={() => exportId && void api.cancelExport(exportId)} data-testid="export-cancel">
                Cancel export
              </button>
            ) : (
              <>
                <button type="button" className="secondary" onClick={onClose}>
                  Close
                </button>
                <button type="button" onClick={() => void start()} disabled={path.trim() === '' || (which === 'tagged' && !tag)} data-testid="export-start">
                  Export {count}
                </button>
              </>
            )}
          </div>
        </>
      )}
    </Modal>
  );
}
