import type { ApiEventName, AuditEvents, CaseInfo, Result } from '../../preload/api.ts';
import type { Case } from './case/case.ts';
import { EngineError, toApiError } from './errors.ts';
import { withCall } from './query-pool.ts';

/**
 * What every engine module's slice of the API shares: the open case, the event stream and the
 * host's per-machine state. `engine/api.ts` builds one and hands it to each slice.
 */
export interface EngineContext {
  /** The open case, or an EngineError('no-case'). */
  need(): Case;
  readonly current: Case | null;
  /** Opens (or creates) a case and makes it current; refuses while long work runs on the current one. */
  open(path: string, create: boolean): Promise<CaseInfo>;
  close(): void;
  emit<E extends ApiEventName>(event: E, payload: AuditEvents[E]): void;
  /** Long-running work (imports, pulls, exports) by id; switching cases waits for none of it. */
  readonly jobs: Map<string, AbortController>;
  /** Per-machine state folder (recent cases, the demo case). */
  readonly dataDir: string;
  /** Where the demo case lives. */
  readonly demoPath: string;
  /** Builds the demo case at a path, if the host provides one (the demo generator is not part of the engine). */
  readonly buildDemo?: (path: string) => Promise<void>;
  recentList(): string[];
}

/** Runs engine work and turns what it throws into a Result: nothing throws across a boundary. */
export async function wrap<T>(f: () => Promise<T>): Promise<Result<T>> {
  try {
    // One call, one browsing connection, time-bounded statements (query-pool.ts).
    return { ok: true, value: await withCall(f) };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

export function noCase(): EngineError {
  return new EngineError('no-case', 'no case is open');
}
