import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { composeFilter, useScope } from '../../app/scope.tsx';
import { CompletionList, type ListItem } from './CompletionList.tsx';
import { caretLeft } from './caret-left.ts';
import { applyCompletion } from './completion.ts';
import { errorPosition } from './error-position.ts';
import { useCompletion, type CompletionRequest } from './use-completion.ts';
import { useFilterHistory } from './use-filter-history.ts';

export interface FilterExpressionProps {
  /** The open case's path: history and the column list belong to it. */
  caseKey: string | null;
  /** An error from running the applied scope (the engine may reject what checkFilter allowed). */
  queryError: ApiError | null;
}

const EXAMPLE = "actor = 'alice' AND action IN ('DELETED', 'UPDATED') AND event_time > '2025-01-01'";
const LIST_ID = 'filter-completions';

type ListMode = { kind: 'complete' } | { kind: 'history' };

/**
 * The SQL filter box. The text is only ever sent to the engine as a value; the engine parses and
 * vets it. A rejected expression is marked where the engine points and the table keeps showing the
 * last good result.
 */
export function FilterExpression({ caseKey, queryError }: FilterExpressionProps): React.JSX.Element {
  const { filter: applied, chips, scope, setFilter } = useScope();
  const [text, setText] = useState(applied);
  const [checkError, setCheckError] = useState<{ error: ApiError; text: string } | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [request, setRequest] = useState<CompletionRequest | null>(null);
  const [mode, setMode] = useState<ListMode | null>(null);
  const [active, setActive] = useState(-1);
  const [scroll, setScroll] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Only the latest submission may apply: an answer to an older one arriving late is ignored, and
  // the button is never disabled (that would silently swallow an Enter pressed while checking).
  const submission = useRef(0);
  // Where the caret goes once an accepted completion is in the input (set in the same commit, so a
  // key typed right after lands behind the completion, not where the caret was before).
  const pendingCaret = useRef<number | null>(null);
  const { history, remember } = useFilterHistory(caseKey);
  const completions = useCompletion(mode?.kind === 'complete' ? request : null, columns);

  // The scope can change from elsewhere (Clear all, another case): the box follows it.
  useEffect(() => setText(applied), [applied]);

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null) return;
    pendingCaret.current = null;
    input.current?.setSelectionRange(caret, caret);
  }, [text]);

  useEffect(() => {
    // The column list comes from the engine so the completion never offers what it would refuse.
    if (!caseKey) return;
    let live = true;
    void api.checkFilter('').then((r) => {
      if (live && r.ok) setColumns(r.value.columns);
    });
    return () => {
      live = false;
    };
  }, [caseKey]);

  const list: { title: string; items: ListItem[] } | null =
    mode?.kind === 'history'
      ? history.length
        ? { title: 'Recent filters', items: history.map((h) => ({ key: h, label: h })) }
        : null
      : completions;
  const open = list !== null && list.items.length > 0;
  const listLeft = mode?.kind === 'complete' && completions ? caretLeft(input.current, completions.ctx.from, scroll) : 0;

  const closeList = (): void => {
    setMode(null);
    setActive(-1);
  };

  const apply = async (raw: string): Promise<void> => {
    closeList();
    const expr = raw.trim();
    const mine = ++submission.current;
    if (expr === '') {
      setCheckError(null);
      setFilter('');
      return;
    }
    const fail = (error: ApiError): void => {
      if (mine === submission.current) setCheckError({ error, text: raw });
    };
    const checked = await api.checkFilter(expr);
    if (mine !== submission.current) return;
    if (!checked.ok) return fail(checked.error);
    if (!checked.value.valid) return fail(checked.value.error ?? { code: 'bad-filter', message: 'Invalid filter' });
    // Parsing is not everything: `batch_id = 'abc'` parses but fails on the first row. Counting the
    // scope it would produce finds that before the table is replaced, so a bad expression leaves
    // the last good result on screen instead of an error where the rows were.
    const counted = await api.countEvents({ ...scope, filter: composeFilter(expr, chips) });
    if (mine !== submission.current) return;
    if (!counted.ok) return fail(counted.error);
    setCheckError(null);
    remember(expr);
    setFilter(expr);
  };

  const submit = (e?: FormEvent): void => {
    e?.preventDefault();
    void apply(text);
  };

  const pick = (i: number): void => {
    if (mode?.kind === 'history') {
      const chosen = history[i];
      if (chosen === undefined) return;
      setText(chosen);
      void apply(chosen);
      return;
    }
    const insert = completions?.inserts[i];
    if (!completions || insert === undefined) return;
    const next = applyCompletion(text, completions.ctx, insert);
    pendingCaret.current = next.caret;
    setText(next.text);
    closeList();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const n = list?.items.length ?? 0;
    if (open && e.key === 'ArrowDown') setActive((a) => (a + 1) % n);
    else if (open && e.key === 'ArrowUp') setActive((a) => (a <= 0 ? n - 1 : a - 1));
    else if (open && e.key === 'Enter' && active >= 0) pick(active);
    else if (open && e.key === 'Tab' && !e.shiftKey) pick(Math.max(0, active));
    else if (open && e.key === 'Escape') closeList();
    else if (!open && e.key === 'ArrowDown' && history.length > 0) {
      setMode({ kind: 'history' });
      setActive(0);
    } else if (e.key === ' ' && e.ctrlKey) {
      setRequest({ text, caret: e.currentTarget.selectionStart ?? text.length, explicit: true });
      setMode({ kind: 'complete' });
      setActive(-1);
    } else if (e.key === 'Escape') {
      setText(applied);
      setCheckError(null);
      e.currentTarget.blur();
    } else return;
    e.preventDefault();
  };

  const error = checkError?.error ?? (queryError?.code === 'bad-filter' ? queryError : null);
  // The mark is drawn only over the text it was computed for; editing hides it until the next check.
  const pos = checkError && checkError.text === text ? errorPosition(checkError.error, text) : undefined;

  const goToError = (): void => {
    if (pos === undefined) return;
    input.current?.focus();
    input.current?.setSelectionRange(pos, Math.min(text.length, pos + 1));
  };

  return (
    <form className="filter-row" onSubmit={submit}>
      <label htmlFor="filter-input" className="filter-label">
        Filter
      </label>
      <div className="filter-field">
        {pos !== undefined && (
          <div className="filter-mirror" aria-hidden="true">
            <span style={{ transform: `translateX(${-scroll}px)` }}>
              {text.slice(0, pos)}
              <mark className="filter-error-mark" data-testid="filter-error-mark">
                {text.slice(pos, pos + 1) || ' '}
              </mark>
            </span>
          </div>
        )}
        <input
          id="filter-input"
          ref={input}
          data-testid="filter-input"
          className={error ? 'filter-input invalid' : 'filter-input'}
          value={text}
          placeholder={EXAMPLE}
          spellCheck={false}
          autoComplete="off"
          role="combobox"
          aria-expanded={open}
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${LIST_ID}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'filter-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setRequest({ text: e.target.value, caret: e.target.selectionStart ?? e.target.value.length, explicit: false });
            setMode({ kind: 'complete' });
            setActive(-1);
            setScroll(e.target.scrollLeft);
          }}
          onScroll={(e) => setScroll(e.currentTarget.scrollLeft)}
          onSelect={(e) => setScroll(e.currentTarget.scrollLeft)}
          onBlur={closeList}
          onKeyDown={onKeyDown}
        />
        {open && list && (
          <CompletionList id={LIST_ID} title={list.title} items={list.items} active={active} onPick={pick} left={listLeft} />
        )}
      </div>
      <button type="submit" data-testid="filter-apply">
        Apply
      </button>
      <button
        type="button"
        className="secondary"
        data-testid="filter-history"
        disabled={history.length === 0}
        title="Recent filters of this case (↓ in the empty box)"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          input.current?.focus();
          if (mode?.kind === 'history') closeList();
          else {
            setMode({ kind: 'history' });
            setActive(0);
          }
        }}
      >
        History
      </button>
      {(applied !== '' || text !== '') && (
        <button
          type="button"
          className="secondary"
          data-testid="filter-clear"
          onClick={() => {
            setText('');
            void apply('');
          }}
        >
          Clear
        </button>
      )}
      {error && (
        <div id="filter-error" className="filter-error" role="alert" data-testid="filter-error">
          <span>{error.message}</span>
          {pos !== undefined && (
            <button type="button" className="link filter-error-pos" onClick={goToError}>
              at character {pos + 1}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

