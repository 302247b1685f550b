import { useEffect, useRef } from 'react';

export interface ListItem {
  key: string;
  label: string;
  /** Right-aligned, quieter: a count or a hint. */
  detail?: string;
}

export interface CompletionListProps {
  id: string;
  title: string;
  items: ListItem[];
  /** Index of the highlighted item, -1 for none (Enter then applies the filter instead). */
  active: number;
  onPick(index: number): void;
  /** Pixels from the input's left edge: under the word being completed. */
  left?: number;
}

/**
 * The drop-down under the filter input (completions or history). Focus stays in the input, which
 * drives the list with the arrow keys (aria-activedescendant); the mouse picks on mousedown so the
 * input never loses focus in between.
 */
export function CompletionList({ id, title, items, active, onPick, left = 0 }: CompletionListProps): React.JSX.Element {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (active < 0) return;
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <div className="completion" data-testid="completion-list" style={{ left }}>
      <div className="completion-title">{title}</div>
      <ul ref={list} id={id} role="listbox" aria-label={title} className="completion-items">
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`${id}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            data-testid="completion-item"
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(i);
            }}
          >
            <span className="completion-label">{item.label}</span>
            {item.detail && <span className="completion-detail">{item.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
