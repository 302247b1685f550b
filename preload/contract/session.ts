/** Per-case UI state, kept in the case's `session` table so it travels with the case. */
import type { ArgKind, Result } from './common.ts';

export interface SessionApi {
  getSession(key: string): Promise<Result<unknown>>;
  setSession(q: { key: string; value: unknown }): Promise<Result<null>>;
}

export const SESSION_METHODS = {
  getSession: ['string'],
  setSession: ['object'],
} as const satisfies Record<keyof SessionApi, readonly ArgKind[]>;
