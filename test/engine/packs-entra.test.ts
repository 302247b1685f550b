import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { FIXTURES, byAction, changesOf, imported, importFixtures, iso, one } from './public-fixtures.ts';

/**
 * Microsoft Entra ID audit and sign-in logs in the three shapes Microsoft ships them: Microsoft Graph
 * pages, diagnostic-settings exports (storage account / event hub, `properties` wrapper) and the
 * portal's Log Analytics CSV export (`[UTC]` headers, US dates, dynamic columns as JSON text).
 */

describe('Entra audit logs from Microsoft Graph ({"value": [...], "@odata.nextLink"})', () => {
  const get = imported('entra/graph-directory-audits.json', 'entra', 4);

  it('maps the initiating user, the first target and modifiedProperties', () => {
    const e = byAction(get().rows, 'Add member to role');
    expect(iso(e)).toBe('2025-03-04T02:11:52.441Z');
    expect([e.actor, e.actor_id, e.actor_type, e.src_ip, e.service, e.action_class, e.outcome]).toEqual([
      'admin@fabrikam.example', '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c01', 'user', '198.51.100.5', 'Core Directory', 'permission', 'success',
    ]);
    expect([e.target_type, e.target_id, e.target_name]).toEqual(['User', '7c6b5a49-2e1d-4c3b-9a8f-0e1d2c3b4a01', 'dana@fabrikam.example']);
    expect(changesOf(e)).toContainEqual({ field: 'Role.DisplayName', old: null, new: '"Global Administrator"' });
  });

  it('types an application initiator as a service and keeps a failure with its reason', () => {
    const app = one(get().rows, (r) => r.actor === 'Fabrikam Directory Sync');
    expect([app.actor_type, app.actor_id, app.src_ip, app.target_name, app.action_class]).toEqual([
      'service', '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a04', null, 'Payroll Export', 'update',
    ]);
    const fail = byAction(get().rows, 'Reset password (by admin)');
    expect([fail.outcome, fail.outcome_raw, fail.description, fail.service]).toEqual([
      'failure', 'failure', 'User is not authorized to reset the password of this user', 'Self-service Password Management',
    ]);
    expect(changesOf(byAction(get().rows, 'Update user')).map((c) => c.field)).toEqual(['StrongAuthenticationPhoneAppDetail']);
  });
});

describe('Entra audit logs from a storage account (insights-logs-auditlogs, JSON lines, properties wrapper)', () => {
  const get = imported('entra/insights-logs-auditlogs.json', 'entra', 3);

  it('reads the directoryAudit under properties, with the tenant and caller IP of the envelope', () => {
    const e = byAction(get().rows, 'Consent to application');
    expect(iso(e)).toBe('2025-03-04T02:30:19.813Z');
    expect([e.actor, e.src_ip, e.target_type, e.target_name, e.tenant, e.action_class]).toEqual([
      'dana@fabrikam.example', '203.0.113.77', 'ServicePrincipal', 'Mail Backup Helper', '2d4f6a8c-1b3d-4e5f-9a7b-c8d9e0f1a2b3', 'permission',
    ]);
    expect(changesOf(e).map((c) => c.field)).toEqual(['ConsentContext.IsAdminConsent', 'ConsentAction.Permissions', 'TargetId.ServicePrincipalNames']);
  });
});

describe('Entra AuditLogs exported from Log Analytics as CSV', () => {
  const get = imported('entra/log-analytics-auditlogs.csv', 'entra', 4);

  it('reads "[UTC]" US-style times as UTC and the JSON-text dynamic columns', () => {
    const e = byAction(get().rows, 'Add member to role');
    expect(iso(e)).toBe('2025-03-04T02:11:52.441Z');
    expect(e.time_raw).toBe('3/4/2025, 2:11:52.441 AM');
    expect(e.time_assumed_tz).toBe('UTC');
    expect([e.actor, e.src_ip, e.target_name, e.tenant, e.action_class]).toEqual([
      'admin@fabrikam.example', '198.51.100.5', 'dana@fabrikam.example', '2d4f6a8c-1b3d-4e5f-9a7b-c8d9e0f1a2b3', 'permission',
    ]);
    expect(changesOf(e)).toContainEqual({ field: 'Role.DisplayName', old: null, new: '"Global Administrator"' });
    expect(byAction(get().rows, 'Reset password (by admin)').outcome).toBe('failure');
  });
});

