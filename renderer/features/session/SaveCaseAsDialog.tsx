import { useState } from 'react';
import { api } from '../../api.ts';
import { Modal } from '../../app/Modal.tsx';
import { flushWorkingState } from './use-workspace.ts';

/** "Save case as…": copies the open case (events, annotations, views, working state, custody log) to a new file and opens the copy. */
export function SaveCaseAsDialog({ casePath, onClose }: { casePath: string; onClose(): void }): React.JSX.Element {
  const [path, setPath] = useState(casePath.replace(/(\.duckdb)?$/i, '-copy.duckdb'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    // The last changes to the working state go into the copy too.
    await flushWorkingState();
    const r = await api.saveCaseAs(path);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  };
  return (
    <Modal open onClose={() => !busy && onClose()} title="Save case as" testId="save-as-dialog" className="export-dialog">
      <p className="muted">A copy of everything in this case (events, annotations, saved views, the working state and the custody log) in a new file, which then opens. The current file stays as it is.</p>
      <label className="field">
        <span>New case file</span>
        <input className="mono" value={path} onChange={(e) => setPath(e.target.value)} autoFocus data-testid="save-as-path" />
      </label>
      {error && (
        <p className="error-text" role="alert" data-testid="save-as-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" onClick={() => void save()} disabled={busy || path.trim() === ''} data-testid="save-as-confirm">
          {busy ? 'Copying…' : 'Save copy and open it'}
        </button>
      </div>
    </Modal>
  );
}
