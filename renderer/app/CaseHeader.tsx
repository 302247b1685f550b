import type { ReactNode } from 'react';
import type { CaseInfo } from '../../preload/api.ts';
import { baseName, formatCount, formatTime, localZoneName } from './format.ts';
import { useScope } from './scope.tsx';

/** Which case is open and what is in it, always visible so nobody works in the wrong case. */
export function CaseHeader({ info, actions }: { info: CaseInfo | null; actions?: ReactNode }): React.JSX.Element {
  const { zone } = useScope();
  return (
    <header className="app-header">
      <div className="brand">
        <img src="./icon.svg" alt="" width={18} height={18} />
        <span>AuditLens</span>
      </div>
      {info ? (
        <>
          <div className="case-name" title={info.path}>
            <span className="case-file">{baseName(info.path)}</span>
            <span className="case-path">{info.path}</span>
            {info.readOnly && (
              <span
                className="badge badge-read-only"
                data-testid="read-only-badge"
                title="Opened read-only (read-only storage or no write permission): it can be browsed, not changed. Imports, bookmarks, tags, notes and saved views are refused."
              >
                read-only
              </span>
            )}
          </div>
          <dl className="case-counts">
            <div>
              <dt>events</dt>
              <dd>{formatCount(info.events)}</dd>
            </div>
            <div>
              <dt>sources</dt>
              <dd>{formatCount(info.sources)}</dd>
            </div>
            <div>
              <dt>batches</dt>
              <dd>{formatCount(info.batches)}</dd>
            </div>
            <div className={info.rejects > 0 ? 'warn' : undefined}>
              <dt>rejects</dt>
              <dd>{formatCount(info.rejects)}</dd>
            </div>
            {info.timeMin && info.timeMax && (
              <div className="case-range">
                <dt>range ({zone === 'UTC' ? 'UTC' : localZoneName()})</dt>
                <dd>
                  {formatTime(info.timeMin, zone).slice(0, 16)} → {formatTime(info.timeMax, zone).slice(0, 16)}
                </dd>
              </div>
            )}
          </dl>
        </>
      ) : (
        <div className="case-name muted">No case open</div>
      )}
      {actions}
    </header>
  );
}