describe('Entra sign-in logs from Microsoft Graph', () => {
  const get = imported('entra/graph-sign-ins.json', 'entra', 4);

  it('maps errorCode 0 to success and any other code to failure with its reason', () => {
    const rows = get().rows.filter((r) => r.actor === 'dana@fabrikam.example');
    expect(rows.map((r) => [iso(r), r.outcome, r.outcome_raw, r.src_ip])).toEqual([
      ['2025-03-04T02:05:13.000Z', 'failure', '50126', '203.0.113.77'],
      ['2025-03-04T02:06:40.000Z', 'success', '0', '203.0.113.77'],
      ['2025-03-04T02:33:58.000Z', 'failure', '53003', '198.51.100.61'],
    ]);
    const e = rows[0];
    expect([e?.action, e?.action_class, e?.actor_type, e?.target_type, e?.target_name]).toEqual([
      'Sign-in activity', 'login', 'user', 'application', 'Microsoft Azure PowerShell',
    ]);
    expect(e?.description).toBe('Error validating credentials due to invalid username or password.');
    expect(one(get().rows, (r) => r.actor === 'chris@fabrikam.example').src_ip).toBe('2001:db8:4e::12');
  });
});

describe('Entra sign-in logs from an event hub / storage account ({"records": [...]})', () => {
  const get = imported('entra/insights-logs-signinlogs.json', 'entra', 4);

  it('reads user and service-principal sign-ins under properties, with the user agent', () => {
    const sp = one(get().rows, (r) => r.actor === 'Payroll Export');
    expect([sp.actor_type, sp.actor_id, sp.src_ip, sp.outcome, sp.action]).toEqual([
      'service', '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d05', '198.51.100.14', 'success', 'Sign-in activity',
    ]);
    const blocked = one(get().rows, (r) => r.outcome_raw === '53003');
    expect([blocked.actor, blocked.outcome, blocked.user_agent?.startsWith('Mozilla/5.0 (Windows NT 10.0'), blocked.tenant]).toEqual([
      'dana@fabrikam.example', 'failure', true, '2d4f6a8c-1b3d-4e5f-9a7b-c8d9e0f1a2b3',
    ]);
  });
});

describe('Entra SigninLogs exported from Log Analytics as CSV', () => {
  const get = imported('entra/log-analytics-signinlogs.csv', 'entra', 4);

  it('reads the Status JSON text for outcome and reason', () => {
    const e = one(get().rows, (r) => r.outcome_raw === '50126');
    expect(iso(e)).toBe('2025-03-04T02:05:13.000Z');
    expect([e.actor, e.outcome, e.src_ip, e.user_agent, e.target_name]).toEqual([
      'dana@fabrikam.example', 'failure', '203.0.113.77', 'Mozilla/5.0 (compatible; MSAL 1.0) PKeyAuth/1.0', 'Microsoft Azure PowerShell',
    ]);
    expect(e.description).toBe('Error validating credentials due to invalid username or password.');
  });
});

describe('the same Entra records from several shapes', () => {
  it('keep one event each: Graph first, then Log Analytics and storage add only what Graph lacked', async () => {
    const audit = await importFixtures(['entra/graph-directory-audits.json', 'entra/log-analytics-auditlogs.csv', 'entra/insights-logs-auditlogs.json']);
    expect(audit.map((b) => [b.events, b.duplicates])).toEqual([[4, 0], [1, 3], [0, 3]]);
    const signin = await importFixtures(['entra/graph-sign-ins.json', 'entra/log-analytics-signinlogs.csv', 'entra/insights-logs-signinlogs.json']);
    expect(signin.map((b) => [b.events, b.duplicates])).toEqual([[4, 0], [0, 4], [1, 3]]);
  });
});

describe('--vendor entra', () => {
  it('picks, of the two Entra packs, the one that reads the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-'));
    const c = await Case.open(join(dir, 'case.duckdb'), { create: true });
    try {
      const files = ['entra/graph-sign-ins.json', 'entra/graph-directory-audits.json'].map((f) => join(FIXTURES, f));
      const s = await importPaths(c, { paths: files, vendor: 'entra' });
      expect(s.batches.map((b) => [b.vendor, b.events])).toEqual([['entra', 4], ['entra', 4]]);
      const labels = await c.db.all<{ label: string }>('SELECT s.label FROM batches b JOIN sources s ON s.id = b.source_id ORDER BY b.id');
      expect(labels.map((l) => l.label)).toEqual(['Microsoft Entra ID sign-in logs', 'Microsoft Entra ID audit logs']);
    } finally {
      c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
