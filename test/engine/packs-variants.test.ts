import { describe, expect, it } from 'vitest';
import { byAction, imported, iso } from './public-fixtures.ts';

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
