import { useEffect, useState } from 'react';
import type { ImportProgress } from '../../preload/api.ts';
import { api } from '../api.ts';

/** The running import, if any, for the status bar. */
export function useImportProgress(): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    const offs = [
      api.on('import-progress', (p) => setProgress(p.phase === 'done' ? null : p)),
      api.on('import-done', () => setProgress(null)),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  return progress;
}
