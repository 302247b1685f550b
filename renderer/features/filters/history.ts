/** The filter bar's history: the last applied expressions, newest first, kept per case. */

export const HISTORY_LIMIT = 20;
/** The session key (per case, in the case file's `session` table). */
export const HISTORY_KEY = 'filter-history';

/** `expr` moved (or added) to the front; blanks are not history, and the list stays bounded. */
export function pushHistory(history: readonly string[], expr: string): string[] {
  const e = expr.trim();
  if (e === '') return [...history];
  return [e, ...history.filter((h) => h !== e)].slice(0, HISTORY_LIMIT);
}

/** Whatever the session table held, as a history list: anything unexpected reads as empty. */
export function parseHistory(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').slice(0, HISTORY_LIMIT);
}
