import './annotations.css';
import { closeEditor, useOpenEditor } from './editors.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { TagEditor } from './TagEditor.tsx';

/** The one tag popover or note dialog open at a time, wherever it was asked for. */
export function AnnotationEditors(): React.JSX.Element | null {
  const open = useOpenEditor();
  if (!open) return null;
  if (open.kind === 'tag') return <TagEditor key={open.eventId} eventId={open.eventId} at={open.at} onClose={closeEditor} />;
  return <NoteEditor key={open.eventId} eventId={open.eventId} label={open.label} onClose={closeEditor} />;
}
