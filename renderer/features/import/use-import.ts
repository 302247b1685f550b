import { useCallback, useEffect, useReducer, useRef } from 'react';
import { api, upload } from '../../api.ts';
import { importReduce, isRunning, type ImportSession } from './import-model.ts';

export interface ImportControl {
  session: ImportSession | null;
  /** Browser: upload these files, then import them. */
  importUploads(files: File[]): Promise<void>;
  cancel(): void;
  /** Forget a finished import (the dialog was closed). */
  dismiss(): void;
}

/**
 * The import the dialog shows. Progress always comes from the host's events, whoever started the
 * import (this page, the desktop menu, a drop handled by the preload), so every path looks alike.
 */
export function useImport(): ImportControl {
  const [session, dispatch] = useReducer(
    (s: ImportSession | null, a: Parameters<typeof importReduce>[1] | { type: 'dismiss' }) =>
      a.type === 'dismiss' ? (isRunning(s) ? s : null) : importReduce(s, a),
    null,
  );
  const live = useRef(session);
  live.current = session;
  const uploadAbort = useRef<AbortController | null>(null);

  useEffect(() => {
    const offs = [
      api.on('import-progress', (progress) => dispatch({ type: 'progress', progress, now: performance.now() })),
      api.on('import-done', (summary) => dispatch({ type: 'done', summary })),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  // Cancel is sent once the engine has named the import (right away if it already has).
  useEffect(() => {
    if (session?.cancelRequested && session.importId && session.phase === 'importing') {
      void api.cancelImport(session.importId);
    }
  }, [session?.cancelRequested, session?.importId, session?.phase]);

  const importUploads = useCallback(async (files: File[]): Promise<void> => {
    if (!upload || files.length === 0 || isRunning(live.current)) return;
    const abort = new AbortController();
    uploadAbort.current = abort;
    dispatch({ type: 'upload-start', files: files.map((f) => ({ name: f.name, bytes: f.size })) });
    const paths: string[] = [];
    const origins: Record<string, string> = {};
    for (const [index, file] of files.entries()) {
      const r = await upload(file, file.name, {
        signal: abort.signal,
        onProgress: (loaded) => dispatch({ type: 'upload-progress', index, loaded }),
      });
      if (abort.signal.aborted) {
        dispatch({ type: 'failed', error: { code: 'cancelled', message: 'The upload was cancelled' } });
        return;
      }
      if (r.ok) {
        paths.push(r.value.path);
        origins[r.value.path] = `upload:${r.value.name}`;
        dispatch({ type: 'upload-done', index });
      } else {
        dispatch({ type: 'upload-failed', index, message: r.error.message });
      }
    }
    uploadAbort.current = null;
    if (paths.length === 0) {
      dispatch({ type: 'failed', error: { code: 'refused', message: 'No file could be uploaded' } });
      return;
    }
    dispatch({ type: 'import-start' });
    const result = await api.importFiles({ paths, origins });
    // The import-done event carries the same summary; whichever arrives first fills the dialog.
    dispatch(result.ok ? { type: 'done', summary: result.value } : { type: 'failed', error: result.error });
  }, []);

  const cancel = useCallback(() => {
    const s = live.current;
    if (!s || !isRunning(s)) return;
    if (s.phase === 'uploading') uploadAbort.current?.abort();
    dispatch({ type: 'cancel-requested' });
  }, []);

  const dismiss = useCallback(() => dispatch({ type: 'dismiss' }), []);

  return { session, importUploads, cancel, dismiss };
}
