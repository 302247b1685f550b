import { EngineError } from '../errors.ts';

/**
 * Checks of the values inside a query object. Hosts check only the top-level shape of the
 * arguments (main/api-dispatch.ts); what a browser sends over HTTP can hold anything below it,
 * and a wrong type must come back as bad-input, not as an internal error.
 */

export function optionalText(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new EngineError('bad-input', `${what} must be text, not ${describe(v)}`);
  return v;
}

/** An integer within [lo, hi]; absent means `fallback`. Fractions are floored, the rest refused. */
export function intIn(v: unknown, lo: number, hi: number, fallback: number, what: string): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineError('bad-input', `${what} must be a number, not ${describe(v)}`);
  return Math.max(lo, Math.min(hi, Math.floor(v)));
}

export function optionalObject(v: unknown, what: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new EngineError('bad-input', `${what} must be an object, not ${describe(v)}`);
  return v as Record<string, unknown>;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
