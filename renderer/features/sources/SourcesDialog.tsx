import { Fragment, useEffect, useState } from 'react';
import type { ApiError, BatchRow, SourceRow } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { copyText } from '../../app/clipboard.ts';
import { baseName, formatCount, formatTime } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { useScope } from '../../app/scope.tsx';
import { MappingEditor } from '../mapping/MappingEditor.tsx';
import { MappingRow } from './MappingRow.tsx';
import { RejectsDialog } from './RejectsDialog.tsx';

export interface SourcesDialogProps {
  open: boolean;
  /** Changes when the case's contents change, so the lists are read again. */
  generation: number;
  onClose(): void;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Where the events came from: every source, and every file imported, with its hash for the record. */
export function SourcesDialog({ open, generation, onClose }: SourcesDialogProps): React.JSX.Element {
  const { zone } = useScope();
  const [sources, setSources] = useState<SourceRow[] | null>(null);
  const [batches, setBatches] = useState<BatchRow[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [rejectsOf, setRejectsOf] = useState<BatchRow | null>(null);
  const [mappingOf, setMappingOf] = useState<number | null>(null);
  const [editing, setEditing] = useState<SourceRow | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void Promise.all([api.listSources(), api.listBatches()]).then(([s, b]) => {
      if (!live) return;
      setSources(s.ok ? s.value : []);
      setBatches(b.ok ? b.value : []);
      setError(!s.ok ? s.error : !b.ok ? b.error : null);
    });
    return () => {
      live = false;
    };
  }, [open, generation]);

  const label = new Map((sources ?? []).map((s) => [s.id, s.label]));

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Sources and imported files"
      testId="sources-dialog"
      className="sources-dialog"
    >
      {error && (
        <p className="import-error" role="alert">
          {error.message}
        </p>
      )}
      <section>
        <h3>Sources</h3>
        {sources && sources.length === 0 && <p className="muted">Nothing imported yet.</p>}
        {sources && sources.length > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Vendor</th>
                <th scope="col">Tenant</th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col">
                  <span className="visually-hidden">Mapping</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id} data-testid="source-row">
                  <td>{s.label}</td>
                  <td className="mono">{s.vendor}</td>
                  <td>{s.tenant ?? <span className="muted">—</span>}</td>
                  <td className="num">{formatCount(s.events)}</td>
                  <td className="source-actions">
                    <button
                      type="button"
                      className="secondary small"
                      data-testid="edit-mapping"
                      aria-label={`Edit the mapping of ${s.label}`}
                      onClick={() => setEditing(s)}
                    >
                      Edit mapping…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h3>Imported files</h3>
        {batches && batches.length > 0 && (
          <div className="table-scroll">
            <table className="data-table batches">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Source</th>
                  <th scope="col">Format</th>
                  <th scope="col" className="num">
                    Events
                  </th>
                  <th scope="col" className="num">
                    Dupl.
                  </th>
                  <th scope="col" className="num">
                    Rejects
                  </th>
                  <th scope="col">Zone</th>
                  <th scope="col">Imported</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <Fragment key={b.id}>
                    <tr data-testid="batch-row">
                      <td className="file" title={b.origin}>
                        <span className="file-name">{baseName(b.origin)}</span>
                        <span className="muted file-size">{formatBytes(b.bytes)}</span>
                      </td>
                      <td
                        className="mono"
                        title={`${label.get(b.source_id) ?? b.vendor}, mapping pack ${b.pack} v${b.pack_version}`}
                      >
                        {b.vendor}
                        <button
                          type="button"
                          className="chip-button mapping-toggle"
                          data-testid="batch-mapping-toggle"
                          aria-expanded={mappingOf === b.id}
                          aria-label={`What the mapping of ${baseName(b.origin)} read for each column, and why`}
                          onClick={() => setMappingOf(mappingOf === b.id ? null : b.id)}
                        >
                          mapping
                        </button>
                      </td>
                      <td className="mono">{b.format}</td>
                      <td className="num">{formatCount(b.events)}</td>
                      <td className="num">{formatCount(b.duplicates)}</td>
                      <td className="num">
                        {b.rejects > 0 ? (
                          <button
                            type="button"
                            className="link warn"
                            data-testid="batch-rejects"
                            onClick={() => setRejectsOf(b)}
                          >
                            {formatCount(b.rejects)}
                          </button>
                        ) : (
                          '0'
                        )}
                      </td>
                      <td>{b.assumed_tz}</td>
                      <td className="mono nowrap">{formatTime(b.started_at, zone).slice(0, 19)}</td>
                      <td className="sha">
                        <code title={b.sha256}>{b.sha256.slice(0, 12)}…</code>
                        <button
                          type="button"
                          className="chip-button"
                          data-testid="copy-sha"
                          aria-label={`Copy the SHA-256 of ${baseName(b.origin)}`}
                          onClick={() => void copyText(b.sha256, 'SHA-256')}
                        >
                          copy
                        </button>
                      </td>
                    </tr>
                    {mappingOf === b.id && <MappingRow mapping={b.mapping} span={9} pack={b.pack} />}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing && <MappingEditor sourceId={editing.id} onClose={() => setEditing(null)} />}
      {rejectsOf && (
        <RejectsDialog
          batchId={rejectsOf.id}
          file={rejectsOf.origin}
          total={rejectsOf.rejects}
          onClose={() => setRejectsOf(null)}
        />
      )}
    </Modal>
  );
}
