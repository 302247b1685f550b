import { useCallback, useEffect, useState } from 'react';
import type { ApiError, RejectRow } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { baseName, formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { LongText } from '../detail/LongText.tsx';

export interface RejectsDialogProps {
  batchId: number;
  file: string;
  /** The batch's reject count, for "showing n of N". */
  total: number;
  onClose(): void;
}

const PAGE = 200;

/** The records of one file that could not be read: where, why, and what the line looked like. */
export function RejectsDialog({ batchId, file, total, onClose }: RejectsDialogProps): React.JSX.Element {
  const [rows, setRows] = useState<RejectRow[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [exhausted, setExhausted] = useState(false);

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      const r = await api.listRejects({ batchId, offset, limit: PAGE });
      setLoading(false);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setRows((prev) => (offset === 0 ? r.value : [...prev, ...r.value]));
      setExhausted(r.value.length < PAGE);
    },
    [batchId],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  return (
    <Modal
      open
      onClose={onClose}
      title={`Rejected records — ${baseName(file)}`}
      testId="rejects-dialog"
      className="rejects-dialog"
    >
      <p className="muted">
        {formatCount(total)} {total === 1 ? 'record' : 'records'} of this file could not be read. Everything else in the
        file was imported. The excerpt is the start of the record as it appears in the file.
      </p>
      {error && (
        <p className="import-error" role="alert">
          {error.message}
        </p>
      )}
      <table className="rejects-table">
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Why</th>
            <th scope="col">Excerpt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="reject-row">
              <td className="mono where">{r.locator}</td>
              <td className="why">{r.reason}</td>
              <td className="excerpt mono">
                <LongText text={r.excerpt} limit={400} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && !loading && !error && <p className="muted">No rejected records are kept for this file.</p>}
      {total > rows.length && rows.length > 0 && exhausted && (
        <p className="muted">Details are kept for the first {formatCount(rows.length)}; the rest are counted only.</p>
      )}
      {!exhausted && rows.length > 0 && (
        <div className="modal-actions">
          <button type="button" className="secondary" disabled={loading} onClick={() => void load(rows.length)}>
            {loading ? 'Loading…' : 'Show more'}
          </button>
        </div>
      )}
    </Modal>
  );
}
