import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { HISTORY_KEY, parseHistory, pushHistory } from './history.ts';

/**
 * The applied expressions of the open case, newest first, kept in the case file so they come back
 * with the case (and stay with it when the file is handed on). `caseKey` is the case's path.
 */
export function useFilterHistory(caseKey: string | null): { history: string[]; remember(expr: string): void } {
  const [history, setHistory] = useState<string[]>([]);
  const current = useRef(history);
  current.current = history;

  useEffect(() => {
    setHistory([]);
    if (!caseKey) return;
    let live = true;
    void api.getSession(HISTORY_KEY).then((r) => {
      if (live && r.ok) setHistory(parseHistory(r.value));
    });
    return () => {
      live = false;
    };
  }, [caseKey]);

  const remember = useCallback((expr: string) => {
    const before = current.current;
    const next = pushHistory(before, expr);
    if (next.join('\n') === before.join('\n')) return;
    current.current = next;
    setHistory(next);
    // A read-only case cannot store it; the history then lasts as long as the window.
    void api.setSession({ key: HISTORY_KEY, value: next });
  }, []);

  return { history, remember };
}
