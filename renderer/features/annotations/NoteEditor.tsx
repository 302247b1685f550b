import { useEffect, useState } from 'react';
import { MAX_NOTE_CHARS } from '../../../preload/api.ts';
import { formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { saveNote } from './actions.ts';
import { useEventAnnotations } from './use-annotations.ts';

/**
 * The note of one event: a multi-line text, saved with Save or Ctrl/⌘+Enter; an empty note removes
 * it. Past 65,536 characters the engine refuses it, so the dialog says so before sending.
 */
export function NoteEditor({ eventId, label, onClose }: { eventId: string; label: string; onClose(): void }): React.JSX.Element {
  const a = useEventAnnotations(eventId);
  const [text, setText] = useState(a.note?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = a.note?.text;
  useEffect(() => {
    // The event's annotations may arrive after the dialog opened.
    if (loaded !== undefined) setText((t) => (t === '' ? loaded : t));
  }, [loaded]);
  const tooLong = text.length > MAX_NOTE_CHARS;
  const save = async (): Promise<void> => {
    if (tooLong) return;
    setBusy(true);
    const err = await saveNote(eventId, text);
    setBusy(false);
    if (err) setError(err);
    else onClose();
  };
  return (
    <Modal open onClose={onClose} title={`Note · ${label}`} testId="note-editor" className="note-editor">
      <textarea
        className="note-text"
        data-testid="note-input"
        aria-label="Note"
        autoFocus
        value={text}
        rows={10}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="note-meta">
        <span className={tooLong ? 'error-text' : 'muted'} data-testid="note-count">
          {formatCount(text.length)} / {formatCount(MAX_NOTE_CHARS)} characters{tooLong ? ': too long to keep as a note' : ''}
        </span>
        {a.note && (
          <span className="muted">
            last written by {a.note.author ?? 'unknown'} at {a.note.at.replace('T', ' ').slice(0, 19)} UTC
          </span>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="note-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={busy || tooLong} data-testid="note-save" title="Save (Ctrl+Enter)">
          {text.trim() === '' && a.note ? 'Remove note' : 'Save note'}
        </button>
      </div>
    </Modal>
  );
}
