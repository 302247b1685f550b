/**
 * Credentials must never reach the case file, a log, an error message, an export or the custody
 * log. Everything a pull writes or reports passes through one Secrets set: every credential it
 * was given and every token it derived (a Squadcast access token) is cut out of any text.
 */
export const REDACTED = '[redacted]';

/** Request headers whose values are credentials whatever they hold. */
const SECRET_HEADERS = new Set(['authorization', 'x-refresh-token', 'cookie', 'proxy-authorization', 'x-api-key', 'x-auth-token']);

/** Query parameters that carry credentials in some APIs (never in the five we pull, but links come from servers). */
const SECRET_PARAMS = /^(access_token|token|api_key|apikey|key|sig|signature|client_secret|password|refresh_token)$/i;

export class Secrets {
  private readonly values = new Set<string>();

  add(secret: string | undefined | null): void {
    // Very short values would redact ordinary text; no real token is that short.
    if (secret && secret.length >= 6) {
      this.values.add(secret);
      this.values.add(encodeURIComponent(secret));
      this.values.add(JSON.stringify(secret).slice(1, -1));
    }
  }

  get size(): number {
    return this.values.size;
  }

  /** The text with every known secret replaced; longest first, so a secret inside another goes too. */
  redact(text: string): string {
    let out = text;
    for (const s of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return out;
  }

  /** Does this text hold any known secret? */
  found(text: string): boolean {
    for (const s of this.values) if (text.includes(s)) return true;
    return false;
  }

  /** A URL as it may be recorded: no user-info, no credential-like query parameters, no known secret. */
  url(raw: string): string {
    try {
      const u = new URL(raw);
      u.username = '';
      u.password = '';
      for (const k of [...u.searchParams.keys()]) if (SECRET_PARAMS.test(k)) u.searchParams.set(k, REDACTED);
      return this.redact(u.toString());
    } catch {
      return this.redact(raw);
    }
  }

  /** Request headers as they may be recorded: credential headers keep their scheme only. */
  headers(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) {
      if (SECRET_HEADERS.has(k.toLowerCase())) {
        const scheme = /^(Bearer|SSWS|Token|Basic)\s/i.exec(v)?.[1];
        out[k] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
      } else out[k] = this.redact(v);
    }
    return out;
  }
}

/** user:password@ in a proxy URL is a credential too. */
export function stripUserInfo(raw: string): string {
  return raw.replace(/\/\/[^/@\s]*@/g, '//');
}
