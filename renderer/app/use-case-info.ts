import { useEffect, useState } from 'react';
import type { ApiError, CaseInfo } from '../../preload/api.ts';
import { api } from '../api.ts';

export interface CaseState {
  /** False until the first caseInfo answer (ok or not) arrives. */
  loaded: boolean;
  info: CaseInfo | null;
  error: ApiError | null;
  /** Bumped whenever the case's contents may have changed; queries key on it. */
  generation: number;
}

/** The open case, kept current through the host's case-changed and import-done events. */
export function useCaseInfo(): CaseState {
  const [state, setState] = useState<CaseState>({ loaded: false, info: null, error: null, generation: 0 });

  useEffect(() => {
    let live = true;
    const load = async (): Promise<void> => {
      const result = await api.caseInfo();
      if (!live) return;
      setState((s) => ({
        loaded: true,
        info: result.ok ? result.value : null,
        // No case open is a normal state with its own screen, not an error.
        error: result.ok || result.error.code === 'no-case' ? null : result.error,
        generation: s.generation + (s.loaded ? 1 : 0),
      }));
    };
    void load();
    const offs = [
      api.on('case-changed', (info) => {
        setState((s) => ({ loaded: true, info, error: null, generation: s.generation + 1 }));
      }),
      api.on('import-done', () => void load()),
    ];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, []);

  return state;
}
