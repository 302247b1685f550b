import { useState } from 'react';
import type { AnnotatedEvent, AnnotationKind, EventRow } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount, formatTime, zoneLabel } from '../../app/format.ts';
import { useInvestigate } from '../../app/investigate.tsx';
import { useScope } from '../../app/scope.tsx';
import { targetText } from '../../app/target.ts';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import { DetailPane } from '../detail/DetailPane.tsx';
import { AuthorName } from './AuthorName.tsx';
import { StarButton } from './StarButton.tsx';
import { TagChips } from './TagChips.tsx';
import { useAnnotationsVersion, useTags } from './use-annotations.ts';

type Show = 'all' | AnnotationKind;
const SHOW: { id: Show; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'bookmark', label: 'Bookmarked' },
  { id: 'tag', label: 'Tagged' },
  { id: 'note', label: 'With notes' },
];
const PAGE = 500;

/** The filter-bar expression for what the panel lists, for "Show in table". */
function filterFor(show: Show, tag: string | null): string {
  if (tag) return `tag = '${tag.replace(/'/g, "''")}'`;
  return { all: 'bookmarked OR tagged OR has_note', bookmark: 'bookmarked', tag: 'tagged', note: 'has_note' }[show];
}

/**
 * Every annotated event in time order with its tags and note: the investigation's findings in one
 * list. Clicking one shows it in full beside the list.
 */
export function AnnotationsPanel({ generation }: { generation: number }): React.JSX.Element {
  const { zone, clearAll, setFilter } = useScope();
  const investigate = useInvestigate();
  const version = useAnnotationsVersion();
  const tags = useTags();
  const [show, setShow] = useState<Show>('all');
  const [tag, setTag] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<EventRow | null>(null);
  const q = useEngineQuery<{ total: number; rows: AnnotatedEvent[] }>(
    JSON.stringify([show, tag, limit, generation, version]),
    () => api.listAnnotated({ ...(show !== 'all' ? { kinds: [show] } : {}), ...(tag ? { tag } : {}), limit }),
    true,
  );
  const list = q.value;
  const showInTable = (): void => {
    clearAll();
    setFilter(filterFor(show, tag));
    investigate.show(null);
  };
  return (
    <section className="annotations-panel" data-testid="annotations-panel">
      <header className="inv-head">
        <div className="inv-title">
          <span className="inv-kind">Annotations</span>
          <h2>Findings</h2>
          <span className="inv-meta" data-testid="annotations-summary">
            {list ? `${formatCount(list.total)} annotated events · times ${zoneLabel(zone)}` : 'Loading…'}
          </span>
        </div>
        <div className="inv-actions">
          <div className="segmented small" role="group" aria-label="Show">
            {SHOW.map((s) => (
              <button
                key={s.id}
                type="button"
                className={show === s.id && !tag ? 'seg active' : 'seg'}
                aria-pressed={show === s.id && !tag}
                onClick={() => {
                  setShow(s.id);
                  setTag(null);
                }}
                data-testid={`annotations-show-${s.id}`}
              >
                {s.label}
              </button>
            ))}
          </div>
          {tags.length > 0 && (
            <select aria-label="Only this tag" value={tag ?? ''} onChange={(e) => setTag(e.target.value || null)} data-testid="annotations-tag">
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({t.events})
                </option>
              ))}
            </select>
          )}
          <button type="button" className="secondary btn-sm" onClick={showInTable} data-testid="annotations-show-in-table">
            Show in table
          </button>
          <AuthorName />
        </div>
      </header>
      <div className="annotations-body">
        <ol className="annotations-list" aria-label="Annotated events">
          {list?.rows.length === 0 && <li className="muted annotations-empty">Nothing annotated yet: press b, t or n on an event.</li>}
          {list?.rows.map(({ event, annotations }) => (
            <li
              key={event.event_id}
              className={selected?.event_id === event.event_id ? 'annotation-item selected' : 'annotation-item'}
              data-testid="annotation-item"
              data-event-id={event.event_id}
            >
              <div className="annotation-line">
                <StarButton eventId={event.event_id} />
                <button type="button" className="annotation-open" onClick={() => setSelected(event)} title="Show this event">
                  <span className="mono">{formatTime(event.event_time, zone)}</span>
                  <span className="annotation-vendor">{event.vendor}</span>
                  <span className="annotation-what">
                    {[event.actor, event.action, targetText(event)].filter(Boolean).join(' · ')}
                  </span>
                </button>
                <TagChips eventId={event.event_id} max={4} />
              </div>
              {annotations.note && (
                <div className="annotation-note" data-testid="annotation-note">
                  {annotations.note.text}
                </div>
              )}
            </li>
          ))}
          {list && list.rows.length < list.total && (
            <li>
              <button type="button" className="link" onClick={() => setLimit((l) => l + PAGE)}>
                Show {formatCount(Math.min(PAGE, list.total - list.rows.length))} more
              </button>
            </li>
          )}
        </ol>
        {selected && <DetailPane row={selected} onClose={() => setSelected(null)} />}
      </div>
    </section>
  );
}
