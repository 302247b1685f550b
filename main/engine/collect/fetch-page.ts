import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PendingPage } from './commit.ts';
import { RemoteError, type HttpClient, type HttpResponse } from './http/client.ts';
import type { Secrets } from './http/redact.ts';
import { readPath, type Auth, type FetchedPage, type PageRequest, type VendorDef } from './types.ts';

/** Response headers not worth keeping (or sensitive: cookies are the vendor's session state, not evidence). */
const DROP_HEADERS = new Set(['set-cookie', 'connection', 'keep-alive', 'transfer-encoding']);

export interface Fetched {
  page: FetchedPage;
  res: HttpResponse;
  sent: { headers: Record<string, string>; body: string | null };
}

function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/** A vendor's refusal (4xx): stated with the vendor's own message. */
function refusal(vendor: VendorDef, req: PageRequest, res: HttpResponse, secrets: Secrets): RemoteError {
  let text: string | undefined;
  try {
    text = vendor.errorText(JSON.parse(res.body.toString('utf8')));
  } catch {
    text = undefined;
  }
  text ??= printable(res.body.toString('utf8')).slice(0, 300) || undefined;
  const hint =
    res.status === 401 ? ` — check ${vendor.envVar} (${vendor.credentialName})`
    : res.status === 403 ? ' — the credential lacks the permission to read the audit log'
    : '';
  return new RemoteError(
    'status',
    secrets.redact(`${vendor.label} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} to ${req.method} ${secrets.url(req.url)}${text ? `: ${printable(text)}` : ''}${hint}`),
    res.status,
  );
}

function shapeOk(json: unknown, path: string): boolean {
  if (path === '$[*]') return Array.isArray(json);
  const key = path.replace(/^\$\./, '').replace(/\[\*\]$/, '').split('.')[0] ?? '';
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const v = (json as Record<string, unknown>)[key];
  return path.endsWith('[*]') ? Array.isArray(v) : v !== undefined;
}

/** Sends one page request with the vendor's auth (renewing it once on a 401) and checks the answer's shape. */
export async function fetchPage(vendor: VendorDef, http: HttpClient, auth: Auth, req: PageRequest, secrets: Secrets): Promise<Fetched> {
  const body = req.body !== undefined ? JSON.stringify(req.body) : null;
  const build = async (): Promise<Record<string, string>> => ({
    ...(await auth.headers()),
    ...(body !== null ? { 'content-type': 'application/json' } : {}),
  });
  let headers = await build();
  let res = await http.request({ method: req.method, url: req.url, headers, ...(body !== null ? { body } : {}) }, { json: true });
  if (res.status === 401 && auth.renew && (await auth.renew())) {
    headers = await build();
    res = await http.request({ method: req.method, url: req.url, headers, ...(body !== null ? { body } : {}) }, { json: true });
  }
  if (req.probe && res.status >= 400 && res.status < 500 && res.status !== 401) {
    let json: unknown = null;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      json = null;
    }
    return { page: { request: req, status: res.status, headers: res.headers, json, records: [] }, res, sent: { headers, body } };
  }
  if (res.status < 200 || res.status >= 300) throw refusal(vendor, req, res, secrets);
  const path = req.role === 'detail' ? (vendor.records.detail ?? vendor.records.events) : vendor.records.events;
  if (!shapeOk(res.json, path)) {
    throw new RemoteError('bad-response', `${vendor.label} answered ${req.method} ${secrets.url(req.url)} with JSON of another shape than its API describes (expected ${path === '$[*]' ? 'an array' : path})`);
  }
  return {
    page: { request: req, status: res.status, headers: res.headers, json: res.json, records: readPath(res.json, path) },
    res,
    sent: { headers, body },
  };
}

/**
 * Writes a fetched page's body to the pull's temp folder, ready for its group's commit. The hash
 * is of the bytes as received. Should the server echo our own credential (an audit log of its
 * API calls logs the call that reads it), the stored body has it cut out and says so.
 */
export function stashPage(f: Fetched, o: { seq: number; windowIndex: number; dir: string; vendor: VendorDef; secrets: Secrets }): PendingPage {
  const { res, page, sent } = f;
  const sha256 = createHash('sha256').update(res.body).digest('hex');
  let stored = res.body;
  let bodyRedacted = false;
  const text = res.body.toString('utf8');
  if (o.secrets.found(text)) {
    stored = Buffer.from(o.secrets.redact(text), 'utf8');
    bodyRedacted = true;
  }
  const file = join(o.dir, `page-${o.seq}.json`);
  writeFileSync(file, stored);
  const responseHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (!DROP_HEADERS.has(k)) responseHeaders[k] = o.secrets.redact(v);
  const role = page.request.role;
  const mapped = res.status >= 200 && res.status < 300 && role !== 'index';
  return {
    seq: o.seq, windowIndex: o.windowIndex, role, method: page.request.method, url: o.secrets.url(page.request.url),
    requestHeaders: o.secrets.headers(sent.headers), requestBody: sent.body === null ? null : o.secrets.redact(sent.body),
    status: res.status, responseHeaders, sha256, bytes: res.body.length, fetchedAt: res.fetchedAt, elapsedMs: res.elapsedMs,
    attempts: res.attempts, records: page.records.length, file, bodyRedacted,
    storedSha256: bodyRedacted ? createHash('sha256').update(stored).digest('hex') : sha256,
    recordsPath: !mapped ? null : role === 'detail' ? (o.vendor.records.detail ?? o.vendor.records.events) : o.vendor.records.events,
  };
}
