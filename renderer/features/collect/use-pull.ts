import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, PullProgress, PullRequest, PullSummary, Result } from '../../../preload/api.ts';
import { api } from '../../api.ts';

export interface PullRun {
  /** What is being pulled, for the heading. */
  title: string;
  progress: PullProgress | null;
  summary: PullSummary | null;
  error: ApiError | null;
  cancelRequested: boolean;
}

export interface PullControl {
  run: PullRun | null;
  running: boolean;
  start(title: string, req: PullRequest): Promise<void>;
  resume(title: string, pullId: number, credential?: string): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

/**
 * The pull the dialog shows: progress comes from the host's pull-progress events (the last one
 * of the running job), the end from the call's own result, which carries the vendor's message.
 */
export function usePull(onFinished: () => void): PullControl {
  const [run, setRun] = useState<PullRun | null>(null);
  const live = useRef(run);
  live.current = run;

  useEffect(
    () =>
      api.on('pull-progress', (p) => {
        setRun((r) => (r && !r.summary && !r.error ? { ...r, progress: p } : r));
      }),
    [],
  );

  // Cancel goes out once the engine has named the job (at once if it already has).
  const jobId = run?.progress?.jobId;
  const cancelRequested = run?.cancelRequested ?? false;
  const finished = Boolean(run?.summary || run?.error);
  useEffect(() => {
    if (cancelRequested && jobId && !finished) void api.cancelPull(jobId);
  }, [cancelRequested, jobId, finished]);

  const go = useCallback(
    async (title: string, call: () => Promise<Result<PullSummary>>): Promise<void> => {
      if (live.current && !live.current.summary && !live.current.error) return;
      setRun({ title, progress: null, summary: null, error: null, cancelRequested: false });
      const r = await call();
      setRun((cur) => (cur ? { ...cur, summary: r.ok ? r.value : null, error: r.ok ? null : r.error } : cur));
      onFinished();
    },
    [onFinished],
  );

  return {
    run,
    running: run !== null && !run.summary && !run.error,
    start: (title, req) => go(title, () => api.startPull(req)),
    resume: (title, pullId, credential) => go(title, () => api.resumePull(credential ? { pullId, credential } : { pullId })),
    cancel: () => setRun((r) => (r ? { ...r, cancelRequested: true } : r)),
    dismiss: () => setRun((r) => (r && (r.summary || r.error) ? null : r)),
  };
}
