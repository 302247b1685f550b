import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

/**
 * Who may talk to the serve host. A page on any other site can make the browser send requests to
 * 127.0.0.1, so three independent checks apply: the per-start token (the other site cannot know
 * it), the Host header (defeats DNS rebinding, where evil.example resolves to 127.0.0.1), and the
 * Origin header (defeats cross-site requests that carry the cookie anyway).
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  // Constant time, so the token cannot be guessed byte by byte from response timing.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are not isolated by port, so each serve instance names its own. */
export function cookieName(port: number): string {
  return `auditlens-${port}`;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function cookieToken(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function hostLiteral(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** Every `host:port` a legitimate browser tab would send for this server. */
export function allowedHostHeaders(boundHost: string, port: number, extraNames: readonly string[] = []): Set<string> {
  const names = new Set<string>([...LOOPBACK_NAMES, ...extraNames.map((n) => n.toLowerCase())]);
  if (WILDCARD_HOSTS.has(boundHost)) {
    // Bound to every interface (a shared workstation): the machine's own addresses are legitimate.
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) names.add(hostLiteral(info.address.toLowerCase()));
    }
  } else {
    names.add(hostLiteral(boundHost.toLowerCase()));
  }
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

export function allowedOrigins(hosts: Set<string>): Set<string> {
  return new Set([...hosts].map((h) => `http://${h}`));
}

/** The host part to print in the URL the user opens. */
export function displayHost(boundHost: string): string {
  if (WILDCARD_HOSTS.has(boundHost)) return '127.0.0.1';
  return hostLiteral(boundHost);
}
