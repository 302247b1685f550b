import { describe, expect, it } from 'vitest';
import { byAction, changesOf, imported, importFixtures, iso } from './public-fixtures.ts';

/**
 * Packaging variants of existing packs: the same vendor records saved in another wrapper or file
 * type. (Google Workspace `{"kind","items"}` pages, Azure `{"records"}` PT1H.json blobs and the
 * GitHub CSV export have their own fixtures in packs-public*.test.ts.)
 */

describe('CloudTrail lookup-events output {"Events": [{…, "CloudTrailEvent": "<json>"}]}', () => {
  const get = imported('cloudtrail/lookup-events.json', 'cloudtrail', 4);

  it('maps the record inside CloudTrailEvent, as a trail file would give it', () => {
    const e = byAction(get().rows, 'StopLogging');
    expect(iso(e)).toBe('2025-03-04T02:20:31.000Z');
    expect([e.actor, e.actor_id, e.actor_type, e.src_ip, e.service, e.outcome, e.outcome_raw, e.tenant]).toEqual([
      'arn:aws:iam::444455556666:user/build-bot', 'AIDAEXAMPLEBUILD0001', 'user', '198.51.100.14', 'cloudtrail.amazonaws.com',
      'failure', 'AccessDenied', '444455556666',
    ]);
    expect(e.description).toMatch(/not authorized to perform: cloudtrail:StopLogging/);
  });

  it('reads the target from the inner record and keeps the lookup entry as raw', () => {
    const e = byAction(get().rows, 'PutBucketPolicy');
    expect([e.target_type, e.target_id, e.target_name, e.action_class]).toEqual([
      'AWS::S3::Bucket', 'arn:aws:s3:::acme-backups', 'acme-backups', 'permission',
    ]);
    expect(e.locator).toBe('lookup-events.json Events[0]');
    const key = byAction(get().rows, 'CreateAccessKey');
    expect([key.target_name, key.user_agent]).toEqual(['build-bot', 'AWS Internal']);
    expect(byAction(get().rows, 'ConsoleLogin')).toMatchObject({ outcome: 'success', action_class: 'login', src_ip: '203.0.113.77' });
  });
});

describe('Microsoft 365 Management Activity API content blob (flat records)', () => {
  const get = imported('m365/management-api-content.json', 'm365', 6);

  it('maps the flat Common schema: UTC CreationTime, lower-cased UserId, port-less ClientIP', () => {
    const rows = get().rows;
    expect(get().batch.format).toBe('json-array');
    const fail = byAction(rows, 'UserLoginFailed');
    expect(iso(fail)).toBe('2025-03-04T02:05:13.000Z');
    expect([fail.actor, fail.actor_id, fail.src_ip, fail.user_agent, fail.service, fail.tenant]).toEqual([
      'dana@fabrikam.example', '7c6b5a49-2e1d-4c3b-9a8f-0e1d2c3b4a01', '203.0.113.77', 'python-requests/2.31.0',
      'AzureActiveDirectory', '2d4f6a8c-1b3d-4e5f-9a7b-c8d9e0f1a2b3',
    ]);
    expect([fail.outcome, fail.outcome_raw, fail.action_class, fail.time_assumed_tz]).toEqual(['failure', 'InvalidUserNameOrPassword', 'login', 'UTC']);
    expect(byAction(rows, 'UserLoggedIn').outcome).toBe('success');
  });

  it('keeps ModifiedProperties old/new and cmdlet parameters as changes', () => {
    const role = byAction(get().rows, 'Add member to role.');
    expect([role.actor, role.actor_type, role.target_id, role.action_class]).toEqual(['admin@fabrikam.example', 'user', 'dana@fabrikam.example', 'permission']);
    expect(changesOf(role)).toContainEqual({ field: 'Role.DisplayName', old: '', new: 'Global Administrator' });
    const rule = byAction(get().rows, 'New-InboxRule');
    expect(rule.src_ip).toBe('203.0.113.77');
    expect(changesOf(rule).map((c) => c.field)).toEqual(['Name', 'From', 'DeleteMessage', 'StopProcessingRules']);
    const denied = byAction(get().rows, 'Set-Mailbox');
    expect([denied.outcome, denied.outcome_raw, denied.src_ip, denied.target_id]).toEqual(['failure', 'False', '2001:db8:4e::77', 'Chris']);
    const file = byAction(get().rows, 'FileDownloaded');
    expect([file.target_type, file.target_name, file.outcome]).toEqual(['File', 'Wire instructions.docx', 'unknown']);
  });
});

describe('Microsoft 365 Search-UnifiedAuditLog | Export-Csv (with the #TYPE line)', () => {
  const get = imported('m365/search-unifiedauditlog.csv', 'm365', 4);

  it('reads the PowerShell export through the m365 pack, from AuditData', () => {
    const rows = get().rows;
    expect(rows[0]?.locator).toBe('search-unifiedauditlog.csv:row 6');
    const rule = byAction(rows, 'New-InboxRule');
    expect(iso(rule)).toBe('2025-03-04T02:09:27.000Z');
    expect([rule.actor, rule.src_ip, rule.service, rule.outcome]).toEqual(['dana@fabrikam.example', '203.0.113.77', 'Exchange', 'success']);
    expect(changesOf(byAction(rows, 'Add member to role.'))).toContainEqual({ field: 'Role.DisplayName', old: '', new: 'Global Administrator' });
  });

  it('adds nothing when the same records were already read from the Management Activity API', async () => {
    const s = await importFixtures(['m365/management-api-content.json', 'm365/search-unifiedauditlog.csv']);
    expect(s.map((b) => [b.events, b.duplicates])).toEqual([[6, 0], [0, 4]]);
  });
});
