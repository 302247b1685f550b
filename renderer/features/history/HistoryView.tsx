import { useEffect, useMemo, useState } from 'react';
import type { ObjectHistory } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount } from '../../app/format.ts';
import { useInvestigate, type HistoryTarget } from '../../app/investigate.tsx';
import { useScope } from '../../app/scope.tsx';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import { ChangeDiff } from '../diff/ChangeDiff.tsx';
import { versionItems, versionLabel, versionName, versionSide, type VersionItem } from './history-model.ts';
import { StateAtTime } from './StateAtTime.tsx';
import { VersionTable } from './VersionTable.tsx';
import './history.css';

/**
 * A target's history: its changes folded into versions (who, when, which event, deleted or not),
 * the state at any time, and any two versions compared side by side.
 */
export function HistoryView({ tabId, target, generation }: { tabId: string; target: HistoryTarget; generation: number }): React.JSX.Element {
  const { zone } = useScope();
  const investigate = useInvestigate();
  const asked = { id: target.id, ...(target.type ? { type: target.type } : {}) };
  const q = useEngineQuery<ObjectHistory>(JSON.stringify([asked, generation]), () => api.getHistory({ target: asked }), true);
  const h = q.value;
  const { settleHistory } = investigate;
  // Asked by a name, answered with the object's id: the tab becomes that object's (one tab per object).
  const resolvedId = h?.target.id;
  const resolvedName = h?.target.name ?? undefined;
  useEffect(() => {
    if (resolvedId && resolvedId !== target.id) settleHistory(tabId, { id: resolvedId, ...(resolvedName ? { name: resolvedName } : {}) });
  }, [resolvedId, resolvedName, target.id, tabId, settleHistory]);
  const title = h?.target.name ?? target.name ?? target.id;
  const objectId = h?.target.id ?? target.id;
  const items = useMemo(() => (h ? versionItems(h) : []), [h]);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const selected = items.find((i) => i.key === selectedKey) ?? null;
  const last = items[items.length - 1];

  const pick = (item: VersionItem): void =>
    setPicked((p) => (p.includes(item.key) ? p.filter((k) => k !== item.key) : [...p.slice(-1), item.key]));
  const compare = (a: VersionItem, b: VersionItem): void => {
    const [x, y] = items.indexOf(a) <= items.indexOf(b) ? [a, b] : [b, a];
    investigate.openDiff(versionSide(x, zone), versionSide(y, zone), title);
  };
  const comparePicked = (): void => {
    const [a, b] = picked.map((k) => items.find((i) => i.key === k));
    if (a && b) compare(a, b);
  };
  const previous = selected ? items[items.indexOf(selected) - 1] : undefined;

  return (
    <section className="hist" data-testid="history-view" data-target={target.id}>
      <header className="inv-head">
        <div className="inv-title">
          <span className="inv-kind">
            History{h?.target.type ? ` · ${h.target.type}` : target.type ? ` · ${target.type}` : ''}
            {title !== objectId && <span className="mono"> · {objectId}</span>}
          </span>
          <h2 title={objectId} data-testid="history-target">
            {title}
          </h2>
          <span className="inv-meta" data-testid="history-summary">
            {h
              ? `${formatCount(h.versions.length)} ${h.versions.length === 1 ? 'version' : 'versions'} from ${formatCount(h.events)} events${last?.deleted ? ' · deleted' : ''}`
              : (q.error?.message ?? 'Loading…')}
          </span>
        </div>
        <div className="inv-actions">
          {picked.length > 0 && (
            <button type="button" className="btn-sm" onClick={comparePicked} disabled={picked.length < 2} data-testid="history-compare">
              Compare {picked.length}/2 picked
            </button>
          )}
          <button
            type="button"
            className="secondary btn-sm"
            onClick={() => investigate.openTimeline({ kind: 'target', value: objectId })}
            data-testid="history-timeline"
          >
            Timeline
          </button>
        </div>
      </header>
      {h && items.length === 0 ? (
        <p className="inv-empty muted">
          {h.events > 0 ? `${formatCount(h.events)} events touch this target, but none of them records a change.` : 'No events touch this target.'}
        </p>
      ) : (
        <div className="hist-body">
          <div className="hist-main">
            <VersionTable items={items} selected={selectedKey} onSelect={(v) => setSelectedKey(v.key)} picked={picked} onPick={pick} zone={zone} />
            <div className="hist-version" data-testid="history-version-detail">
              {selected ? (
                <>
                  <div className="hist-version-head">
                    <h3>{versionLabel(selected, zone)}</h3>
                    {previous && (
                      <button type="button" className="secondary btn-sm" onClick={() => compare(previous, selected)} data-testid="history-compare-previous">
                        Compare with {versionName(previous)}
                      </button>
                    )}
                    {selected.event_id && (
                      <button type="button" className="secondary btn-sm" onClick={() => investigate.openContext(selected.event_id as string)}>
                        Around this event
                      </button>
                    )}
                  </div>
                  {selected.index !== null && (
                    <ChangeDiff
                      key={selected.key}
                      changes={selected.changes}
                      maxHeight={360}
                      labels={{ old: `before ${versionName(selected)}`, new: versionLabel(selected, zone) }}
                      caption={`${title} ${versionName(selected)}`}
                    />
                  )}
                  {selected.index === null && <p className="muted">The state before the first recorded change, read from that change's old values.</p>}
                </>
              ) : (
                <p className="muted">Select a version to see what it changed; tick two to compare them.</p>
              )}
            </div>
          </div>
          {items.length > 0 && (
            <StateAtTime
              items={items}
              zone={zone}
              onPick={pick}
              onCompare={(item) => last && compare(item, last)}
            />
          )}
        </div>
      )}
    </section>
  );
}
