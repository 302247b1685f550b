import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError, CaseInfo, Result } from '../../preload/api.ts';
import { api, isDesktop } from '../api.ts';
import { baseName } from './format.ts';

/** Errors from opening a case, said the way an investigator needs to hear them. */
export function describeOpenError(error: ApiError): { title: string; detail: string } {
  switch (error.code) {
    case 'not-a-case':
      return { title: 'That file is not an AuditLens case', detail: error.message };
    case 'newer-schema':
      return {
        title: 'That case was made by a newer AuditLens',
        detail: `${error.message} This version leaves the file untouched.`,
      };
    case 'not-found':
      return { title: 'No such file', detail: error.message };
    case 'busy':
      return { title: 'An import is still running', detail: error.message };
    case 'locked':
      return { title: 'That case is open in another program', detail: error.message };
    case 'is-export':
      return { title: 'That file is an export, not a case', detail: error.message };
    case 'read-only':
      return { title: 'That case cannot be opened read-only', detail: error.message };
    default:
      return { title: 'The case could not be opened', detail: error.message };
  }
}

/** Where a new case for an export opened by mistake goes by default: beside it, named after it. */
export function caseForExport(file: string): string {
  const name = baseName(file);
  const stem = name.replace(/(\.[A-Za-z0-9]+)?(\.gz)?$/i, '') || name;
  const dir = file.slice(0, file.length - name.length);
  return `${dir}${stem}.duckdb` === file ? `${dir}${stem}-case.duckdb` : `${dir}${stem}.duckdb`;
}

/** A new case typed without an extension still becomes a `.duckdb` file anyone can recognise. */
function withExtension(path: string): string {
  return /\.[A-Za-z0-9]+$/.test(baseName(path)) ? path : `${path}.duckdb`;
}

export interface StartScreenProps {
  /** Why the previous case could not be read, if that is how we got here. */
  error?: ApiError | null;
}

/**
 * What the viewer shows with no case open: recent cases, a new or existing case by path, and the
 * demo. Opening succeeds through the host's case-changed event, which swaps this screen out.
 */
export function StartScreen({ error: initialError = null }: StartScreenProps): React.JSX.Element {
  const [recent, setRecent] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(initialError);
  const [newPath, setNewPath] = useState('');
  const [openPath, setOpenPath] = useState('');
  /** An export opened as a case: imported into the new case once it is created. */
  const [pendingImport, setPendingImport] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.recentCases().then((r) => {
      if (live) setRecent(r.ok ? r.value : []);
    });
    return () => {
      live = false;
    };
  }, []);

  const run = async (what: string, call: () => Promise<Result<CaseInfo>>): Promise<void> => {
    setBusy(what);
    setError(null);
    const result = await call();
    setBusy(null);
    if (!result.ok) setError(result.error);
  };

  const submitNew = (e: FormEvent): void => {
    e.preventDefault();
    const path = newPath.trim();
    const importing = pendingImport;
    if (!path) return;
    void run('new', async () => {
      const created = await api.createCase(withExtension(path));
      // The import reports through the import panel, which stays mounted when this screen goes.
      if (created.ok && importing) void api.importFiles({ paths: [importing] });
      return created;
    });
  };
  const submitOpen = (e: FormEvent): void => {
    e.preventDefault();
    const path = openPath.trim();
    if (path) void run('open', () => api.openCase(path));
  };

  const shown = error ? describeOpenError(error) : null;

  return (
    <div className="start-screen" data-testid="start-screen">
      <div className="start-card">
        <header className="start-head">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <div>
            <h1>AuditLens</h1>
            <p className="muted">Open a case to browse its audit events. Nothing leaves this machine.</p>
          </div>
        </header>

        {shown && (
          <div className="start-error" role="alert" data-testid="start-error">
            <strong>{shown.title}</strong>
            <span>{shown.detail}</span>
            {error?.code === 'is-export' && error.file && (
              <button
                type="button"
                className="start-error-action"
                data-testid="import-export-into-new-case"
                onClick={() => {
                  const file = error.file as string;
                  setPendingImport(file);
                  setNewPath(caseForExport(file));
                  document.querySelector<HTMLInputElement>('[data-testid="new-case-path"]')?.focus();
                }}
              >
                Import it into a new case…
              </button>
            )}
          </div>
        )}

        <section className="start-section">
          <h2>Recent cases</h2>
          {recent === null ? (
            <p className="muted">Loading…</p>
          ) : recent.length === 0 ? (
            <p className="muted">None yet. Cases you open appear here.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((path) => (
                <li key={path}>
                  <button
                    type="button"
                    className="recent-case"
                    data-testid="recent-case"
                    title={path}
                    disabled={busy !== null}
                    onClick={() => void run(path, () => api.openCase(path))}
                  >
                    <span className="recent-name">{baseName(path)}</span>
                    <span className="recent-path">{path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="start-section">
          <h2>New case</h2>
          <form className="path-form" onSubmit={submitNew}>
            <input
              className="path-input"
              value={newPath}
              onChange={(e) => setNewPath(e.target.value)}
              placeholder="/path/to/incident.duckdb"
              aria-label="Path of the new case file"
              data-testid="new-case-path"
              spellCheck={false}
            />
            <button type="submit" disabled={busy !== null || newPath.trim() === ''} data-testid="new-case-submit">
              {busy === 'new' ? 'Creating…' : pendingImport ? 'Create and import' : 'Create'}
            </button>
          </form>
          {pendingImport && (
            <p className="start-hint" data-testid="pending-import">
              Then imports {baseName(pendingImport)} into it (the file itself stays untouched).{' '}
              <button type="button" className="link" onClick={() => setPendingImport(null)}>
                Don’t import
              </button>
            </p>
          )}
        </section>

        <section className="start-section">
          <h2>Open case</h2>
          <form className="path-form" onSubmit={submitOpen}>
            <input
              className="path-input"
              value={openPath}
              onChange={(e) => setOpenPath(e.target.value)}
              placeholder="/path/to/existing.duckdb"
              aria-label="Path of the case file to open"
              data-testid="open-case-path"
              spellCheck={false}
            />
            <button
              type="submit"
              className="secondary"
              disabled={busy !== null || openPath.trim() === ''}
              data-testid="open-case-submit"
            >
              {busy === 'open' ? 'Opening…' : 'Open'}
            </button>
          </form>
          {isDesktop && (
            <p className="start-hint muted">
              Or use File → New Case… (Ctrl+N) and File → Open Case… (Ctrl+O) to pick a file.
            </p>
          )}
        </section>

        <footer className="start-foot">
          <button
            type="button"
            className="secondary"
            data-testid="open-demo"
            disabled={busy !== null}
            onClick={() => void run('demo', () => api.openDemoCase())}
          >
            {busy === 'demo' ? 'Preparing the demo case…' : 'Open the demo case'}
          </button>
          <span className="muted">A synthetic incident across seven sources, to try things out.</span>
        </footer>
      </div>
    </div>
  );
}
