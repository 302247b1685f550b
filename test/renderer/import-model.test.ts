import { describe, expect, it } from 'vitest';
import type { ImportProgress, ImportSummary } from '../../preload/api.ts';
import {
  formatDuration,
  importReduce,
  isRunning,
  secondsLeft,
  type FileProgress,
  type ImportSession,
} from '../../renderer/features/import/import-model.ts';

const progress = (p: Partial<ImportProgress>): ImportProgress => ({
  importId: 'imp-1',
  file: 'a.ndjson',
  fileIndex: 0,
  fileCount: 1,
  phase: 'reading',
  bytesDone: 0,
  bytesTotal: 1000,
  events: 0,
  eventsPerSecond: 0,
  ...p,
});

const summary = (s: Partial<ImportSummary>): ImportSummary => ({
  importId: 'imp-1',
  batches: [],
  eventsTotal: 0,
  cancelled: false,
  ...s,
});

function firstFile(s: ImportSession | null): FileProgress {
  const f = s?.files[0];
  if (!f) throw new Error('no file row');
  return f;
}

describe('import session model', () => {
  it('follows an upload into the import it starts and its summary', () => {
    let s: ImportSession | null = importReduce(null, {
      type: 'upload-start',
      files: [{ name: 'a.ndjson', bytes: 10 }],
    });
    expect(s?.phase).toBe('uploading');
    s = importReduce(s, { type: 'upload-progress', index: 0, loaded: 5 });
    expect(s?.uploads[0]).toMatchObject({ loaded: 5, state: 'uploading' });
    s = importReduce(s, { type: 'upload-done', index: 0 });
    s = importReduce(s, { type: 'import-start' });
    expect(s?.phase).toBe('importing');
    s = importReduce(s, { type: 'progress', progress: progress({}), now: 0 });
    expect(s?.importId).toBe('imp-1');
    s = importReduce(s, { type: 'done', summary: summary({ eventsTotal: 3 }) });
    expect(s).toMatchObject({ phase: 'done', summary: { eventsTotal: 3 } });
    expect(isRunning(s)).toBe(false);
  });

  it('opens a session for an import started elsewhere (desktop menu or drop)', () => {
    const s = importReduce(null, { type: 'progress', progress: progress({ importId: 'menu' }), now: 0 });
    expect(s).toMatchObject({ phase: 'importing', importId: 'menu', fileCount: 1 });
    expect(s?.files).toHaveLength(1);
  });

  it('starts a new session after a finished one, and ignores another import while one runs', () => {
    let s = importReduce(null, { type: 'progress', progress: progress({}), now: 0 });
    const other = importReduce(s, { type: 'progress', progress: progress({ importId: 'other' }), now: 1 });
    expect(other).toBe(s);
    s = importReduce(s, { type: 'done', summary: summary({}) });
    const next = importReduce(s, { type: 'progress', progress: progress({ importId: 'imp-2' }), now: 2 });
    expect(next?.importId).toBe('imp-2');
    expect(next?.serial).toBeGreaterThan(s?.serial ?? 0);
  });

  it('reports a cancelled import as cancelled, from the summary or from the error', () => {
    const running = importReduce(null, { type: 'progress', progress: progress({}), now: 0 });
    expect(importReduce(running, { type: 'done', summary: summary({ cancelled: true }) })?.phase).toBe('cancelled');
    expect(importReduce(running, { type: 'failed', error: { code: 'cancelled', message: 'cancelled' } })?.phase).toBe(
      'cancelled',
    );
    expect(importReduce(running, { type: 'failed', error: { code: 'busy', message: 'busy' } })?.phase).toBe('failed');
  });

  it('keeps one row per file, in file order', () => {
    let s = importReduce(null, {
      type: 'progress',
      progress: progress({ fileIndex: 1, fileCount: 2, file: 'b' }),
      now: 0,
    });
    s = importReduce(s, { type: 'progress', progress: progress({ fileIndex: 0, fileCount: 2, file: 'a' }), now: 0 });
    s = importReduce(s, {
      type: 'progress',
      progress: progress({ fileIndex: 1, fileCount: 2, file: 'b', bytesDone: 9 }),
      now: 1,
    });
    expect(s?.files.map((f) => [f.file, f.bytesDone])).toEqual([
      ['a', 0],
      ['b', 9],
    ]);
  });

  it('estimates time left from the byte rate once there is one', () => {
    let s = importReduce(null, { type: 'progress', progress: progress({ bytesDone: 100 }), now: 1000 });
    expect(secondsLeft(firstFile(s))).toBeNull();
    s = importReduce(s, { type: 'progress', progress: progress({ bytesDone: 300 }), now: 2000 });
    // 200 bytes in 1 s, 700 to go.
    expect(secondsLeft(firstFile(s))).toBeCloseTo(3.5);
    expect(formatDuration(0.4)).toBe('under a second');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3 * 3600 + 60)).toBe('3 h 1 min');
  });
});
