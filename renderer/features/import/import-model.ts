import type { ApiError, ImportProgress, ImportSummary } from '../../../preload/api.ts';

/**
 * One import as the investigator sees it: uploads first (browser only), then the engine's
 * per-file progress, then the summary. Built from two sources that may arrive in any order, the
 * renderer's own upload steps and the host's import-progress / import-done events, so the same
 * model serves an upload in the browser and an import from the desktop menu or a drop.
 */

export interface UploadRow {
  name: string;
  bytes: number;
  loaded: number;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  error?: string;
}

export interface FileProgress {
  fileIndex: number;
  file: string;
  phase: ImportProgress['phase'];
  bytesDone: number;
  bytesTotal: number;
  eventsPerSecond: number;
  events: number;
  /** When this file's first progress arrived (ms), for the rate behind "time left". */
  firstSeen: number;
  firstBytes: number;
  lastSeen: number;
}

export type ImportPhase = 'uploading' | 'importing' | 'done' | 'failed' | 'cancelled';

export interface ImportSession {
  /** Increases with every new session, so the view can tell a new import from an update. */
  serial: number;
  /** The engine's importId, once its first progress (or its summary) has named it. */
  importId: string | null;
  phase: ImportPhase;
  uploads: UploadRow[];
  files: FileProgress[];
  fileCount: number;
  summary: ImportSummary | null;
  error: ApiError | null;
  cancelRequested: boolean;
}

export type ImportAction =
  | { type: 'upload-start'; files: { name: string; bytes: number }[] }
  | { type: 'upload-progress'; index: number; loaded: number }
  | { type: 'upload-done'; index: number }
  | { type: 'upload-failed'; index: number; message: string }
  | { type: 'import-start' }
  | { type: 'progress'; progress: ImportProgress; now: number }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: ApiError }
  | { type: 'cancel-requested' };

let serials = 0;

function fresh(phase: ImportPhase): ImportSession {
  return {
    serial: ++serials,
    importId: null,
    phase,
    uploads: [],
    files: [],
    fileCount: 0,
    summary: null,
    error: null,
    cancelRequested: false,
  };
}

const finished = (s: ImportSession | null): boolean =>
  s === null || s.phase === 'done' || s.phase === 'failed' || s.phase === 'cancelled';

export function importReduce(s: ImportSession | null, a: ImportAction): ImportSession | null {
  switch (a.type) {
    case 'upload-start':
      return { ...fresh('uploading'), uploads: a.files.map((f) => ({ ...f, loaded: 0, state: 'waiting' })) };
    case 'upload-progress':
    case 'upload-done':
    case 'upload-failed': {
      if (!s) return s;
      const uploads = s.uploads.map((u, i): UploadRow => {
        if (i !== a.index) return u;
        if (a.type === 'upload-progress') return { ...u, loaded: Math.min(u.bytes, a.loaded), state: 'uploading' };
        if (a.type === 'upload-done') return { ...u, loaded: u.bytes, state: 'done' };
        return { ...u, state: 'failed', error: a.message };
      });
      return { ...s, uploads };
    }
    case 'import-start':
      return s && s.phase === 'uploading' ? { ...s, phase: 'importing' } : (s ?? fresh('importing'));
    case 'progress': {
      const p = a.progress;
      // An import nobody here started (desktop menu, a drop handled by the preload) opens its own session.
      let base = s;
      if (finished(s) && s?.importId !== p.importId) base = fresh('importing');
      else if (s && s.importId !== null && s.importId !== p.importId) return s; // someone else's import
      const session = base as ImportSession;
      const files = [...session.files];
      const at = files.findIndex((f) => f.fileIndex === p.fileIndex);
      const prev = at >= 0 ? files[at] : undefined;
      const row: FileProgress = {
        fileIndex: p.fileIndex,
        file: p.file,
        phase: p.phase,
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal,
        eventsPerSecond: p.eventsPerSecond,
        events: p.events,
        firstSeen: prev?.firstSeen ?? a.now,
        firstBytes: prev?.firstBytes ?? p.bytesDone,
        lastSeen: a.now,
      };
      if (at >= 0) files[at] = row;
      else files.push(row);
      files.sort((x, y) => x.fileIndex - y.fileIndex);
      return {
        ...session,
        importId: p.importId,
        phase: session.phase === 'uploading' ? 'importing' : session.phase,
        files,
        fileCount: Math.max(session.fileCount, p.fileCount),
      };
    }
    case 'done': {
      if (s && s.importId !== null && s.importId !== a.summary.importId && !finished(s)) return s;
      const base = s && (s.importId === null || s.importId === a.summary.importId) ? s : fresh('importing');
      return {
        ...base,
        importId: a.summary.importId,
        phase: a.summary.cancelled ? 'cancelled' : 'done',
        summary: a.summary,
        fileCount: Math.max(base.fileCount, a.summary.batches.length),
      };
    }
    case 'failed':
      if (!s) return { ...fresh('failed'), error: a.error };
      return { ...s, phase: a.error.code === 'cancelled' ? 'cancelled' : 'failed', error: a.error };
    case 'cancel-requested':
      return s ? { ...s, cancelRequested: true } : s;
  }
}

