/**
 * Deterministic demo evidence: one synthetic incident seen by seven sources over 3-5 March 2025.
 * dana@acme.example's API tokens leak; from 203.0.113.77 they are used to rewrite YepCode process
 * invoice-sync twice (it then ships its environment, AWS key included, to a paste site), read an
 * AWS secret with that key, silence Squadcast paging, redirect epilot customer payments, and tamper
 * with UbiOps, Jiffy and Okta; the team responds on the morning of 4 March. Around it: a few hundred
 * ordinary events. Same files, byte for byte, on every run. Offset-less times (YepCode, Jiffy) are UTC.
 *
 * CLI: `tsx main/demo/files.ts <dir>`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cloudtrailFile } from './sources/cloudtrail.ts';
import { epilotLog } from './sources/epilot.ts';
import { jiffyCsv } from './sources/jiffy.ts';
import { oktaEvents } from './sources/okta.ts';
import { squadcastEntries } from './sources/squadcast.ts';
import { ubiopsEvents } from './sources/ubiops.ts';
import { yepcodeEvents } from './sources/yepcode.ts';

/** The zone to import offset-less demo times with. */
export const DEMO_TZ = 'UTC';

const json = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

/** Writes the demo files into `dir` (created if missing) and returns their paths. */
export function writeDemoFiles(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, string | Buffer]> = [
    ['yepcode-audit-events.json', json(yepcodeEvents(1101))],
    ['ubiops-acme-ml-audit.json', json(ubiopsEvents(2202))],
    ['jiffy-audit-report.csv', jiffyCsv(3303)],
    ['epilot-audit-logs.json', json(epilotLog(4404))],
    ['squadcast-audit-logs.json', json(squadcastEntries(5505))],
    // level 9 and zlib's fixed header (mtime 0) keep the bytes stable.
    [
      '123456789012_CloudTrail_eu-central-1_20250303T0000Z_demo.json.gz',
      gzipSync(JSON.stringify(cloudtrailFile(6606)), { level: 9 }),
    ],
    [
      'okta-system-log.ndjson',
      oktaEvents(7707)
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    ],
  ];
  return files.map(([name, body]) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: tsx main/demo/files.ts <dir>\n');
    process.exit(2);
  }
  for (const p of writeDemoFiles(dir)) process.stdout.write(p + '\n');
}
