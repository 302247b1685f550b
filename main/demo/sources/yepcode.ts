import { ATTACKER_IP, DANA, MARCO, PRIYA, SAM } from './cast.ts';
import { CODE_V0, CODE_V1, CODE_V2, CRM_HANDLER_CODE } from './invoice-sync-code.ts';
import { HR, MIN, Rng, at, naive, spread } from './rng.ts';

/**
 * One record of YepCode's audit events JSON export as its documentation describes it
 * (docs.yepcode.io/audit-events): the page's columns User, IP, ID (the affected entity), Type,
 * Event and Time, plus content: source code before/after as strings, or objects of the attributes
 * that changed. No event id, no entity name, no outcome.
 */
export interface YepcodeEvent {
  User: string;
  IP?: string;
  ID: string;
  Type: 'PROCESS' | 'MODULE' | 'EXECUTION' | 'CREDENTIAL' | 'VARIABLES' | 'SCHEDULE' | 'TEAM';
  Event: 'CREATED' | 'UPDATED' | 'DELETED' | 'PUBLISHED' | 'INVITATION SENT' | 'EXECUTED';
  Time: string;
  content?: { before?: string | Record<string, unknown>; after?: string | Record<string, unknown> };
}

/** What the story below says about one event; the entity names stay in the story, not the export. */
interface Draft {
  user: string;
  ip?: string;
  type: YepcodeEvent['Type'];
  event: YepcodeEvent['Event'];
  objectId: string;
  objectName: string;
  content?: YepcodeEvent['content'];
}

const INVOICE_SYNC = { objectId: 'prc_7Hq2LmN4', objectName: 'invoice-sync' };
const SCHEDULE = { objectId: 'sch_91Kd', objectName: 'invoice-sync schedule' };
const CRM = { objectId: 'prc_3bWx0pQe', objectName: 'crm-webhook-handler' };
const REPORT = { objectId: 'prc_Zk81aa0D', objectName: 'daily-revenue-report' };
const CRM_IP = '192.0.2.10';

