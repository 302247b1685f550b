import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../preload/api.ts';
import { api } from '../../api.ts';

export interface FilterBarProps {
  applied: string;
  /** An error from running the applied filter (the engine may reject what checkFilter allowed). */
  queryError: ApiError | null;
  onApply(filter: string): void;
}

const EXAMPLE = "actor = 'alice' AND action IN ('DELETED', 'UPDATED') AND event_time > '2025-01-01'";

/**
 * The SQL filter box. The text is only ever sent to checkFilter/getEvents as a value; the engine
 * parses and vets it. A rejected filter leaves the table showing the last good result.
 */
export function FilterBar({ applied, queryError, onApply }: FilterBarProps): React.JSX.Element {
  const [text, setText] = useState(applied);
  const [checkError, setCheckError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Only the latest submission may apply: an answer to an older one arriving late is ignored, and
  // the button is never disabled (that would silently swallow an Enter pressed while checking).
  const submission = useRef(0);

  useEffect(() => {
    // `/` focuses the filter from anywhere except another text field, as in most log viewers.
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (e.key !== '/' || target?.closest('input, textarea, [contenteditable="true"]')) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    const filter = text.trim();
    if (filter === '') {
      submission.current += 1;
      setCheckError(null);
      onApply('');
      return;
    }
    const mine = ++submission.current;
    const result = await api.checkFilter(filter);
    if (mine !== submission.current) return;
    if (!result.ok) setCheckError(result.error);
    else if (!result.value.valid)
      setCheckError(result.value.error ?? { code: 'bad-filter', message: 'Invalid filter' });
    else {
      setCheckError(null);
      onApply(filter);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') {
      setText(applied);
      setCheckError(null);
      e.currentTarget.blur();
    }
  };

  const error = checkError ?? (queryError?.code === 'bad-filter' ? queryError : null);

  return (
    <form className="filter-bar" onSubmit={(e) => void submit(e)} role="search">
      <label htmlFor="filter-input" className="filter-label">
        Filter
      </label>
      <input
        id="filter-input"
        ref={input}
        data-testid="filter-input"
        className={error ? 'filter-input invalid' : 'filter-input'}
        value={text}
        placeholder={EXAMPLE}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'filter-error' : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit">Apply</button>
      {applied !== '' && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            submission.current += 1;
            setText('');
            setCheckError(null);
            onApply('');
          }}
        >
          Clear
        </button>
      )}
      {error && (
        <div id="filter-error" className="filter-error" role="alert" data-testid="filter-error">
          {error.message}
          {error.position !== undefined && (
            <span className="filter-error-pos"> (at character {error.position + 1})</span>
          )}
        </div>
      )}
    </form>
  );
}
