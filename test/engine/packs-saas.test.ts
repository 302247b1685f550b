import { describe, expect, it } from 'vitest';
import { byAction, changesOf, imported, importFixtures, iso, one } from './public-fixtures.ts';

/**
 * SaaS admin and identity logs (Salesforce, 1Password, OpenAI, Slack), end to end: each fixture is
 * imported into a fresh case (zone UTC) and specific events are read back.
 */

describe.each([
  ['salesforce/setup-audit-trail-query.json', 'REST query JSON'],
  ['salesforce/setup-audit-trail-bulk.csv', 'Bulk API / sf CLI CSV'],
])('Salesforce Setup Audit Trail, %s', (rel) => {
  const get = imported(rel, 'salesforce', 5);

  it('maps the +0000 CreatedDate, the username and the Setup section', () => {
    const e = byAction(get().rows, 'PermSetAssign');
    expect(iso(e)).toBe('2025-03-04T02:41:37.000Z');
    expect([e.actor, e.actor_id, e.actor_type, e.target_type, e.action_class, e.outcome]).toEqual([
      'dana@acme.example', '0058d00000AbCdEAAV', 'user', 'Manage Users', 'permission', 'success',
    ]);
    expect(e.description).toBe('Permission set Data Export Helper: assigned to user Dana Whitfield (UserID: [0058d00000AbCdE])');
  });

  it('reads "Changed … from … to …" into a change, and names the Login-As user as the actor', () => {
    expect(changesOf(byAction(get().rows, 'changedemail'))).toEqual([{ field: 'email', old: 'sam.lee@acme.example', new: 'sam.lee@example.net' }]);
    expect(changesOf(byAction(get().rows, 'overridegrantaccessenabledoff'))).toEqual([
      { field: 'Administrators Can Log in as Any User', old: 'off', new: 'on' },
    ]);
    expect(changesOf(byAction(get().rows, 'PermSetCreate'))).toEqual([]);
    const su = byAction(get().rows, 'suOrgAdminLogin');
    expect([su.actor, su.actor_id, su.action_class]).toEqual(['sf-admin@acme.example', '0058d00000XyZwVAAV', 'login']);
  });
});

describe.each([['salesforce/login-history-query.json'], ['salesforce/login-history-bulk.csv']])('Salesforce Login History, %s', (rel) => {
  const get = imported(rel, 'salesforce', 5);

  it('maps Status Success to success and every other Status to failure', () => {
    const rows = get().rows.filter((e) => e.actor === '0058d00000AbCdEAAV');
    expect(rows.map((e) => [iso(e), e.outcome, e.outcome_raw, e.src_ip, e.target_type, e.target_name])).toEqual([
      ['2025-03-04T02:03:55.000Z', 'failure', 'Invalid Password', '203.0.113.77', 'Application', 'Browser'],
      ['2025-03-04T02:04:30.000Z', 'success', 'Success', '203.0.113.77', 'Application', 'Browser'],
      ['2025-03-04T02:50:12.000Z', 'success', 'Success', '203.0.113.77', 'Remote Access 2.0', 'Mail Sync Tool'],
    ]);
    expect(rows.every((e) => e.action === 'Login' && e.action_class === 'login')).toBe(true);
    const api = one(get().rows, (e) => e.outcome_raw === 'Failed: API security token required');
    expect([api.actor, api.outcome, api.src_ip]).toEqual(['0058d00000XyZwVAAV', 'failure', '198.51.100.90']);
    expect(one(get().rows, (e) => e.actor === '0058d00000QrStUAAV').src_ip).toBe('2001:db8:5f::31');
  });
});

describe('Salesforce records read from JSON and from CSV', () => {
  it('are the same events (same record Id)', async () => {
    const b = await importFixtures([
      'salesforce/setup-audit-trail-query.json', 'salesforce/setup-audit-trail-bulk.csv',
      'salesforce/login-history-query.json', 'salesforce/login-history-bulk.csv',
    ]);
    expect(b.map((x) => [x.events, x.duplicates])).toEqual([[5, 0], [0, 5], [5, 0], [0, 5]]);
  });
});