/** YepCode events, in export order (oldest first). Times are team time without offset: the team zone is UTC. */
export function yepcodeEvents(seed: number): YepcodeEvent[] {
  const rng = new Rng(seed);
  const out: Array<[number, Draft]> = [];
  const add = (ms: number, e: Draft): void => {
    out.push([ms, e]);
  };
  const run = (ms: number, target: { objectId: string; objectName: string }, user: string, ip?: string): void => {
    add(ms, { user, ...(ip ? { ip } : {}), type: 'EXECUTION', event: 'EXECUTED', ...target });
  };

  // invoice-sync runs hourly until the attacker makes it run every 10 minutes; Marco disables it on day 2.
  const tampered = at(1, 2, 12, 30);
  const disabled = at(1, 8, 41, 6);
  for (let t = at(0, 0); t < tampered; t += HR) run(t, INVOICE_SYNC, '@scheduler');
  for (let t = at(1, 2, 20); t < disabled; t += 10 * MIN) run(t + rng.int(0, 900), INVOICE_SYNC, '@scheduler');
  for (let d = 0; d < 3; d++) {
    run(at(d, 6, 0, rng.int(0, 5)), REPORT, '@scheduler');
    for (const t of spread(rng, d, rng.int(6, 10), 6, 20)) run(t, CRM, '@webhook', CRM_IP);
  }

  // Ordinary work.
  add(at(0, 9, 12, 44), {
    user: MARCO.email,
    ip: MARCO.ip,
    type: 'PROCESS',
    event: 'UPDATED',
    ...CRM,
    content: {
      before: CRM_HANDLER_CODE.replace('throw new Error("contactId missing")', 'return { skipped: true }'),
      after: CRM_HANDLER_CODE,
    },
  });
  add(at(0, 9, 13, 20), { user: MARCO.email, ip: MARCO.ip, type: 'PROCESS', event: 'PUBLISHED', ...CRM });
  add(at(0, 11, 2, 9), {
    user: PRIYA.email,
    ip: PRIYA.ip,
    type: 'VARIABLES',
    event: 'UPDATED',
    objectId: 'var_ERP_URL',
    objectName: 'ERP_URL',
    content: {
      before: { value: 'https://erp.acme.example/api/v1' },
      after: { value: 'https://erp.acme.example/api/v2' },
    },
  });
  add(at(0, 14, 30, 51), {
    user: SAM.email,
    ip: SAM.ip,
    type: 'PROCESS',
    event: 'CREATED',
    objectId: 'prc_Sp0rt111',
    objectName: 'support-ticket-export',
    content: { after: { name: 'support-ticket-export', description: 'Nightly export of closed tickets' } },
  });
  add(at(0, 15, 2, 3), {
    user: DANA.email,
    ip: DANA.ip,
    type: 'MODULE',
    event: 'UPDATED',
    objectId: 'mod_Lk22',
    objectName: 'audit-helpers',
    content: {
      before: { description: 'Helpers for audit trails' },
      after: { description: 'Helpers for audit trails (v2)' },
    },
  });
  add(at(2, 10, 5, 12), {
    user: SAM.email,
    ip: SAM.ip,
    type: 'SCHEDULE',
    event: 'CREATED',
    objectId: 'sch_S7',
    objectName: 'support-ticket-export schedule',
    content: { after: { cron: '30 1 * * *', enabled: true } },
  });

  // The incident: dana's leaked API token, used from a new address.
  const A = { user: DANA.email, ip: ATTACKER_IP };
  add(at(1, 2, 9, 41), {
    ...A,
    type: 'PROCESS',
    event: 'UPDATED',
    ...INVOICE_SYNC,
    content: { before: CODE_V0, after: CODE_V1 },
  });
  add(at(1, 2, 10, 5), { ...A, type: 'PROCESS', event: 'PUBLISHED', ...INVOICE_SYNC });
  add(tampered, {
    ...A,
    type: 'SCHEDULE',
    event: 'UPDATED',
    ...SCHEDULE,
    content: { before: { cron: '0 * * * *' }, after: { cron: '*/10 * * * *' } },
  });
  add(at(1, 2, 26, 33), { ...A, type: 'EXECUTION', event: 'EXECUTED', ...INVOICE_SYNC });
  add(at(1, 2, 41, 17), {
    ...A,
    type: 'PROCESS',
    event: 'UPDATED',
    ...INVOICE_SYNC,
    content: { before: CODE_V1, after: CODE_V2 },
  });
  add(at(1, 2, 41, 50), { ...A, type: 'PROCESS', event: 'PUBLISHED', ...INVOICE_SYNC });
  add(at(1, 2, 44, 2), {
    ...A,
    type: 'CREDENTIAL',
    event: 'CREATED',
    objectId: 'crd_x8Zt',
    objectName: 'aws-backup-key',
    content: { after: { name: 'aws-backup-key' } },
  });
  add(at(1, 2, 47, 38), { ...A, type: 'MODULE', event: 'DELETED', objectId: 'mod_Lk22', objectName: 'audit-helpers' });
  add(at(1, 2, 48, 55), {
    ...A,
    type: 'TEAM',
    event: 'INVITATION SENT',
    objectId: 'inv_552',
    objectName: 'ops-helper@mailbox.example',
    content: { after: { role: 'ADMIN' } },
  });

  // Response.
  add(disabled, {
    user: MARCO.email,
    ip: MARCO.ip,
    type: 'SCHEDULE',
    event: 'UPDATED',
    ...SCHEDULE,
    content: { before: { enabled: true }, after: { enabled: false } },
  });
  add(at(1, 8, 43, 30), {
    user: MARCO.email,
    ip: MARCO.ip,
    type: 'CREDENTIAL',
    event: 'DELETED',
    objectId: 'crd_x8Zt',
    objectName: 'aws-backup-key',
  });
  add(at(1, 8, 45, 12), {
    user: PRIYA.email,
    ip: PRIYA.ip,
    type: 'TEAM',
    event: 'DELETED',
    objectId: 'inv_552',
    objectName: 'ops-helper@mailbox.example',
  });
  add(at(1, 8, 52, 40), {
    user: PRIYA.email,
    ip: PRIYA.ip,
    type: 'VARIABLES',
    event: 'UPDATED',
    objectId: 'var_AWS_ACCESS_KEY_ID',
    objectName: 'AWS_ACCESS_KEY_ID',
    content: { before: { value: 'AKIA4MTW…SYNC7' }, after: { value: 'AKIA4MTW…R2D9Q' } },
  });

  return out
    .sort((a, b) => a[0] - b[0])
    .map(([ms, e]) => ({
      User: e.user,
      ...(e.ip !== undefined ? { IP: e.ip } : {}),
      ID: e.objectId,
      Type: e.type,
      Event: e.event,
      Time: naive(ms),
      ...(e.content ? { content: e.content } : {}),
    }));
}
