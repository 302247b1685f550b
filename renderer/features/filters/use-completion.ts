import { useEffect, useState } from 'react';
import type { EventColumn } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount } from '../../app/format.ts';
import type { ListItem } from './CompletionList.tsx';
import { completionAt, matchColumns, quoteValue, type CompletionContext } from './completion.ts';

export interface CompletionRequest {
  text: string;
  caret: number;
  /** Ctrl+Space: list every column even before a letter is typed. */
  explicit: boolean;
}

export interface Completions {
  ctx: CompletionContext;
  title: string;
  items: ListItem[];
  /** What accepting item i inserts in place of ctx.from..ctx.to. */
  inserts: string[];
}

interface ValueAnswer {
  column: string;
  from: number;
  prefix: string;
  values: { value: string; count: number }[];
}

/** Columns whose values are worth suggesting (the engine has no suggestions for the JSON blobs). */
const NO_VALUES = new Set(['raw', 'changes']);
/** Enough to choose from without a scrollbar; the prefix narrows the rest. */
const VALUE_LIMIT = 12;
/** Typing pauses shorter than this do not ask the engine (a GROUP BY over the whole case). */
const VALUE_DEBOUNCE_MS = 120;

function contextFor(request: CompletionRequest | null): CompletionContext | null {
  if (!request) return null;
  const ctx = completionAt(request.text, request.caret);
  if (ctx || !request.explicit) return ctx;
  return { kind: 'column', prefix: '', from: request.caret, to: request.caret };
}

/** Completions for the caret position in the filter text; null when there is nothing to offer. */
export function useCompletion(request: CompletionRequest | null, columns: readonly string[]): Completions | null {
  const [answer, setAnswer] = useState<ValueAnswer | null>(null);

  const ctx = contextFor(request);
  const column =
    ctx?.kind === 'value' ? columns.find((c) => c.toLowerCase() === ctx.column.toLowerCase() && !NO_VALUES.has(c)) : undefined;
  const prefix = ctx?.prefix ?? '';
  const from = ctx?.from ?? -1;

  useEffect(() => {
    if (!column) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.suggestValues({ column: column as EventColumn, prefix, limit: VALUE_LIMIT }).then((r) => {
        if (live) setAnswer({ column, from, prefix, values: r.ok ? r.value : [] });
      });
    }, VALUE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [column, prefix, from]);

  if (!ctx || !request) return null;
  if (ctx.kind === 'column') {
    if (ctx.prefix === '' && !request.explicit) return null;
    const names = ctx.prefix === '' ? [...columns] : matchColumns(ctx.prefix, columns);
    if (names.length === 0) return null;
    return { ctx, title: 'Columns', items: names.map((n) => ({ key: n, label: n })), inserts: names };
  }
  // An answer belongs to the literal it was asked for. While the engine answers a longer prefix, the
  // last answer is narrowed locally rather than the list flickering shut on every keystroke.
  if (!column || !answer || answer.column !== column || answer.from !== ctx.from) return null;
  const p = ctx.prefix.toLowerCase();
  const values = answer.values.filter((v) => v.value.toLowerCase().startsWith(p));
  if (values.length === 0) return null;
  return {
    ctx,
    title: `Values of ${column}`,
    items: values.map((v) => ({ key: v.value, label: v.value, detail: formatCount(v.count) })),
    inserts: values.map((v) => quoteValue(v.value)),
  };
}
