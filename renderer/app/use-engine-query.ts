import { useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../preload/api.ts';
import { withAbort } from '../http-bridge.ts';

export interface EngineQueryState<T> {
  /** The last successful answer; kept while a newer query runs or after one fails, so panels never blank. */
  value: T | null;
  error: ApiError | null;
  loading: boolean;
}

/**
 * Runs `run` whenever `key` changes (the key must capture everything the query depends on) and
 * keeps only the answer to the latest request: a slow answer to an older scope never overwrites a
 * newer one, and the older request is cancelled. Disabled queries keep nothing.
 */
export function useEngineQuery<T>(key: string, run: () => Promise<Result<T>>, enabled: boolean): EngineQueryState<T> {
  const [state, setState] = useState<EngineQueryState<T>>({ value: null, error: null, loading: false });
  const latest = useRef(0);
  // The function changes identity on every render; only the key decides when to ask again.
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const mine = ++latest.current;
    if (!enabled) {
      setState({ value: null, error: null, loading: false });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    // A newer key or an unmount cancels this request, and the server stops the query behind it.
    const ac = new AbortController();
    void withAbort(ac.signal, () => runRef.current()).then(
      (result) => {
        if (mine !== latest.current) return;
        setState((s) =>
          result.ok
            ? { value: result.value, error: null, loading: false }
            : { value: s.value, error: result.error, loading: false },
        );
      },
      (e: unknown) => {
        if (mine !== latest.current) return;
        const message = e instanceof Error ? e.message : String(e);
        setState((s) => ({ value: s.value, error: { code: 'internal', message }, loading: false }));
      },
    );
    return () => ac.abort();
  }, [key, enabled]);

  return state;
}
