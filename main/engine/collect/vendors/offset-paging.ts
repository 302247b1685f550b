import type { Json } from '../types.ts';

/**
 * Offset and page-number paging (epilot, UbiOps, Squadcast) is not stable while events arrive:
 * an event added ahead of the current position shifts every later page by one, so a record is
 * seen twice and — if it was added behind — another is never seen. A pass over a window
 * therefore notes whether it shifted (the vendor's total changed, or a page repeats a record of
 * the page before it); a shifted pass is followed by another pass over the same window (repeats
 * dedupe by vendor id), until one runs clean. A window that keeps shifting is left incomplete
 * rather than claimed covered.
 */

export const MAX_PASSES = 4;

export interface PassState {
  pass: number;
  /** Logical page index within the pass (0-based). */
  index: number;
  /** The vendor's total as first seen in this pass, where it gives one. */
  total: number | null;
  /** The last record id of the previous page. */
  lastId: string | null;
  shifted: boolean;
  [k: string]: Json;
}

export function freshPass(pass = 1): PassState {
  return { pass, index: 0, total: null, lastId: null, shifted: false };
}

export type PassOutcome =
  | { kind: 'continue'; state: PassState }
  | { kind: 'repass'; state: PassState }
  | { kind: 'done' }
  | { kind: 'incomplete'; reason: string };

/** Reads one page of a pass: `ids` of its records in order, the vendor's total if any, whether this page ends the pass. */
export function afterPage(prev: PassState, ids: string[], total: number | null, end: boolean): PassOutcome {
  let shifted = prev.shifted;
  if (total !== null && prev.total !== null && total !== prev.total) shifted = true;
  if (prev.lastId !== null && ids.includes(prev.lastId)) shifted = true;
  if (!end) {
    return { kind: 'continue', state: { ...prev, index: prev.index + 1, total: prev.total ?? total, lastId: ids[ids.length - 1] ?? prev.lastId, shifted } };
  }
  if (!shifted) return { kind: 'done' };
  if (prev.pass >= MAX_PASSES) {
    return { kind: 'incomplete', reason: `events kept arriving while paging (${prev.pass} passes shifted); what was fetched is in the case, but this window is not claimed complete` };
  }
  return { kind: 'repass', state: freshPass(prev.pass + 1) };
}

export function passState(state: { [k: string]: Json }): PassState {
  const s = state as Partial<PassState>;
  return {
    ...state,
    pass: typeof s.pass === 'number' ? s.pass : 1,
    index: typeof s.index === 'number' ? s.index : 0,
    total: typeof s.total === 'number' ? s.total : null,
    lastId: typeof s.lastId === 'string' ? s.lastId : null,
    shifted: s.shifted === true,
  };
}
