import { ATTACKER_IP, ATTACKER_UA, BROWSER_UA, type Person } from './cast.ts';
import { type Rng, iso } from './rng.ts';

/** The Okta System Log event shape (as `/api/v1/logs` returns it) and the expansion of a short draft into it. */

export interface Target {
  id: string;
  type: string;
  alternateId: string | null;
  displayName: string;
  detailEntry: null;
  changeDetails?: { from: Record<string, unknown>; to: Record<string, unknown> };
}

export interface OktaEvent {
  actor: { id: string; type: string; alternateId: string; displayName: string; detailEntry: null };
  client: {
    userAgent: { rawUserAgent: string; os: string; browser: string };
    zone: string;
    device: string;
    id: null;
    ipAddress: string | null;
    geographicalContext: {
      city: string;
      state: string;
      country: string;
      postalCode: string | null;
      geolocation: { lat: number; lon: number };
    } | null;
  };
  device: null;
  authenticationContext: {
    authenticationProvider: null;
    credentialProvider: null;
    credentialType: null;
    issuer: null;
    interface: null;
    authenticationStep: number;
    externalSessionId: string;
  };
  displayMessage: string;
  eventType: string;
  outcome: { result: 'SUCCESS' | 'FAILURE' | 'DENY' | 'ALLOW'; reason: string | null };
  published: string;
  securityContext: {
    asNumber: number | null;
    asOrg: string | null;
    isp: string | null;
    domain: string | null;
    isProxy: boolean | null;
  };
  severity: 'INFO' | 'WARN';
  debugContext: { debugData: Record<string, string> };
  legacyEventType: string | null;
  transaction: { type: 'WEB' | 'JOB'; id: string; detail: Record<string, never> };
  uuid: string;
  version: '0';
  request: { ipChain: Array<{ ip: string; version: 'V4'; source: null }> };
  target: Target[] | null;
}

export interface Draft {
  ms: number;
  who: Person | 'system';
  ip: string | null;
  type: string;
  message: string;
  result?: OktaEvent['outcome']['result'];
  reason?: string;
  targets?: Target[];
  api?: boolean;
}

const GEO: Record<string, OktaEvent['client']['geographicalContext']> = {
  office: {
    city: 'Berlin',
    state: 'Land Berlin',
    country: 'Germany',
    postalCode: '10117',
    geolocation: { lat: 52.5167, lon: 13.3833 },
  },
  attacker: {
    city: 'Amsterdam',
    state: 'North Holland',
    country: 'Netherlands',
    postalCode: '1012',
    geolocation: { lat: 52.3759, lon: 4.8975 },
  },
};

export function toOktaEvent(d: Draft, rng: Rng): OktaEvent {
  const who = d.who;
  const sys = who === 'system';
  const attacker = d.ip === ATTACKER_IP;
  const ua = d.api ? ATTACKER_UA : BROWSER_UA;
  const txn = rng.hex(32);
  return {
    actor:
      who === 'system'
        ? {
            id: '0oa1oktaSystem00697',
            type: 'PublicClientApp',
            alternateId: 'system@okta.com',
            displayName: 'Okta System',
            detailEntry: null,
          }
        : { id: who.oktaId, type: 'User', alternateId: who.email, displayName: who.name, detailEntry: null },
    client: {
      userAgent: {
        rawUserAgent: sys ? 'Okta' : ua,
        os: d.api ? 'Unknown' : 'Mac OS X',
        browser: d.api ? 'UNKNOWN' : 'CHROME',
      },
      zone: 'null',
      device: d.api ? 'Unknown' : 'Computer',
      id: null,
      ipAddress: d.ip,
      geographicalContext: d.ip === null ? null : attacker ? (GEO.attacker ?? null) : (GEO.office ?? null),
    },
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: sys ? 'unknown' : `trs${rng.hex(20)}`,
    },
    displayMessage: d.message,
    eventType: d.type,
    outcome: { result: d.result ?? 'SUCCESS', reason: d.reason ?? null },
    published: iso(d.ms),
    securityContext: attacker
      ? {
          asNumber: 64496,
          asOrg: 'example hosting b.v.',
          isp: 'example hosting',
          domain: 'example.net',
          isProxy: true,
        }
      : {
          asNumber: 64500,
          asOrg: 'acme office uplink',
          isp: 'example telecom',
          domain: 'acme.example',
          isProxy: false,
        },
    severity: d.result === 'FAILURE' || d.type === 'user.account.lock' ? 'WARN' : 'INFO',
    debugContext: {
      debugData: {
        requestId: txn,
        requestUri: d.api ? '/api/v1/' + d.type.split('.')[0] : '/idp/idx/identify',
        url: d.api ? '/api/v1/' + d.type.split('.')[0] + '?' : '/idp/idx/identify?',
      },
    },
    legacyEventType: null,
    transaction: { type: sys ? 'JOB' : 'WEB', id: txn, detail: {} },
    uuid: rng.uuid(),
    version: '0',
    request: { ipChain: d.ip ? [{ ip: d.ip, version: 'V4', source: null }] : [] },
    target: d.targets && d.targets.length ? d.targets : null,
  };
}
