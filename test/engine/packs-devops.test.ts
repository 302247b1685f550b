import { describe, expect, it } from 'vitest';
import { byAction, changesOf, imported, iso, one } from './public-fixtures.ts';

/** Atlassian (Jira, Confluence, organization admin), GitLab and Cloudflare audit logs, end to end. */

describe('Jira audit records {"records": [...]}', () => {
  const get = imported('atlassian/jira-audit-records.json', 'atlassian', 4);

  it('maps the +0000 time, the author account, the object item and changedValues', () => {
    const e = byAction(get().rows, 'User updated');
    expect(iso(e)).toBe('2025-03-04T02:35:20.101Z');
    expect([e.actor, e.src_ip, e.service, e.target_type, e.target_id, e.target_name, e.action_class]).toEqual([
      '5b10ac8d82e05b22cc7d4ef5', '203.0.113.77', 'user management', 'USER', '5b10ac8d82e05b22cc7d4ef6', 'sam.lee', 'update',
    ]);
    expect(changesOf(e)).toEqual([
      { field: 'Email', old: 'sam.lee@acme.example', new: 'sam.lee@example.net' },
      { field: 'Active / Inactive', old: 'Inactive', new: 'Active' },
    ]);
    expect(byAction(get().rows, 'User added to group').action_class).toBe('permission');
  });
});

describe('Confluence audit records {"results": [...]}', () => {
  const get = imported('atlassian/confluence-audit-records.json', 'atlassian', 3);

  it('reads epoch-millisecond creationDate, the author and the affected object', () => {
    const e = byAction(get().rows, 'Space permission added');
    expect(iso(e)).toBe('2025-03-04T02:30:00.123Z');
    expect([e.actor, e.actor_id, e.target_type, e.target_name, e.service]).toEqual([
      'Dana Whitfield', '5b10ac8d82e05b22cc7d4ef5', 'Space', 'Finance', 'Permissions',
    ]);
    expect(changesOf(e)).toContainEqual({ field: 'Permission', old: '', new: 'Export space' });
    expect(byAction(get().rows, 'Global permission removed').src_ip).toBe('2001:db8:7b::4');
  });
});

describe('Atlassian organization audit log {"data": [{"attributes": …}]}', () => {
  const get = imported('atlassian/org-admin-events.json', 'atlassian', 4);

  it('maps attributes: actor, location IP, first context object and site', () => {
    const e = byAction(get().rows, 'user_added_to_group');
    expect(iso(e)).toBe('2025-03-04T02:31:43.880Z');
    expect([e.actor, e.src_ip, e.target_type, e.target_name, e.tenant, e.action_class]).toEqual([
      'Dana Whitfield', '203.0.113.77', 'users', 'sam.lee@acme.example', 'acme.atlassian.net', 'permission',
    ]);
    expect(byAction(get().rows, 'user_logged_in').action_class).toBe('login');
  });
});

describe('GitLab audit events', () => {
  const api = imported('gitlab/audit-events-api.json', 'gitlab', 4);
  const stream = imported('gitlab/audit-event-streaming.ndjson', 'gitlab', 3);

  it('REST API: actor e-mail, target and change from → to', () => {
    const e = byAction(api().rows, 'project_visibility_level_updated');
    expect(iso(e)).toBe('2025-03-04T02:41:55.640Z');
    expect([e.actor, e.actor_id, e.src_ip, e.target_type, e.target_id, e.target_name, e.tenant, e.action_class]).toEqual([
      'dana@acme.example', '42', '203.0.113.77', 'Project', '31', 'acme/payments-api', 'acme', 'update',
    ]);
    expect(changesOf(e)).toEqual([{ field: 'visibility_level', old: 'Private', new: 'Public' }]);
    expect(byAction(api().rows, 'user_blocked')).toMatchObject({ actor: 'admin@acme.example', target_name: 'dana', src_ip: '2001:db8:8c::2' });
  });

  it('streaming: event_type as action, git operations as reads, a change named by the event', () => {
    const git = byAction(stream().rows, 'repository_git_operation');
    expect([git.actor, git.action_class, git.target_name, git.src_ip]).toEqual(['Dana Whitfield', 'read', 'payments-api', '203.0.113.77']);
    expect(changesOf(byAction(stream().rows, 'project_default_branch_updated'))).toEqual([
      { field: 'project_default_branch_updated', old: 'main', new: 'release-bypass' },
    ]);
  });
});

describe('Cloudflare audit logs', () => {
  const v4 = imported('cloudflare/audit-logs-v4.json', 'cloudflare', 4);
  const v2 = imported('cloudflare/audit-logs-v2.json', 'cloudflare', 3);

  it('v4: a setting change old → new, boolean result, owner as tenant, no empty changes', () => {
    const e = byAction(v4().rows, 'change_setting');
    expect(iso(e)).toBe('2025-03-04T02:56:41.000Z');
    expect([e.actor, e.src_ip, e.target_type, e.target_name, e.outcome, e.tenant]).toEqual([
      'dana@acme.example', '203.0.113.77', 'zone', 'acme.example', 'success', '023e105f4ecef8ad9ca31a8372d0c353',
    ]);
    expect(changesOf(e)).toEqual([{ field: 'security_level', old: 'high', new: 'essentially_off' }]);
    const del = byAction(v4().rows, 'delete');
    expect([del.outcome, del.outcome_raw, changesOf(del)]).toEqual(['failure', 'false', []]);
  });

  it('v2: product as service, token requests as api, the request body as new values', () => {
    const e = byAction(v2().rows, 'create');
    expect([e.service, e.target_type, e.actor_type, e.outcome, e.user_agent?.startsWith('Mozilla/5.0')]).toEqual(['workers', 'route', 'user', 'success', true]);
    expect(changesOf(e)).toContainEqual({ field: 'script', old: null, new: 'exfil-proxy' });
    const denied = one(v2().rows, (r) => r.outcome === 'failure');
    expect([denied.action, denied.actor_type, denied.service, denied.description]).toEqual(['delete', 'api', 'access', 'Delete Access application']);
  });
});
