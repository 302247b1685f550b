/**
 * How long a server asks us to wait, from the headers vendors use for it, and how long to back
 * off between retries. Vendors disagree on what the same header means: UbiOps sends
 * `x-ratelimit-reset` as seconds to wait, GitHub and Okta send a reset time in epoch seconds.
 * Each vendor says which it means (RateLimitRules); a value that can only be an epoch is read as
 * one whatever the rule says.
 */

export interface RateLimitRules {
  /** Header with the time the limit resets (lower-case). */
  resetHeader?: string;
  resetKind?: 'epoch-seconds' | 'delta-seconds';
  /** Header with the requests left in the current window; 0 means wait for the reset before the next request. */
  remainingHeader?: string;
  /** Statuses that mean "rate limited" besides 429 when the remaining header says 0 (GitHub answers 403). */
  limitedStatuses?: number[];
}

export type Headers = Record<string, string>;

/** Retry-After: delay-seconds or an HTTP date. Fractions are accepted (test servers use them). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (!Number.isNaN(t)) return Math.max(0, t - now);
  return undefined;
}

/** Milliseconds until the reset named by the vendor's reset header, or undefined. */
export function resetMs(headers: Headers, rules: RateLimitRules | undefined, now: number): number | undefined {
  if (!rules?.resetHeader) return undefined;
  const raw = headers[rules.resetHeader];
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  // No delay is a billion seconds long; such a value is an epoch time.
  const epoch = rules.resetKind === 'epoch-seconds' || n > 1e9;
  return Math.max(0, Math.round(epoch ? n * 1000 - now : n * 1000));
}

export function remaining(headers: Headers, rules: RateLimitRules | undefined): number | undefined {
  if (!rules?.remainingHeader) return undefined;
  const raw = headers[rules.remainingHeader];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** Is this response a rate-limit refusal? */
export function isRateLimited(status: number, headers: Headers, rules: RateLimitRules | undefined): boolean {
  if (status === 429) return true;
  if (rules?.limitedStatuses?.includes(status)) {
    return remaining(headers, rules) === 0 || headers['retry-after'] !== undefined;
  }
  return false;
}

/** The wait a rate-limited response asks for: Retry-After first, then the vendor's reset header. */
export function rateLimitWait(headers: Headers, rules: RateLimitRules | undefined, now: number): { ms: number; why: string } | undefined {
  const ra = retryAfterMs(headers['retry-after'], now);
  if (ra !== undefined) return { ms: ra, why: `Retry-After ${headers['retry-after']}` };
  const reset = resetMs(headers, rules, now);
  if (reset !== undefined && rules?.resetHeader) return { ms: reset, why: `${rules.resetHeader} ${headers[rules.resetHeader]}` };
  return undefined;
}

/**
 * Exponential backoff with jitter ("equal jitter"): half the exponential step plus a random half,
 * so concurrent clients spread out but no retry comes immediately.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export function fmtWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
