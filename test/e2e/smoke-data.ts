import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Small, deterministic audit logs for the end-to-end smoke: enough CloudTrail records to need
 * several 200-row pages, a few Okta events with old/new values, and hostile strings that must
 * come out as text.
 */

export const HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_DESCRIPTION = '<script>window.__pwned=1</script>';

const ACTIONS = ['GetObject', 'PutObject', 'DeleteBucket', 'ConsoleLogin', 'CreateUser'] as const;
const USERS = ['alice', 'bob', 'carol', 'dave'];

export interface SmokeData {
  cloudtrailPath: string;
  oktaPath: string;
  cloudtrailEvents: number;
  oktaEvents: number;
  deleteBucketEvents: number;
}

export function writeSmokeData(dir: string, cloudtrailEvents = 450): SmokeData {
  const records = [];
  let deleteBucketEvents = 0;
  const start = Date.UTC(2024, 2, 4, 9, 0, 0);
  for (let i = 0; i < cloudtrailEvents; i++) {
    const action = ACTIONS[i % ACTIONS.length] as string;
    if (action === 'DeleteBucket') deleteBucketEvents += 1;
    const user = i === 7 ? HOSTILE_ACTOR : (USERS[i % USERS.length] as string);
    records.push({
      eventVersion: '1.08',
      userIdentity: {
        type: 'IAMUser',
        principalId: `AIDA${1000 + (i % 4)}`,
        accountId: '111122223333',
        userName: user,
      },
      eventTime: new Date(start + i * 61_000).toISOString().replace('.000', ''),
      eventSource: action === 'ConsoleLogin' ? 'signin.amazonaws.com' : 's3.amazonaws.com',
      eventName: action,
      awsRegion: 'eu-west-1',
      sourceIPAddress: `203.0.113.${i % 250}`,
      userAgent: 'aws-cli/2.15.0',
      requestParameters: { bucketName: `evidence-${i % 9}` },
      ...(i % 11 === 0 ? { errorCode: 'AccessDenied', errorMessage: 'Access Denied' } : {}),
      eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      eventType: 'AwsApiCall',
      recipientAccountId: '111122223333',
    });
  }
  const cloudtrailPath = join(dir, 'cloudtrail.json');
  writeFileSync(cloudtrailPath, JSON.stringify({ Records: records }));

  const okta = [0, 1, 2].map((i) => ({
    uuid: `b1a5c0de-0000-4000-8000-00000000000${i}`,
    published: new Date(Date.UTC(2024, 2, 5, 10, i, 0)).toISOString(),
    eventType: 'user.account.update_profile',
    legacyEventType: 'core.user.config.profile_update',
    displayMessage: i === 0 ? HOSTILE_DESCRIPTION : 'Update user profile',
    severity: 'INFO',
    actor: { id: '00u1admin', type: 'User', alternateId: 'admin@example.com', displayName: 'Ada Admin' },
    client: { ipAddress: '192.0.2.5', userAgent: { rawUserAgent: 'Mozilla/5.0' } },
    outcome: { result: 'SUCCESS' },
    target: [
      {
        id: `00u${i}bob`,
        type: 'User',
        alternateId: `user${i}@example.com`,
        displayName: `User ${i}`,
        changeDetails: { from: { title: 'Engineer' }, to: { title: 'Manager' } },
      },
    ],
  }));
  const oktaPath = join(dir, 'okta.ndjson');
  writeFileSync(oktaPath, okta.map((e) => JSON.stringify(e)).join('\n') + '\n');

  return { cloudtrailPath, oktaPath, cloudtrailEvents, oktaEvents: okta.length, deleteBucketEvents };
}
