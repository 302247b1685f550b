import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoFiles } from '../../main/demo/files.ts';

/**
 * Data for the explore end-to-end test: the demo incident (seven sources over 3-5 March 2025) plus
 * a small CloudTrail file whose every free-text field is an HTML/script payload, timed inside the
 * demo's window so it shows up in facets, chips and the histogram like any other evidence.
 */

export const HOSTILE_IMG = '<img src=x onerror=window.__pwned=1>';
export const HOSTILE_SCRIPT = '</script><script>window.__pwned=1</script>';
/** A word only the hostile records contain, to search them out. */
export const HOSTILE_MARKER = 'pwned';

export interface ExploreData {
  demoFiles: string[];
  hostilePath: string;
  hostileEvents: number;
}

export function writeExploreData(dir: string): ExploreData {
  const demoFiles = writeDemoFiles(join(dir, 'demo'));
  const start = Date.UTC(2025, 2, 4, 12, 0, 0);
  const records = [0, 1, 2, 3].map((i) => ({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: `AIDAHOSTILE${i}`, accountId: '111122223333', userName: HOSTILE_IMG },
    eventTime: new Date(start + i * 600_000).toISOString().replace('.000', ''),
    eventSource: HOSTILE_SCRIPT,
    eventName: i % 2 ? HOSTILE_SCRIPT : HOSTILE_IMG,
    awsRegion: 'eu-west-1',
    sourceIPAddress: '192.0.2.66',
    userAgent: HOSTILE_SCRIPT,
    requestParameters: { bucketName: HOSTILE_IMG },
    ...(i === 3 ? { errorCode: HOSTILE_SCRIPT, errorMessage: HOSTILE_IMG } : {}),
    eventID: `0000dead-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  }));
  const hostilePath = join(dir, 'hostile-cloudtrail.json');
  writeFileSync(hostilePath, JSON.stringify({ Records: records }));
  return { demoFiles, hostilePath, hostileEvents: records.length };
}