describe('OpenAI organization audit log {"object": "list", "data": [...]}', () => {
  const get = imported('openai/audit-logs-page.json', 'openai', 7);

  it('maps a session actor, epoch-second times and a failed login', () => {
    const e = byAction(get().rows, 'login.failed');
    expect(iso(e)).toBe('2025-03-04T01:59:00.000Z');
    expect([e.actor, e.actor_id, e.actor_type, e.src_ip, e.outcome, e.action_class, e.description]).toEqual([
      'dana@acme.example', 'user-9sTq2fXbLm4Kd0aPz7Rw1NcE', 'user', '203.0.113.77', 'failure', 'login', 'Wrong email or password.',
    ]);
    expect(e.user_agent).toMatch(/^Mozilla\/5\.0 \(X11/);
    expect(byAction(get().rows, 'login.succeeded').outcome).toBe('success');
  });

  it('reads the target and the requested changes from the details keyed by the event type', () => {
    const up = byAction(get().rows, 'api_key.updated');
    expect([up.target_type, up.target_id, up.action_class]).toEqual(['api_key', 'key_Fm3Nq8Rt2Vw6Yz1B', 'update']);
    expect(changesOf(up)).toEqual([{ field: 'scopes', old: null, new: ['/v1/*', 'api.model.read'] }]);
    const inv = byAction(get().rows, 'invite.sent');
    expect([inv.target_id, inv.target_name]).toEqual(['invite-Wq2Er4Ty6Ui8', 'ops-helper@example.net']);
    expect(changesOf(inv)).toContainEqual({ field: 'role', old: null, new: 'owner' });
  });

  it('types API-key actors: a user key as api, a service account key as service', () => {
    const arch = byAction(get().rows, 'project.archived');
    expect([arch.actor, arch.actor_type, arch.src_ip, arch.action_class, arch.target_id]).toEqual([
      'dana@acme.example', 'api', null, 'delete', 'proj_Hc5Jd8Ke1Lf4',
    ]);
    const svc = byAction(get().rows, 'project.updated');
    expect([svc.actor, svc.actor_type]).toEqual(['svc_acct_Tn6Gp9Hq2Ir5', 'service']);
  });
});

describe('Slack audit logs {"entries": [...]}', () => {
  const get = imported('slack/audit-logs.json', 'slack', 7);

  it('maps the actor, context IP and user agent, and the entity under its type', () => {
    const e = byAction(get().rows, 'file_downloaded');
    expect(iso(e)).toBe('2025-03-04T02:05:10.000Z');
    expect([e.actor, e.actor_id, e.src_ip, e.target_type, e.target_id, e.target_name, e.action_class, e.tenant]).toEqual([
      'dana@acme.example', 'W012A3BCDEF', '203.0.113.77', 'file', 'F07ABCDE123', 'vendor-bank-details.xlsx', 'read', 'Acme',
    ]);
    expect(e.user_agent).toMatch(/Chrome\/122/);
    const role = byAction(get().rows, 'role_change_to_admin');
    expect([role.target_name, role.action_class]).toEqual(['sam.lee@acme.example', 'permission']);
    expect(byAction(get().rows, 'user_logout')).toMatchObject({ action_class: 'logout', src_ip: '2001:db8:6a::9' });
  });

  it('turns a setting change into previous → new', () => {
    expect(changesOf(byAction(get().rows, 'pref_sso_setting_changed'))).toEqual([
      { field: 'pref_sso_setting_changed', old: 'required', new: 'optional' },
    ]);
    expect(changesOf(byAction(get().rows, 'user_login'))).toEqual([]);
  });
});

describe('1Password Events API', () => {
  const signins = imported('onepassword/signin-attempts.json', 'onepassword', 4);
  const usages = imported('onepassword/item-usages.json', 'onepassword', 3);
  const audit = imported('onepassword/audit-events.json', 'onepassword', 4);

  it('sign-in attempts: category success → success, *_failed → failure, nanosecond times', () => {
    const rows = signins().rows;
    expect(rows.map((e) => [e.action, e.outcome, e.outcome_raw, e.src_ip])).toEqual([
      ['password_secret_bad', 'failure', 'credentials_failed', '203.0.113.77'],
      ['totp_bad', 'failure', 'mfa_failed', '203.0.113.77'],
      ['credentials_ok', 'success', 'success', '203.0.113.77'],
      ['country_blocked', 'failure', 'firewall_failed', '198.51.100.61'],
    ]);
    expect(iso(rows[0] as (typeof rows)[number])).toBe('2025-03-04T02:07:12.482Z');
    expect(rows.every((e) => e.actor === 'dana@acme.example' && e.action_class === 'login')).toBe(true);
  });

  it('item usage: reveal and export are reads of the item', () => {
    const e = byAction(usages().rows, 'export');
    expect([e.actor, e.target_type, e.target_id, e.action_class, e.src_ip]).toEqual([
      'dana@acme.example', 'item', 'itm2awsroot7q2zk3lwm5ntp6rz', 'read', '203.0.113.77',
    ]);
  });

  it('audit events: actor, session IP and object', () => {
    const s = byAction(audit().rows, 'suspend');
    expect([s.actor, s.src_ip, s.target_type, s.target_id, s.target_name, s.action_class]).toEqual([
      'dana@acme.example', '203.0.113.77', 'user', 'CHRIS3XQ7Q2ZK3LWM5NTP6RYV7', 'chris@acme.example', 'permission',
    ]);
    expect(byAction(audit().rows, 'grant').action_class).toBe('permission');
  });
});
