import { DANA, LI, MARCO, PRIYA, SAM } from './cast.ts';
import { Rng, at, kibana, spread } from './rng.ts';

const HEADER = [
  'timestamp',
  'tenantName',
  'component',
  'event',
  'eventInfo',
  'eventStatus',
  'UserType',
  'UserName',
  'message',
];
type Row = [
  component: string,
  event: string,
  info: string,
  status: 'Success' | 'Failure',
  userType: string,
  user: string,
  message: string,
];

function cell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A Kibana Discover CSV report over jiffy.audit* (times: Kibana format, UTC wall time, no offset). */
export function jiffyCsv(seed: number): string {
  const rng = new Rng(seed);
  const rows: Array<[number, Row]> = [];
  const add = (ms: number, r: Row): void => {
    rows.push([ms, r]);
  };
  const tasks = ['Approve invoice batch', 'Vendor onboarding', 'Quarterly VAT check', 'Dunning run review'];
  for (let d = 0; d < 3; d++) {
    for (const p of [LI, MARCO, PRIYA, SAM]) {
      const t = at(d, 7, rng.int(30, 59), rng.int(0, 59), rng.int(0, 999));
      add(t, [
        'User Management',
        'Login',
        `User '${p.email}' logged in`,
        'Success',
        p === PRIYA ? 'Admin' : 'Member',
        p.email,
        'login successful',
      ]);
    }
    for (const t of spread(rng, d, rng.int(6, 9), 8, 17)) {
      const task = `${rng.pick(tasks)} ${rng.int(100, 999)}`;
      const who = rng.pick([LI, SAM]);
      const create = rng.chance(0.4);
      add(t, [
        'Task',
        create ? 'Task Create' : 'Task Update',
        `Task '${task}' ${create ? 'created' : 'updated: assignee, dueDate'}`,
        'Success',
        'Member',
        who.email,
        create ? 'task created' : 'task updated',
      ]);
    }
    add(at(d, 23, 0, 0), [
      'Tenant Administration',
      'Scheduled Cleanup',
      `Expired sessions purged, ${rng.int(3, 30)} removed`,
      'Success',
      '',
      'system',
      'cleanup finished',
    ]);
  }
  add(at(0, 10, 7, 2, 118), [
    'Secure Vault',
    'Vault Key Create',
    "Key 'erp-api-token' created",
    'Success',
    'Admin',
    MARCO.email,
    'vault key created',
  ]);

  // Incident: dana's account, from the attacker's session.
  for (let i = 0; i < 3; i++) {
    add(at(1, 2, 44, 13 + i * 9, 301), [
      'User Management',
      'Login',
      `Login attempt for user '${DANA.email}'`,
      'Failure',
      'Member',
      DANA.email,
      'invalid password',
    ]);
  }
  add(at(1, 2, 45, 40, 7), [
    'User Management',
    'Login',
    `User '${DANA.email}' logged in`,
    'Success',
    'Member',
    DANA.email,
    'login successful',
  ]);
  add(at(1, 2, 47, 10, 120), [
    'Secure Vault',
    'Vault Key Read',
    "Key 'sap-prod-password' read by node Invoice-Export",
    'Success',
    'Member',
    DANA.email,
    'vault key accessed',
  ]);
  add(at(1, 2, 48, 33, 775), [
    'Secure Vault',
    'Vault Key Update',
    "Key 'sap-prod-password' updated",
    'Failure',
    'Member',
    DANA.email,
    'insufficient permissions',
  ]);
  add(at(1, 2, 52, 27, 14), [
    'Secure Vault',
    'Vault Key Update',
    "Key 'erp-api-token' updated: rotation disabled, expiry removed",
    'Success',
    'Member',
    DANA.email,
    'vault key updated',
  ]);
  add(at(1, 2, 55, 8, 500), [
    'Bot Management',
    'Bot Delete',
    "Bot 'vault-audit-bot' deleted",
    'Success',
    'Member',
    DANA.email,
    'bot deleted',
  ]);
  add(at(1, 9, 2, 45, 600), [
    'User Management',
    'Role Revoke',
    `Role 'vault_reader' revoked from '${DANA.email}'`,
    'Success',
    'Admin',
    PRIYA.email,
    'role revoked',
  ]);
  add(at(1, 9, 3, 10, 211), [
    'User Management',
    'User Disable',
    `User '${DANA.email}' disabled`,
    'Success',
    'Admin',
    PRIYA.email,
    'user disabled',
  ]);

  rows.sort((a, b) => a[0] - b[0]);
  const lines = [HEADER.join(',')];
  for (const [ms, r] of rows) lines.push([kibana(ms), 'acme-prod', ...r].map(cell).join(','));
  return lines.join('\n') + '\n';
}
