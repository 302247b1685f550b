import { ATTACKER_IP, ATTACKER_UA, BROWSER_UA, DANA, LI, MARCO, PRIYA, SAM, type Person } from './cast.ts';
import { Rng, at, iso, spread } from './rng.ts';

interface Change {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/** A detailed Squadcast audit entry (`GET /v3/audit-logs/{id}`), as the JSON export holds it. */
export interface SquadcastEntry {
  id: number;
  resource: string;
  action: string;
  actor: { userID: string; userName: string; userEmail: string; fullName: string };
  client: string;
  timestamp: string;
  timezone: string;
  team: { id: string; name: string; isDeleted: boolean };
  tokenType: string;
  ipAddress: string;
  additionalInfo: string;
  meta: { resourceId: string; resourceName: string; changes: Change[] } | null;
  userAgent: string;
}

const TEAM = { id: '611a0f3b9c2d4e5f60718293', name: 'Payments', isDeleted: false };
const POLICY = { resourceId: '65d4e1f0a7b8c9d0e1f2a3b4', resourceName: 'Payments Primary' };

interface Draft {
  ms: number;
  who: Person;
  resource: string;
  action: string;
  info: string;
  meta?: SquadcastEntry['meta'];
  api?: boolean;
}

/** Squadcast JSON audit export of team Payments (oldest first). */
export function squadcastEntries(seed: number): SquadcastEntry[] {
  const rng = new Rng(seed);
  const drafts: Draft[] = [];
  const add = (d: Draft): void => {
    drafts.push(d);
  };
  for (let d = 0; d < 3; d++) {
    for (const p of [LI, MARCO, PRIYA])
      add({
        ms: at(d, 7, rng.int(40, 59), rng.int(0, 59)),
        who: p,
        resource: 'users',
        action: 'login',
        info: 'User logged in',
      });
    for (const t of spread(rng, d, rng.int(3, 6), 8, 18)) {
      const n = rng.int(4100, 4999);
      const who = rng.pick([LI, MARCO, SAM]);
      add({ ms: t, who, resource: 'incidents', action: 'acknowledge', info: `Incident #${n} acknowledged` });
      add({
        ms: t + rng.int(5, 40) * 60_000,
        who,
        resource: 'incidents',
        action: 'resolve',
        info: `Incident #${n} resolved`,
      });
    }
  }
  add({
    ms: at(0, 14, 2, 9),
    who: LI,
    resource: 'schedules',
    action: 'update',
    info: "Schedule 'Payments on-call' updated",
    meta: {
      resourceId: '65d4e1f0a7b8c9d0e1f2a301',
      resourceName: 'Payments on-call',
      changes: [{ field: 'overrides[0].user', oldValue: null, newValue: 'marco.rossi' }],
    },
  });

  // Incident.
  add({
    ms: at(1, 2, 14, 40),
    who: DANA,
    resource: 'users',
    action: 'login_failed',
    info: 'Invalid credentials',
    api: true,
  });
  add({
    ms: at(1, 2, 14, 58),
    who: DANA,
    resource: 'users',
    action: 'login_failed',
    info: 'Invalid credentials',
    api: true,
  });
  add({
    ms: at(1, 2, 38, 11),
    who: DANA,
    resource: 'escalation_policies',
    action: 'update',
    info: "Escalation policy 'Payments Primary' updated",
    api: true,
    meta: {
      ...POLICY,
      changes: [
        { field: 'rules[0].escalation_time', oldValue: 5, newValue: 60 },
        {
          field: 'rules[1].targets',
          oldValue: [
            { type: 'user', name: 'li.wei' },
            { type: 'squad', name: 'Payments SRE' },
          ],
          newValue: [{ type: 'user', name: 'dana' }],
        },
        { field: 'repeat_times', oldValue: 3, newValue: 0 },
      ],
    },
  });
  add({
    ms: at(1, 2, 40, 27),
    who: DANA,
    resource: 'webhooks',
    action: 'delete',
    info: "Webhook 'Slack #payments-alerts' deleted",
    api: true,
    meta: { resourceId: '65d4e1f0a7b8c9d0e1f2a3c2', resourceName: 'Slack #payments-alerts', changes: [] },
  });
  add({
    ms: at(1, 2, 41, 55),
    who: DANA,
    resource: 'services',
    action: 'update',
    info: "Service 'invoice-api' updated",
    api: true,
    meta: {
      resourceId: '65d4e1f0a7b8c9d0e1f2a310',
      resourceName: 'invoice-api',
      changes: [{ field: 'maintenance_mode', oldValue: false, newValue: true }],
    },
  });

  // Response.
  add({
    ms: at(1, 9, 31, 8),
    who: LI,
    resource: 'escalation_policies',
    action: 'update',
    info: "Escalation policy 'Payments Primary' updated",
    meta: {
      ...POLICY,
      changes: [
        { field: 'rules[0].escalation_time', oldValue: 60, newValue: 5 },
        {
          field: 'rules[1].targets',
          oldValue: [{ type: 'user', name: 'dana' }],
          newValue: [
            { type: 'user', name: 'li.wei' },
            { type: 'squad', name: 'Payments SRE' },
          ],
        },
        { field: 'repeat_times', oldValue: 0, newValue: 3 },
      ],
    },
  });
  add({
    ms: at(1, 9, 33, 47),
    who: LI,
    resource: 'api_tokens',
    action: 'delete',
    info: "API token of user 'dana' revoked",
    meta: { resourceId: 'tok_8b1d', resourceName: 'dana-ci', changes: [] },
  });
  add({
    ms: at(1, 9, 34, 30),
    who: LI,
    resource: 'services',
    action: 'update',
    info: "Service 'invoice-api' updated",
    meta: {
      resourceId: '65d4e1f0a7b8c9d0e1f2a310',
      resourceName: 'invoice-api',
      changes: [{ field: 'maintenance_mode', oldValue: true, newValue: false }],
    },
  });
  add({
    ms: at(1, 9, 40, 2),
    who: PRIYA,
    resource: 'audit_logs',
    action: 'export',
    info: 'Audit logs export requested (json, 2025-03-01..2025-03-05)',
  });

  let id = 48000;
  return drafts
    .sort((a, b) => a.ms - b.ms)
    .map((d) => ({
      id: ++id,
      resource: d.resource,
      action: d.action,
      actor: {
        userID: d.who.squadcastId,
        userName: d.who.email.split('@')[0] ?? '',
        userEmail: d.who.email,
        fullName: d.who.name,
      },
      client: d.api ? 'api' : 'web',
      timestamp: iso(d.ms),
      timezone: 'Europe/Berlin',
      team: TEAM,
      tokenType: d.api ? 'api_token' : 'user_session',
      ipAddress: d.api ? ATTACKER_IP : d.who.ip,
      additionalInfo: d.info,
      meta: d.meta ?? null,
      userAgent: d.api ? ATTACKER_UA : BROWSER_UA,
    }));
}
