import { useEffect, useState } from 'react';
import { MAX_TAG_CHARS, type EventScope } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { notify } from '../../app/toasts.ts';
import { useTags } from './use-annotations.ts';

/**
 * "Tag all…": every event of the current filter gets a tag (and optionally a note paragraph). The
 * dialog counts the events first and says how many will be tagged; the engine checks the count
 * again when it tags, so an import landing in between cannot widen what was confirmed.
 */
export function BulkTagDialog({ scope, onClose }: { scope: EventScope; onClose(): void }): React.JSX.Element {
  const tags = useTags();
  const [count, setCount] = useState<number | null>(null);
  const [tag, setTag] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(scope);
  useEffect(() => {
    let live = true;
    void api.countEvents(JSON.parse(key) as EventScope).then((r) => {
      if (!live) return;
      if (r.ok) setCount(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [key]);
  const run = async (): Promise<void> => {
    if (count === null || tag.trim() === '') return;
    setBusy(true);
    const r = await api.bulkTag({ scope, tag: tag.trim(), expected: count, ...(note.trim() ? { note } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    notify(`${formatCount(r.value.tagged)} events tagged “${tag.trim()}”${r.value.already ? ` (${formatCount(r.value.already)} had it already)` : ''}`);
    onClose();
  };
  const what = scope.filter || scope.search || scope.timeRange ? 'matching the current filter' : 'in the case (no filter is set)';
  return (
    <Modal open onClose={onClose} title="Tag all events of the filter" testId="bulk-tag" className="bulk-tag">
      <p data-testid="bulk-tag-count">
        {count === null ? 'Counting…' : <><strong>{formatCount(count)}</strong> events {what}.</>}
      </p>
      {scope.filter && <code className="bulk-tag-filter">{scope.filter}</code>}
      <label className="field">
        <span>Tag</span>
        <input list="bulk-tag-names" value={tag} onChange={(e) => setTag(e.target.value)} maxLength={MAX_TAG_CHARS} autoFocus data-testid="bulk-tag-input" />
        <datalist id="bulk-tag-names">
          {tags.map((t) => (
            <option key={t.name} value={t.name} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>Note to add to each event (optional)</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} data-testid="bulk-tag-note" />
      </label>
      {error && (
        <p className="error-text" role="alert" data-testid="bulk-tag-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" onClick={() => void run()} disabled={busy || count === null || count === 0 || tag.trim() === ''} data-testid="bulk-tag-confirm">
          {count === null ? 'Tag events' : `Tag ${formatCount(count)} events`}
        </button>
      </div>
    </Modal>
  );
}
