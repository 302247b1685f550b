import { Virtuoso } from 'react-virtuoso';
import { formatTime, type DisplayZone } from '../../app/format.ts';
import { StarButton } from '../annotations/StarButton.tsx';
import { changeSummary, versionName, type VersionItem } from './history-model.ts';
import { visibleText } from '../../app/visible-text.ts';

export interface VersionTableProps {
  items: readonly VersionItem[];
  selected: string | null;
  onSelect(item: VersionItem): void;
  picked: readonly string[];
  onPick(item: VersionItem): void;
  zone: DisplayZone;
}

const HEADERS = ['', 'Version', 'Time', 'Who', 'Action', 'Source', 'Changed'];
const ROW_PX = 28;
const MAX_LIST_PX = 280;

/** The versions, oldest first: who, when, which event, what changed; deleted ones marked. */
export function VersionTable({ items, selected, onSelect, picked, onPick, zone }: VersionTableProps): React.JSX.Element {
  return (
    <div className="hist-table" data-testid="history-versions">
      <div className="hist-row hist-head" role="row">
        {HEADERS.map((h, i) => (
          <span key={i} role="columnheader">
            {h}
          </span>
        ))}
      </div>
      <Virtuoso
        className="hist-scroller"
        // As tall as the versions, up to a point: a short history leaves room for the change below it.
        style={{ height: Math.min(items.length * ROW_PX + 2, MAX_LIST_PX) }}
        data={items}
        computeItemKey={(_i, v) => v.key}
        itemContent={(_i, v) => (
          <div
            className={['hist-row', v.key === selected ? 'selected' : '', v.deleted ? 'deleted' : '', v.index === null ? 'initial' : '']
              .filter(Boolean)
              .join(' ')}
            role="row"
            aria-selected={v.key === selected}
            data-testid="history-version"
            data-version={v.key}
            onClick={() => onSelect(v)}
          >
            <span onClick={(e) => e.stopPropagation()}>
              <input
                type="checkbox"
                checked={picked.includes(v.key)}
                onChange={() => onPick(v)}
                aria-label={`Pick ${versionName(v)} for comparison`}
                title="Pick two versions to compare them"
                data-testid="history-pick"
              />
              {v.event_id && <StarButton eventId={v.event_id} />}
            </span>
            <span className="hist-name">
              {versionName(v)}
              {v.deleted && <span className="badge deleted-badge">deleted</span>}
            </span>
            <span className="mono">{v.index === null ? 'before #1' : formatTime(v.at, zone)}</span>
            <span title={v.actor ? visibleText(v.actor) : undefined}>{v.actor && visibleText(v.actor)}</span>
            <span title={v.action ? visibleText(v.action) : undefined}>{v.action && visibleText(v.action)}</span>
            <span>{v.vendor}</span>
            <span className="mono" title={changeSummary(v)}>
              {changeSummary(v)}
            </span>
          </div>
        )}
      />
    </div>
  );
}
