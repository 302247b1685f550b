import { ATTACKER_IP, ATTACKER_UA, BROWSER_UA, DANA, LI, SAM, type Person } from './cast.ts';
import { Rng, at, iso, spread } from './rng.ts';

/** One epilot audit log event as `POST /v1/logs` returns it. */
export interface EpilotEvent {
  id: string;
  org_id: string;
  service_name: string;
  event_name: string;
  status_code: number;
  timestamp: string;
  caller: { user_email?: string; user_id: string; trigger_type: 'user' | 'api' | 'automation' };
  http: {
    method: string;
    ip: string | null;
    path: string;
    pathParams: Record<string, string>;
    query: Record<string, string>;
    domainName: string;
    headers: Record<string, string>;
  };
  detail: string;
  activity: string;
  source_url?: string;
}

const ORG = '739224';
const CUSTOMERS = [
  { id: '8c1f6a52-6d7e-4a4e-a9b3-1f0b0c6c2a11', name: 'Jonas Becker', iban: 'DE89 3704 0044 0532 0130 00' },
  { id: '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0', name: 'Stadtwerke Nordheim GmbH', iban: 'DE12 5001 0517 0648 4898 90' },
  { id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', name: 'Miriam Hoffmann', iban: 'DE75 5121 0800 1245 1261 99' },
];
const MULE_IBAN = 'DE02 1203 0000 0000 2020 51';

interface Call {
  ms: number;
  who: Person | 'automation';
  via: 'user' | 'api';
  ip: string | null;
  service: string;
  event: string;
  status: number;
  method: string;
  path: string;
  params: Record<string, string>;
  detail: unknown;
  activity: string;
}

/** epilot audit log of org 739224, saved as one `{logs, total}` response (newest first). */
export function epilotLog(seed: number): { logs: EpilotEvent[]; total: number } {
  const rng = new Rng(seed);
  const calls: Call[] = [];
  const entity = (
    c: Omit<Call, 'service' | 'method' | 'path' | 'params'> & { slug: string; id: string },
    method = 'PATCH',
  ): void => {
    const { slug, id, ...rest } = c;
    calls.push({ ...rest, service: 'entity', method, path: `/v1/entity/${slug}/${id}`, params: { slug, id } });
  };

  for (let d = 0; d < 3; d++) {
    for (const t of spread(rng, d, rng.int(10, 14), 7, 18)) {
      const p = rng.pick([LI, SAM]);
      const c = rng.pick(CUSTOMERS);
      const phone = `+49 30 ${rng.int(1000000, 9999999)}`;
      entity({
        ms: t,
        who: p,
        via: 'user',
        ip: p.ip,
        event: 'updateEntity',
        status: 200,
        slug: 'contact',
        id: c.id,
        detail: { phone: [{ phone }] },
        activity: `Updated contact ${c.name}`,
      });
      if (rng.chance(0.5)) {
        const flow = rng.pick(['flow-send-welcome', 'flow-invoice-reminder', 'flow-meter-reading']);
        calls.push({
          ms: t + rng.int(2000, 9000),
          who: 'automation',
          via: 'api',
          ip: null,
          service: 'automation',
          event: 'executeFlow',
          status: rng.chance(0.1) ? 500 : 200,
          method: 'POST',
          path: '/v1/automation/executions',
          params: { flowId: flow },
          detail: { flow_id: flow, entity_id: c.id },
          activity: `Automation ${flow} executed`,
        });
      }
    }
  }

  // Incident: the leaked token redirects customer payments to a mule account.
  const atk = { who: DANA, via: 'api' as const, ip: ATTACKER_IP };
  calls.push({
    ms: at(1, 2, 49, 40),
    ...atk,
    via: 'user',
    service: 'user',
    event: 'login',
    status: 401,
    method: 'POST',
    path: '/v2/users/login',
    params: {},
    detail: { email: DANA.email },
    activity: `Failed login for ${DANA.email}`,
  });
  CUSTOMERS.forEach((c, i) => {
    entity({
      ms: at(1, 2, 51, 7 + i * 23),
      ...atk,
      event: 'updateEntity',
      status: 200,
      slug: 'contact',
      id: c.id,
      detail: {
        payment: [{ type: 'payment_sepa', data: { iban: MULE_IBAN, bic_number: 'BYLADEM1001', fullname: c.name } }],
        billing_email: 'billing@jb-invoices.example',
      },
      activity: `Updated contact ${c.name}`,
    });
  });
  calls.push({
    ms: at(1, 2, 53, 30),
    ...atk,
    service: 'workflows',
    event: 'deleteWorkflow',
    status: 403,
    method: 'DELETE',
    path: '/v1/workflows/executions/wf-approval-2291',
    params: { workflowId: 'wf-approval-2291' },
    detail: '',
    activity: 'Deleting workflow wf-approval-2291 was denied',
  });
  entity(
    {
      ms: at(1, 2, 58, 19),
      ...atk,
      event: 'deleteEntity',
      status: 200,
      slug: 'file',
      id: '0a9e3f1c-5b2d-4f67-8e11-2c3d4e5f6a7b',
      detail: '',
      activity: 'Deleted file sepa-mandate-jonas-becker.pdf',
    },
    'DELETE',
  );

  // Response: Li restores the bank details.
  CUSTOMERS.forEach((c, i) => {
    entity({
      ms: at(1, 9, 20, 55 + i * 31),
      who: LI,
      via: 'user',
      ip: LI.ip,
      event: 'updateEntity',
      status: 200,
      slug: 'contact',
      id: c.id,
      detail: {
        payment: [{ type: 'payment_sepa', data: { iban: c.iban, bic_number: 'COBADEFFXXX', fullname: c.name } }],
        billing_email: null,
      },
      activity: `Updated contact ${c.name}`,
    });
  });

  const logs = calls
    .sort((a, b) => b.ms - a.ms)
    .map((c): EpilotEvent => {
      const ua = c.who === 'automation' ? 'epilot-automation/1.0' : c.ip === ATTACKER_IP ? ATTACKER_UA : BROWSER_UA;
      const headers: Record<string, string> = { 'user-agent': ua, 'content-type': 'application/json' };
      if (c.ip === ATTACKER_IP) headers.authorization = 'Bearer eyJhbGciOiJSUzI1NiJ9.demo-token.sig';
      const caller =
        c.who === 'automation'
          ? { user_id: 'automation-7f2', trigger_type: 'automation' as const }
          : { user_email: c.who.email, user_id: c.who.epilotId, trigger_type: c.via };
      const slug = c.params.slug;
      return {
        id: rng.uuid(),
        org_id: ORG,
        service_name: c.service,
        event_name: c.event,
        status_code: c.status,
        timestamp: iso(c.ms),
        caller,
        http: {
          method: c.method,
          ip: c.ip,
          path: c.path,
          pathParams: c.params,
          query: {},
          domainName: `${c.service}.sls.epilot.io`,
          headers,
        },
        detail: typeof c.detail === 'string' ? c.detail : JSON.stringify(c.detail),
        activity: c.activity,
        ...(slug && c.params.id ? { source_url: `https://portal.epilot.cloud/app/entity/${slug}/${c.params.id}` } : {}),
      };
    });
  return { logs, total: logs.length };
}