/** Something in the result deserves a look: rejects, refused files, shared ids, a failure or a cancel. */
export function needsReview(s: ImportSession): boolean {
  if (s.phase !== 'done' || !s.summary) return true;
  return s.summary.batches.some((b) => b.rejects > 0 || b.idConflicts > 0 || b.error !== undefined);
}

export function summaryTotals(summary: ImportSummary): { duplicates: number; idConflicts: number; rejects: number; refused: number } {
  return summary.batches.reduce(
    (t, b) => ({
      duplicates: t.duplicates + b.duplicates,
      idConflicts: t.idConflicts + b.idConflicts,
      rejects: t.rejects + b.rejects,
      refused: t.refused + (b.error ? 1 : 0),
    }),
    { duplicates: 0, idConflicts: 0, rejects: 0, refused: 0 },
  );
}

/** Records sharing a vendor id with a different record, said apart because each one is kept. */
export function idConflictText(n: number): string {
  return n === 1
    ? '1 record shares an id with a different record; both kept'
    : `${n.toLocaleString('en-US')} records share an id with a different record; ${n === 2 ? 'both' : 'all'} kept`;
}

export function isRunning(s: ImportSession | null): boolean {
  return s !== null && (s.phase === 'uploading' || s.phase === 'importing');
}

/** Bytes per second seen so far for one file; null until there is a rate to go on. */
export function bytesPerSecond(f: FileProgress): number | null {
  const elapsed = (f.lastSeen - f.firstSeen) / 1000;
  const moved = f.bytesDone - f.firstBytes;
  return elapsed < 0.2 || moved <= 0 ? null : moved / elapsed;
}

/** Seconds left for one file, from its byte rate; null while unknown. */
export function secondsLeft(f: FileProgress): number | null {
  if (f.phase === 'done' || f.bytesTotal <= 0) return null;
  const rate = bytesPerSecond(f);
  return rate === null ? null : Math.max(0, (f.bytesTotal - f.bytesDone) / rate);
}

export function formatRate(bytesPerSec: number): string {
  const mb = bytesPerSec / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(mb < 10 ? 1 : 0)} MB/s` : `${Math.max(1, Math.round(bytesPerSec / 1024))} KB/s`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m < 60) return s ? `${m} min ${s} s` : `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function fraction(done: number, total: number): number {
  return total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
}

export const PHASE_LABEL: Record<ImportProgress['phase'], string> = {
  hashing: 'Hashing',
  detecting: 'Detecting the format',
  reading: 'Reading',
  committing: 'Saving',
  done: 'Done',
};
