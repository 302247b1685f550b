import { useSyncExternalStore } from 'react';

/**
 * Which annotation editor is open: the tag popover (anchored where it was asked for) or the note
 * dialog, for one event. Opened from the table's cells, the keyboard (`t`, `n`), the detail pane,
 * timelines and history; drawn once by AnnotationEditors.
 */

export type OpenEditor =
  | { kind: 'tag'; eventId: string; at: { x: number; y: number } }
  | { kind: 'note'; eventId: string; label: string }
  | null;

let open: OpenEditor = null;
const listeners = new Set<() => void>();

function set(next: OpenEditor): void {
  open = next;
  for (const l of listeners) l();
}

/** `anchor`: the element the popover opens under; the middle of the window without one. */
export function openTagEditor(eventId: string, anchor?: Element | null): void {
  const box = anchor?.getBoundingClientRect();
  set({ kind: 'tag', eventId, at: box ? { x: box.left, y: box.bottom + 4 } : { x: window.innerWidth / 2 - 150, y: window.innerHeight / 3 } });
}

export function openNoteEditor(eventId: string, label: string): void {
  set({ kind: 'note', eventId, label });
}

export function closeEditor(): void {
  set(null);
}

export function useOpenEditor(): OpenEditor {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
