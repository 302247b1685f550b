import { useEffect, useState } from 'react';
import type { ExportProgress } from '../../../preload/api.ts';
import { api } from '../../api.ts';

/** The progress of one export, from the host's export-progress events. */
export function useExportProgress(exportId: string | null): ExportProgress | null {
  const [p, setP] = useState<ExportProgress | null>(null);
  useEffect(() => {
    setP(null);
    if (!exportId) return;
    return api.on('export-progress', (e) => {
      if (e.exportId === exportId) setP(e);
    });
  }, [exportId]);
  return p;
}
