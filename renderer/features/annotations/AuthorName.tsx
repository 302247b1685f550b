import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { notify } from '../../app/toasts.ts';

/** "as dana": who annotations are recorded as (the OS user name until changed), editable in place. */
export function AuthorName(): React.JSX.Element {
  const [name, setName] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    void api.getAuthor().then((r) => r.ok && setName(r.value));
  }, []);
  const save = async (): Promise<void> => {
    if (editing === null) return;
    const r = await api.setAuthor(editing);
    if (!r.ok) {
      notify(r.error.message, 'error');
      return;
    }
    setName(r.value);
    setEditing(null);
  };
  if (editing !== null) {
    return (
      <form
        className="author-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input aria-label="Author name" value={editing} onChange={(e) => setEditing(e.target.value)} autoFocus maxLength={100} data-testid="author-input" />
        <button type="submit" className="btn-sm">
          Save
        </button>
        <button type="button" className="secondary btn-sm" onClick={() => setEditing(null)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <button type="button" className="link author-name" onClick={() => setEditing(name ?? '')} title="Annotations are recorded under this name" data-testid="author-name">
      as {name ?? '…'} ✎
    </button>
  );
}
