import type { ImportProgress } from '../../preload/api.ts';
import { baseName, formatCount, zoneLabel } from './format.ts';
import { useScope } from './scope.tsx';
import { ZoneSwitch } from './ZoneSwitch.tsx';

export interface StatusBarProps {
  total: number | null;
  elapsedMs: number | null;
  loading: boolean;
  filtered: boolean;
  progress: ImportProgress | null;
}

export function StatusBar({ total, elapsedMs, loading, filtered, progress }: StatusBarProps): React.JSX.Element {
  const { zone } = useScope();
  const parts: string[] = [];
  if (total !== null)
    parts.push(`${formatCount(total)} ${total === 1 ? 'event' : 'events'}${filtered ? ' (filtered)' : ''}`);
  if (elapsedMs !== null) parts.push(`query ${formatCount(Math.round(elapsedMs))} ms`);
  parts.push(zoneLabel(zone));
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>{parts.join(' · ')}</span>
      <ZoneSwitch />
      {loading && <span className="muted">loading…</span>}
      {progress && (
        <span className="import-progress">
          Importing {baseName(progress.file)} ({progress.fileIndex + 1}/{progress.fileCount}) · {progress.phase}
          {progress.bytesTotal > 0 && ` · ${Math.floor((progress.bytesDone / progress.bytesTotal) * 100)}%`}
          {` · ${formatCount(progress.events)} events`}
        </span>
      )}
    </footer>
  );
}
