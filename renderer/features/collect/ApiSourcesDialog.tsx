import { useCallback, useEffect, useState } from 'react';
import type { ApiError, CollectorInfo, PullRow, SourceCoverage } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { CoverageBars } from './CoverageBars.tsx';
import { PullForm } from './PullForm.tsx';
import { PullProgressView } from './PullProgressView.tsx';
import { usePull } from './use-pull.ts';

export interface ApiSourcesDialogProps {
  open: boolean;
  generation: number;
  onClose(): void;
}

const resumable = (p: PullRow): boolean => p.status !== 'complete' && (p.status !== 'running' || p.interrupted);

function toneOf(status: PullRow['status']): 'ok' | 'warn' | 'bad' {
  return status === 'complete' ? 'ok' : status === 'failed' ? 'bad' : 'warn';
}

function statusText(p: PullRow): string {
  return p.status === 'running' && p.interrupted ? 'interrupted' : p.status;
}

/** Pulls from vendor APIs: what was pulled and its coverage, a new pull, progress, cancel and resume. */
export function ApiSourcesDialog({ open, generation, onClose }: ApiSourcesDialogProps): React.JSX.Element {
  const [collectors, setCollectors] = useState<CollectorInfo[] | null>(null);
  const [pulls, setPulls] = useState<PullRow[] | null>(null);
  const [coverage, setCoverage] = useState<SourceCoverage[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  const [resumeCredential, setResumeCredential] = useState<{ pull: PullRow; value: string } | null>(null);
  const [reads, setReads] = useState(0);
  const refresh = useCallback(() => setReads((n) => n + 1), []);
  const pull = usePull(refresh);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void Promise.all([api.collectors(), api.listPulls(), api.coverage()]).then(([c, p, v]) => {
      if (!live) return;
      setCollectors(c.ok ? c.value : []);
      setPulls(p.ok ? p.value : []);
      setCoverage(v.ok ? v.value : []);
      setError(!c.ok ? c.error : !p.ok ? p.error : !v.ok ? v.error : null);
    });
    return () => {
      live = false;
    };
  }, [open, generation, reads]);

  const labelOf = (id: string): string => collectors?.find((c) => c.id === id)?.label ?? id;
  const resume = (p: PullRow, credential?: string): void => {
    const info = collectors?.find((c) => c.id === p.vendor);
    if (!credential && info?.credentialFrom === null) {
      setResumeCredential({ pull: p, value: '' });
      return;
    }
    setResumeCredential(null);
    setAdding(false);
    void pull.resume(`${labelOf(p.vendor)} · resuming pull #${p.id}`, p.id, credential);
  };

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="API sources"
      testId="api-sources-dialog"
      className="api-sources-dialog"
      headerExtra={
        !adding && (
          <button type="button" data-testid="add-api-source" disabled={pull.running || !collectors} onClick={() => setAdding(true)}>
            Add API source…
          </button>
        )
      }
    >
      {error && (
        <p className="import-error" role="alert">
          {error.message}
        </p>
      )}
      {pull.run && <PullProgressView run={pull.run} onCancel={pull.cancel} />}
      {pull.run && !pull.running && (
        <div className="modal-actions pull-run-actions">
          <button type="button" className="secondary" data-testid="pull-dismiss" onClick={pull.dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {adding && collectors && (
        <section>
          <h3>Add API source</h3>
          <PullForm
            collectors={collectors}
            disabled={pull.running}
            onCancel={() => setAdding(false)}
            onSubmit={(req, title) => {
              setAdding(false);
              void pull.start(`${title} · ${req.from} → ${req.to ?? 'now'}`, req);
            }}
          />
        </section>
      )}
      {!adding && (
        <>
          <section>
            <h3>Coverage</h3>
            {coverage && <CoverageBars coverage={coverage} />}
          </section>
          <section>
            <h3>Pulls</h3>
            {pulls && pulls.length === 0 && <p className="muted">None yet. Add an API source to pull its audit log into this case.</p>}
            {pulls && pulls.length > 0 && (
              <div className="table-scroll">
                <table className="data-table pulls-table">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Source</th>
                      <th scope="col">Range (UTC)</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="num">
                        Pages
                      </th>
                      <th scope="col" className="num">
                        Events
                      </th>
                      <th scope="col" className="num">
                        Dupl.
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {pulls.map((p) => (
                      <tr key={p.id} data-testid="pull-row" data-status={statusText(p)}>
                        <td className="num">{p.id}</td>
                        <td title={p.baseUrl}>
                          <span className="pull-source">{labelOf(p.vendor)}</span>
                          <span className="mono muted pull-base">{p.baseUrl}</span>
                        </td>
                        <td className="mono nowrap">
                          {p.from.slice(0, 16).replace('T', ' ')} → {p.to.slice(0, 16).replace('T', ' ')}
                        </td>
                        <td>
                          <span className={`pull-badge ${toneOf(p.status)}`}>{statusText(p)}</span>
                          {p.message && <span className="pull-row-message">{p.message}</span>}
                        </td>
                        <td className="num">{formatCount(p.pages)}</td>
                        <td className="num">{formatCount(p.events)}</td>
                        <td className="num">{formatCount(p.duplicates)}</td>
                        <td>
                          {resumable(p) && (
                            <button
                              type="button"
                              className="secondary small"
                              data-testid="pull-resume"
                              disabled={pull.running}
                              aria-label={`Resume pull #${p.id}`}
                              onClick={() => resume(p)}
                            >
                              Resume
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {resumeCredential && (
              <form
                className="pull-resume-form"
                data-testid="pull-resume-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (resumeCredential.value.trim()) resume(resumeCredential.pull, resumeCredential.value.trim());
                }}
              >
                <label htmlFor="resume-credential">
                  {collectors?.find((c) => c.id === resumeCredential.pull.vendor)?.credentialName ?? 'Credential'} for pull #
                  {resumeCredential.pull.id}
                </label>
                <input
                  id="resume-credential"
                  className="pull-input mono"
                  type="password"
                  autoComplete="off"
                  data-testid="pull-resume-credential"
                  value={resumeCredential.value}
                  onChange={(e) => setResumeCredential({ ...resumeCredential, value: e.target.value })}
                />
                <button type="submit">Resume</button>
                <button type="button" className="secondary" onClick={() => setResumeCredential(null)}>
                  Cancel
                </button>
              </form>
            )}
          </section>
        </>
      )}
    </Modal>
  );
}
