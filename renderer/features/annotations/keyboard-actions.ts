import type { EventRow } from '../../../preload/api.ts';
import { toggleBookmark } from './actions.ts';
import { eventLabel } from './DetailAnnotations.tsx';
import { openNoteEditor, openTagEditor } from './editors.ts';

/** b / t / n on the selected event; the tag popover opens under the selected row's star. */
export function annotateSelected(what: 'bookmark' | 'tag' | 'note', row: EventRow): void {
  if (what === 'bookmark') void toggleBookmark(row.event_id);
  else if (what === 'tag') openTagEditor(row.event_id, document.querySelector('tr[aria-selected="true"] [data-testid="star"]'));
  else openNoteEditor(row.event_id, eventLabel(row));
}
