import { describe, expect, it } from 'vitest';
import { byAction, changesOf, imported, importFixtures, iso, one } from './public-fixtures.ts';

/** Identity and access logs: Duo (v1 and v2), JumpCloud Directory Insights, Auth0 and Zoom, end to end. */

describe('Duo authentication logs', () => {
  const v2 = imported('duo/authentication-logs-v2.json', 'duo', 4);
  const v1 = imported('duo/authentication-logs-v1.json', 'duo', 3);

  it('v2 ({"response": {"authlogs": […]}}): result words to outcome, access device IP, application target', () => {
    const rows = v2().rows.filter((r) => r.actor === 'sam.lee');
    expect(rows.map((r) => [iso(r), r.outcome, r.outcome_raw, r.description])).toEqual([
      ['2025-03-04T02:42:00.201Z', 'failure', 'denied', 'user_cancelled'],
      ['2025-03-04T02:42:30.118Z', 'failure', 'fraud', 'user_marked_fraud'],
      ['2025-03-04T02:53:10.009Z', 'success', 'success', 'valid_passcode'],
    ]);
    const e = rows[0];
    expect([e?.actor_id, e?.src_ip, e?.action, e?.action_class, e?.target_name]).toEqual([
      'DUEXAMPLE0SAMLEE001', '203.0.113.77', 'authentication', 'login', 'Acme VPN',
    ]);
  });

  it('v1 ({"response": […]}): upper-case results, integration as target, epoch seconds', () => {
    const rows = v1().rows;
    expect(rows.map((r) => [iso(r), r.outcome, r.outcome_raw])).toEqual([
      ['2025-03-04T02:42:00.000Z', 'failure', 'FAILURE'],
      ['2025-03-04T02:42:30.000Z', 'failure', 'FRAUD'],
      ['2025-03-04T02:53:10.000Z', 'success', 'SUCCESS'],
    ]);
    expect(rows.every((r) => r.target_name === 'Acme VPN' && r.src_ip === '203.0.113.77')).toBe(true);
  });
});

describe('Duo administrator (v1) and activity (v2) logs', () => {
  const admin = imported('duo/administrator-logs-v1.json', 'duo', 5);
  const activity = imported('duo/activity-logs-v2.json', 'duo', 3);

  it('administrator log: JSON description as new values, API and System actors', () => {
    const e = byAction(admin().rows, 'user_update');
    expect([e.actor, e.actor_type, e.target_name, e.action_class]).toEqual(['Dana Whitfield', 'user', 'sam.lee', 'update']);
    expect(changesOf(e)).toEqual([
      { field: 'status', old: null, new: 'Bypass' },
      { field: 'realname', old: null, new: 'Sam Lee' },
    ]);
    const login = byAction(admin().rows, 'admin_login');
    expect([login.src_ip, changesOf(login)]).toEqual(['203.0.113.77', []]);
    expect(byAction(admin().rows, 'integration_update').actor_type).toBe('api');
    const sys = byAction(admin().rows, 'user_delete');
    expect([sys.actor_type, sys.description, changesOf(sys)]).toEqual(['system', 'Deleted inactive user', []]);
  });

  it('activity log ({"response": {"items": […]}}): SUCCESS / FAILURE and the target', () => {
    const logins = activity().rows.filter((r) => r.action === 'admin_login');
    expect(logins.map((r) => [r.outcome, r.src_ip])).toEqual([['success', '203.0.113.77'], ['failure', '198.51.100.61']]);
    const up = byAction(activity().rows, 'user_update');
    expect([up.target_type, up.target_id, up.target_name]).toEqual(['user', 'DUEXAMPLE0SAMLEE001', 'sam.lee']);
  });
});

describe('JumpCloud Directory Insights', () => {
  const get = imported('jumpcloud/directory-insights-events.json', 'jumpcloud', 4);

  it('maps success true/false, the initiator and changes from → to', () => {
    const logins = get().rows.filter((r) => r.action === 'user_login_attempt');
    expect(logins.map((r) => [r.outcome, r.actor, r.description])).toEqual([
      ['failure', 'dana', 'authentication failed'],
      ['success', 'dana', null],
    ]);
    const e = byAction(get().rows, 'user_update');
    expect([e.actor, e.actor_type, e.service, e.target_type, e.target_name, e.tenant]).toEqual([
      'it-admin@acme.example', 'user', 'directory', 'user', 'sam.lee', '5f3c2a1b0e9d8c7b6a594837',
    ]);
    expect(changesOf(e)).toContainEqual({ field: 'sudo.enabled', old: false, new: true });
  });
});

describe('Auth0 logs', () => {
  const api = imported('auth0/logs-api.json', 'auth0', 6);
  const stream = imported('auth0/log-stream.ndjson', 'auth0', 3);

  it('maps event type codes to class and outcome', () => {
    const rows = api().rows;
    expect(rows.map((r) => [r.action, r.action_class, r.outcome])).toEqual([
      ['fp', 'login', 'failure'],
      ['s', 'login', 'success'],
      ['sapi', 'config', 'success'],
      ['fapi', 'config', 'failure'],
      ['slo', 'logout', 'success'],
      ['limit_wc', 'permission', 'failure'],
    ]);
    const e = byAction(rows, 'fp');
    expect(iso(e)).toBe('2025-03-04T03:10:01.223Z');
    expect([e.actor, e.src_ip, e.target_name, e.tenant, e.description]).toEqual([
      'dana@acme.example', '203.0.113.77', 'Acme Portal', 'acme.eu.auth0.com', 'Wrong email or password.',
    ]);
  });

  it('reads log-stream {"log_id", "data"} lines as the same events', async () => {
    expect(byAction(stream().rows, 'sapi').description).toBe('Update a user');
    const b = await importFixtures(['auth0/log-stream.ndjson', 'auth0/logs-api.json']);
    expect(b.map((x) => [x.events, x.duplicates])).toEqual([[3, 0], [3, 3]]);
  });
});

describe('Zoom activity and operation logs', () => {
  const act = imported('zoom/report-activities.json', 'zoom', 3);
  const ops = imported('zoom/report-operation-logs.json', 'zoom', 3);

  it('sign in / sign out as login / logout', () => {
    const rows = act().rows.filter((r) => r.actor === 'dana@acme.example');
    expect(rows.map((r) => [r.action, r.action_class, r.src_ip])).toEqual([
      ['Sign in', 'login', '203.0.113.77'],
      ['Sign out', 'logout', '203.0.113.77'],
    ]);
    expect(one(act().rows, (r) => r.actor === 'chris@acme.example').src_ip).toBe('2001:db8:c0::14');
  });

  it('operation logs: operator, category and the detail text', () => {
    const del = byAction(ops().rows, 'Delete');
    expect([del.actor, del.target_type, del.action_class, del.description]).toEqual([
      'dana@acme.example', 'User', 'delete', 'Delete User chris@acme.example',
    ]);
  });
});
