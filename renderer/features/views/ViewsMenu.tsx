import { useEffect, useState } from 'react';
import type { SavedView } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { Popover } from '../../app/Popover.tsx';
import { useScope } from '../../app/scope.tsx';
import { notify } from '../../app/toasts.ts';
import type { TableLayout } from '../table/column-layout.ts';
import { describeView, layoutOf, scopeOf, viewOf } from './view-state.ts';
import './views.css';

export interface ViewsMenuProps {
  layout: TableLayout;
  onLayout(next: TableLayout): void;
  /** Bumped when the case changes, so the list is read again. */
  generation: number;
}

/**
 * Saved views: the current filter, chips, search, time range, zone, columns and sort under a
 * name; open one to get exactly that back; rename or delete in place. Names and filters are text.
 */
export function ViewsMenu({ layout, onLayout, generation }: ViewsMenuProps): React.JSX.Element {
  const scope = useScope();
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const load = (): void => {
    void api.listViews().then((r) => r.ok && setViews(r.value));
  };
  useEffect(load, [generation]);

  const save = async (replace = false): Promise<void> => {
    const r = await api.saveView({ name, view: viewOf(scope, layout), replace });
    if (!r.ok) {
      notify(r.error.message, 'error');
      return;
    }
    setName('');
    notify(`Saved view “${r.value.name}”`);
    load();
  };
  const open = (v: SavedView): void => {
    scope.restore(scopeOf(v));
    onLayout(layoutOf(v, layout));
    setAt(null);
    notify(`Opened view “${v.name}”`);
  };
  const rename = async (): Promise<void> => {
    if (!renaming) return;
    const r = await api.renameView({ id: renaming.id, name: renaming.name });
    if (!r.ok) notify(r.error.message, 'error');
    else setRenaming(null);
    load();
  };
  const remove = async (id: number): Promise<void> => {
    const r = await api.deleteView({ id });
    if (!r.ok) notify(r.error.message, 'error');
    setConfirmDelete(null);
    load();
  };
  const taken = views.some((v) => v.name.toLowerCase() === name.trim().toLowerCase());

  return (
    <>
      <button
        type="button"
        className="secondary views-button"
        aria-haspopup="dialog"
        aria-expanded={at !== null}
        data-testid="views-button"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          load();
          setAt({ x: box.right, y: box.bottom + 4 });
        }}
      >
        Views{views.length > 0 ? ` (${views.length})` : ''} ▾
      </button>
      {at && (
        <Popover at={at} alignRight onClose={() => setAt(null)} label="Saved views" className="views-menu" testId="views-menu">
          <form
            className="views-save"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void save(taken);
            }}
          >
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view…" aria-label="View name" maxLength={100} data-testid="view-name" />
            <button type="submit" disabled={name.trim() === ''} data-testid="view-save">
              {taken ? 'Replace' : 'Save'}
            </button>
          </form>
          <p className="muted views-hint">Saves the filter, chips, search, time range, zone, columns and sort.</p>
          {views.length === 0 ? (
            <p className="muted views-empty">No saved views yet.</p>
          ) : (
            <ul className="views-list" aria-label="Saved views">
              {views.map((v) => (
                <li key={v.id} className="view-item" data-testid="view-item" data-view={v.name}>
                  {renaming?.id === v.id ? (
                    <form
                      className="views-save"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void rename();
                      }}
                    >
                      <input value={renaming.name} onChange={(e) => setRenaming({ id: v.id, name: e.target.value })} aria-label="New name" autoFocus maxLength={100} data-testid="view-rename-input" />
                      <button type="submit" className="btn-sm">
                        Rename
                      </button>
                      <button type="button" className="secondary btn-sm" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : confirmDelete === v.id ? (
                    <div className="view-confirm">
                      <span>Delete “{v.name}”?</span>
                      <button type="button" className="btn-sm danger" onClick={() => void remove(v.id)} data-testid="view-delete-confirm">
                        Delete
                      </button>
                      <button type="button" className="secondary btn-sm" onClick={() => setConfirmDelete(null)}>
                        Keep
                      </button>
                    </div>
                  ) : (
                    <>
                      <button type="button" className="view-open" onClick={() => open(v)} data-testid="view-open" title={describeView(v)}>
                        <span className="view-name">{v.name}</span>
                        <span className="view-what muted">{describeView(v)}</span>
                      </button>
                      <button type="button" className="icon" aria-label={`Rename ${v.name}`} title="Rename" onClick={() => setRenaming({ id: v.id, name: v.name })} data-testid="view-rename">
                        ✎
                      </button>
                      <button type="button" className="icon" aria-label={`Delete ${v.name}`} title="Delete" onClick={() => setConfirmDelete(v.id)} data-testid="view-delete">
                        ✕
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Popover>
      )}
    </>
  );
}
