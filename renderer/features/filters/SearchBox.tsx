import { useEffect, useRef, useState } from 'react';
import { useScope } from '../../app/scope.tsx';

/** Typing pauses shorter than this do not query: each search scans every column and the raw record. */
const DEBOUNCE_MS = 300;

/** Free text across the main columns and the raw record; `/` focuses it from anywhere. */
export function SearchBox(): React.JSX.Element {
  const { search, setSearch } = useScope();
  const [text, setText] = useState(search);
  const input = useRef<HTMLInputElement>(null);

  // What this box last handed to the scope; any other search value came from elsewhere (Clear all,
  // another case) and replaces the text. Comparing with the text instead would undo keystrokes
  // typed while the debounced value was on its way.
  const sent = useRef(search);
  useEffect(() => {
    if (search !== sent.current) {
      sent.current = search;
      setText(search);
    }
  }, [search]);

  const commit = (value: string): void => {
    sent.current = value;
    setSearch(value);
  };

  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      setSearch(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, setSearch]);

  useEffect(() => {
    // `/` to search, as in most log viewers; not while typing in another field.
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      // A global keyboard handler that already took the key (and focused this box) wins.
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search-box">
      <input
        ref={input}
        id="search-input"
        type="search"
        data-testid="search-input"
        className="search-input"
        placeholder="Search all fields and raw  ( / )"
        aria-label="Search all fields and the raw record"
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
          else if (e.key === 'Escape') {
            if (text === '') e.currentTarget.blur();
            setText('');
            commit('');
          } else return;
          e.preventDefault();
        }}
      />
    </div>
  );
}
