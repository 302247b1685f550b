import { toggleBookmark } from './actions.ts';
import { useEventAnnotations } from './use-annotations.ts';

/** ☆ / ★: bookmarks an event. A real toggle button (aria-pressed), so keyboards and readers know it. */
export function StarButton({ eventId, size = 'small' }: { eventId: string; size?: 'small' | 'large' }): React.JSX.Element {
  const on = useEventAnnotations(eventId).bookmark !== null;
  return (
    <button
      type="button"
      className={`star-button ${size}${on ? ' on' : ''}`}
      aria-pressed={on}
      aria-label={on ? 'Remove bookmark' : 'Bookmark'}
      title={on ? 'Bookmarked (b to remove)' : 'Bookmark (b)'}
      data-testid="star"
      onClick={(e) => {
        // A click on the star is not a click on the row under it.
        e.stopPropagation();
        void toggleBookmark(eventId);
      }}
    >
      {on ? '★' : '☆'}
    </button>
  );
}
