import type { EventRow } from '../../../preload/api.ts';
import { removeTag } from './actions.ts';
import { openNoteEditor, openTagEditor } from './editors.ts';
import { StarButton } from './StarButton.tsx';
import { TagChip } from './TagChips.tsx';
import { tagColorOf, useEventAnnotations, useTags } from './use-annotations.ts';

export function eventLabel(row: EventRow): string {
  return [row.actor, row.action, row.target_name ?? row.target_id].filter(Boolean).join(' · ') || row.event_id;
}

/** The top of the detail pane: bookmark, tags (add, remove) and the note, with who wrote it and when. */
export function DetailAnnotations({ row }: { row: EventRow }): React.JSX.Element {
  const a = useEventAnnotations(row.event_id);
  const tags = useTags();
  return (
    <section className="detail-annotations" data-testid="detail-annotations" aria-label="Annotations">
      <div className="detail-annotations-row">
        <StarButton eventId={row.event_id} size="large" />
        <div className="detail-tags">
          {a.tags.map((t) => (
            <TagChip key={t.name} name={t.name} color={tagColorOf(tags, t.name)} onRemove={() => void removeTag(row.event_id, t.name)} />
          ))}
          <button type="button" className="secondary small" onClick={(e) => openTagEditor(row.event_id, e.currentTarget)} data-testid="detail-add-tag" title="Tag (t)">
            + Tag
          </button>
          <button type="button" className="secondary small" onClick={() => openNoteEditor(row.event_id, eventLabel(row))} data-testid="detail-edit-note" title="Note (n)">
            {a.note ? 'Edit note' : '+ Note'}
          </button>
        </div>
      </div>
      {a.note && (
        <div className="detail-note" data-testid="detail-note">
          <div className="detail-note-text">{a.note.text}</div>
          <div className="muted detail-note-by">
            {a.note.author ?? 'unknown'} · {a.note.at.replace('T', ' ').slice(0, 16)} UTC
          </div>
        </div>
      )}
    </section>
  );
}
