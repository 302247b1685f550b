import type { TagColor } from '../../../preload/api.ts';
import { tagColorOf, useEventAnnotations, useTags } from './use-annotations.ts';

export function TagChip({ name, color, onRemove }: { name: string; color: TagColor; onRemove?: () => void }): React.JSX.Element {
  return (
    <span className={`tag-chip tag-${color}`} data-testid="tag-chip" data-tag={name} title={name}>
      <span className="tag-name">{name}</span>
      {onRemove && (
        <button type="button" className="tag-remove" aria-label={`Remove tag ${name}`} title="Remove tag" onClick={onRemove} data-testid="tag-remove">
          ×
        </button>
      )}
    </span>
  );
}

/** An event's tags as coloured chips (text only: tag names are whatever the investigator typed). */
export function TagChips({ eventId, max = 3 }: { eventId: string; max?: number }): React.JSX.Element | null {
  const a = useEventAnnotations(eventId);
  const tags = useTags();
  if (a.tags.length === 0) return null;
  const shown = a.tags.slice(0, max);
  const more = a.tags.length - shown.length;
  return (
    <span className="tag-chips" data-testid="tag-chips">
      {shown.map((t) => (
        <TagChip key={t.name} name={t.name} color={tagColorOf(tags, t.name)} />
      ))}
      {more > 0 && (
        <span className="tag-more" title={a.tags.slice(max).map((t) => t.name).join(', ')}>
          +{more}
        </span>
      )}
    </span>
  );
}
