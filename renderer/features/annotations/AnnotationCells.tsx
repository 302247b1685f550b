import { StarButton } from './StarButton.tsx';
import { TagChips } from './TagChips.tsx';
import { useEventAnnotations } from './use-annotations.ts';

export const STAR_WIDTH = 30;
export const TAGS_WIDTH = 150;

/**
 * The table's leading cells: the star, then the tags (and a mark when the event has a note).
 * `tags` is false until the case has any tag, so a fresh case spends no width on an empty column.
 */
export function AnnotationCells({ eventId, tags }: { eventId: string; tags: boolean }): React.JSX.Element {
  const note = useEventAnnotations(eventId).note;
  return (
    <>
      <td className="annot-cell star-cell">
        <StarButton eventId={eventId} />
      </td>
      {tags && (
        <td className="annot-cell tags-cell">
          <span className="tags-cell-inner">
            {note && (
              <span className="note-mark" title={note.text.slice(0, 300)} aria-label="Has a note" data-testid="note-mark">
                ✎
              </span>
            )}
            <TagChips eventId={eventId} max={2} />
          </span>
        </td>
      )}
    </>
  );
}

export function AnnotationHeaderCells({ tags }: { tags: boolean }): React.JSX.Element {
  return (
    <>
      <th scope="col" className="annot-head star-cell" style={{ width: STAR_WIDTH }} title="Bookmarked (b)">
        <span aria-hidden>★</span>
        <span className="sr-only">Bookmark</span>
      </th>
      {tags && (
        <th scope="col" className="annot-head tags-cell" style={{ width: TAGS_WIDTH }} title="Tags (t) and notes (n)">
          Tags
        </th>
      )}
    </>
  );
}

export function AnnotationPlaceholderCells({ tags }: { tags: boolean }): React.JSX.Element {
  return (
    <>
      <td className="annot-cell star-cell" />
      {tags && <td className="annot-cell tags-cell" />}
    </>
  );
}
