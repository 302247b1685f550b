import { describe, expect, it } from 'vitest';
import { byAction, changesOf, imported, iso, one, type EventRow } from './public-fixtures.ts';

/**
 * The SaaS packs (m365, okta, github, gworkspace), end to end: each fixture is imported into a fresh
 * case (zone UTC) and specific events are read back. Cloud packs: packs-public-cloud.test.ts.
 */

describe('Microsoft 365 Purview CSV with AuditData', () => {
  const get = imported('m365/purview-audit-search.csv', 'm365', 9);

  it('reads the offset-less AuditData.CreationTime as UTC and folds case variants of the user', () => {
    const rows = get().rows;
    expect(iso(rows[0] as EventRow)).toBe('2024-03-14T09:02:41.000Z');
    // The pack's declared zone is recorded as the assumption, and time_raw stays as written.
    expect(rows.every((e) => e.time_assumed_tz === 'UTC')).toBe(true);
    expect(rows[0]?.time_raw).toBe('2024-03-14T09:02:41');
    const debra = rows.filter((e) => e.actor === 'debrab@contoso.onmicrosoft.com');
    expect(debra).toHaveLength(7);
  });

  it('marks UserLoginFailed as a failure although its ResultStatus says Success', () => {
    const e = byAction(get().rows, 'UserLoginFailed');
    expect([e.outcome, e.outcome_raw, e.action_class, e.src_ip]).toEqual(['failure', 'InvalidUserNameOrPassword', 'login', '198.51.100.23']);
    expect(e.user_agent).toMatch(/^Mozilla\/5\.0 \(Windows NT 10\.0/);
    expect(byAction(get().rows, 'UserLoggedIn').outcome).toBe('success');
  });

  it('strips the port from ClientIP, including bracketed IPv6, and keeps cmdlet parameters as new values', () => {
    const rule = byAction(get().rows, 'New-InboxRule');
    expect([rule.src_ip, rule.service, rule.outcome]).toEqual(['2001:db8:1::20', 'Exchange', 'success']);
    expect(changesOf(rule)).toContainEqual({ field: 'SubjectContainsWords', old: null, new: 'invoice;payment;wire' });
    expect(changesOf(rule).map((c) => c.field)).not.toContain('Force');
    const fwd = one(get().rows, (e) => e.action === 'Set-Mailbox' && e.outcome === 'success');
    expect(fwd.src_ip).toBe('198.51.100.23');
    expect(changesOf(fwd)).toEqual([
      { field: 'ForwardingSmtpAddress', old: null, new: 'smtp:debra.backup@example.net' },
      { field: 'DeliverToMailboxAndForward', old: null, new: 'False' },
    ]);
    const denied = one(get().rows, (e) => e.action === 'Set-Mailbox' && e.outcome === 'failure');
    expect([denied.outcome_raw, denied.target_id]).toEqual(['False', 'AlexW']);
  });

  it('turns ModifiedProperties into changes, without the summary entry', () => {
    const e = byAction(get().rows, 'Update user.');
    expect([e.actor, e.actor_type, e.target_id, e.src_ip]).toEqual(['admin@contoso.onmicrosoft.com', 'user', 'AlexW@contoso.onmicrosoft.com', null]);
    const ch = changesOf(e);
    expect(ch.map((c) => c.field)).toEqual(['StrongAuthenticationMethod', 'MobilePhone']);
    expect(ch[1]).toEqual({ field: 'MobilePhone', old: '[\r\n  "+1 555 0199"\r\n]', new: '[\r\n  "+1 555 0100"\r\n]' });
    expect(changesOf(byAction(get().rows, 'Add member to role.'))).toContainEqual({
      field: 'Role.DisplayName', old: '', new: 'Global Administrator',
    });
  });

  it('names files and leaves outcome unknown where the workload records none', () => {
    const e = byAction(get().rows, 'FileDownloaded');
    expect([e.target_type, e.target_name, e.outcome, e.action_class]).toEqual(['File', 'Q1 payroll.xlsx', 'unknown', 'read']);
    expect(byAction(get().rows, 'MailItemsAccessed').src_ip).toBe('198.51.100.23');
  });
});

describe.each([
  ['okta/system-log-page.json', 6],
  ['okta/system-log.ndjson', 5],
])('Okta System Log %s', (rel, count) => {
  const get = imported(rel, 'okta', count);

  if (rel.endsWith('.json')) {
    it('maps a failed sign-in, policy changeDetails and the ipChain fallback', () => {
      const rows = get().rows;
      const fail = one(rows, (e) => e.action === 'user.session.start' && e.outcome === 'failure');
      expect(iso(fail)).toBe('2024-05-02T07:58:12.104Z');
      expect([fail.actor, fail.actor_id, fail.src_ip, fail.outcome_raw]).toEqual([
        'jane.roe@example.com', '00u1a2b3c4d5e6f7g8h9', '203.0.113.7', 'FAILURE',
      ]);
      const rule = byAction(rows, 'policy.rule.update');
      expect([rule.target_type, rule.target_name]).toEqual(['PolicyEntity', 'Default Policy']);
      expect(changesOf(rule)).toEqual([
        { field: 'ruleAction', old: 'REQUIRE_FACTOR', new: 'ALLOW' },
        { field: 'ruleFactorLifetime', old: 'SESSION', new: null },
      ]);
      const token = byAction(rows, 'system.api_token.create');
      expect([token.src_ip, token.target_name]).toEqual(['198.51.100.14', null]);
    });
  } else {
    it('maps a denied admin-app access, a system actor and app changeDetails', () => {
      const rows = get().rows;
      const deny = byAction(rows, 'user.session.access_admin_app');
      expect([deny.outcome, deny.outcome_raw, deny.target_name]).toEqual(['failure', 'DENY', 'Okta Admin Console']);
      const app = byAction(rows, 'application.lifecycle.update');
      expect([app.actor, app.actor_type, app.src_ip]).toEqual(['system@okta.com', 'system', null]);
      expect(changesOf(app)).toContainEqual({ field: 'accessibilityErrorRedirectUrl', old: null, new: 'https://intranet.example.com/help' });
      expect(byAction(rows, 'group.user_membership.add').target_name).toBe('jane.roe@example.com');
    });
  }
});

describe('GitHub audit log JSON export', () => {
  const get = imported('github/audit-log-export.json', 'github', 7);

  it('reads @timestamp in epoch milliseconds and the repository as target', () => {
    const e = byAction(get().rows, 'repo.create');
    expect(iso(e)).toBe('2024-06-04T09:02:02.417Z');
    expect([e.actor, e.actor_id, e.src_ip, e.target_type, e.target_name, e.tenant, e.outcome]).toEqual([
      'octocat', '583231', '203.0.113.90', 'repo', 'acme-corp/payments-api', 'acme-corp', 'success',
    ]);
  });

  it('turns previous_* and old_* keys into changes', () => {
    const rows = get().rows;
    expect(changesOf(byAction(rows, 'repo.access'))).toEqual([{ field: 'visibility', old: 'private', new: 'public' }]);
    expect(changesOf(byAction(rows, 'org.update_member'))).toEqual([{ field: 'permission', old: 'read', new: 'admin' }]);
    expect(changesOf(byAction(rows, 'repo.rename'))).toEqual([{ field: 'name', old: 'payments-api', new: 'payments-service' }]);
    expect(byAction(rows, 'org.update_member').target_name).toBe('mona');
  });

  it('types bots as automation and a failed login as a failure', () => {
    const bot = byAction(get().rows, 'repository_vulnerability_alert.resolve');
    expect([bot.actor, bot.actor_type]).toEqual(['dependabot[bot]', 'automation']);
    const fail = byAction(get().rows, 'user.failed_login');
    expect([fail.outcome, fail.src_ip, fail.action_class]).toEqual(['failure', '198.51.100.201', 'login']);
  });
});

describe('GitHub audit log CSV export', () => {
  const get = imported('github/audit-log-export.csv', 'github', 5);

  it('reads the CSV columns', () => {
    const e = byAction(get().rows, 'team.add_member');
    expect(iso(e)).toBe('2024-06-05T07:00:00.000Z');
    expect([e.actor, e.src_ip, e.target_type, e.target_name]).toEqual(['octocat', '203.0.113.90', 'team', 'acme-corp/platform']);
    expect(byAction(get().rows, 'repo.destroy').action_class).toBe('delete');
  });

  it('finds old/new pairs among empty cells', () => {
    const rows = get().rows;
    expect(changesOf(byAction(rows, 'repo.update_member'))).toContainEqual({ field: 'permission', old: 'write', new: 'admin' });
    expect(changesOf(byAction(rows, 'repo.access'))).toContainEqual({ field: 'visibility', old: 'private', new: 'internal' });
  });

  // Empty CSV cells reach the `prefixed` change spec as JSON null; they are not changes.
  it('adds no change for an empty old_* cell', () => {
    expect(changesOf(byAction(get().rows, 'team.add_member'))).toEqual([]);
  });
});

describe('Google Workspace Reports API activities', () => {
  const get = imported('gworkspace/reports-activities.json', 'gworkspace', 7);

  it('explodes events[]: one row per event, sharing the activity time, actor and IP', () => {
    const rows = get().rows;
    const create = byAction(rows, 'CREATE_USER');
    const role = byAction(rows, 'ASSIGN_ROLE');
    for (const e of [create, role]) {
      expect([iso(e), e.actor, e.src_ip, e.service]).toEqual(['2024-02-12T16:50:33.001Z', 'it-admin@example.org', '203.0.113.40', 'admin']);
    }
    expect([create.target_type, create.target_name, role.target_type, role.action_class]).toEqual([
      'USER_SETTINGS', 'svc-sync@example.org', 'DELEGATED_ADMIN_SETTINGS', 'permission',
    ]);
    expect(create.locator).not.toBe(role.locator);
  });

  it('turns admin settings and Drive sharing into changes', () => {
    const rows = get().rows;
    const setting = byAction(rows, 'CHANGE_APPLICATION_SETTING');
    expect(setting.target_name).toBe('ENABLE_EXTERNAL_FORWARDING');
    expect(changesOf(setting)).toEqual([{ field: 'ENABLE_EXTERNAL_FORWARDING', old: 'false', new: 'true' }]);
    const share = byAction(rows, 'change_user_access');
    expect([share.target_id, share.target_name, share.service]).toEqual(['1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', '2024 Salary Review', 'drive']);
    expect(changesOf(share)).toEqual([
      { field: 'partner@example.net', old: '["none"]', new: '["can_edit"]' },
      { field: 'visibility', old: 'private', new: 'shared_externally' },
    ]);
  });

  it('marks login_failure as a failure from an IPv6 address', () => {
    const e = byAction(get().rows, 'login_failure');
    expect([e.outcome, e.src_ip, e.actor, e.tenant]).toEqual(['failure', '2001:db8:ab::17', 'j.smith@example.org', 'C03az79cb']);
    expect(byAction(get().rows, 'login_success').outcome).toBe('success');
  });
});
