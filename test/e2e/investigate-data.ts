import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files the investigator end-to-end test imports through the UI: a small NDJSON with one broken
 * line (a reject to open) and a big integer (the JSON tree must keep its digits), a hostile file
 * whose every key and value is markup, and a large file for progress and cancel.
 */

/** Past 2^53: JSON.parse would turn it into 12345678901234567000. */
export const BIG_ID = '12345678901234567891';

export const SMALL_GOOD_LINES = 5;

export function smallNdjson(): Buffer {
  const lines = Array.from({ length: SMALL_GOOD_LINES }, (_, i) =>
    JSON.stringify({
      time: `2025-02-01T10:0${i}:00Z`,
      user: i % 2 === 0 ? 'alice@example.com' : 'bob@example.com',
      action: ['login', 'update', 'delete', 'login', 'export'][i],
      ip: `198.51.100.${10 + i}`,
      resource: { type: 'document', name: `report-${i}.pdf`, tags: ['q1', 'finance'] },
    }),
  );
  // The big number is spliced in as text, since JSON.stringify of a JS number would round it.
  lines[0] = (lines[0] as string).replace('{', `{"seq":${BIG_ID},`);
  lines.splice(3, 0, '{"time": "2025-02-01T10:09:00Z", "user": "mallory", "action": '); // truncated line
  return Buffer.from(`${lines.join('\n')}\n`);
}

export const XSS_IMG = '<img src=x onerror=window.__pwned=1>';
export const XSS_SCRIPT = '</script><script>window.__pwned=1</script>';
export const HOSTILE_FILE_NAME = `${XSS_IMG}.ndjson`;

export function hostileNdjson(): Buffer {
  const record = (i: number, time: string): string =>
    JSON.stringify({
      time,
      user: i % 2 ? XSS_SCRIPT : XSS_IMG,
      action: i % 2 ? XSS_IMG : XSS_SCRIPT,
      target: XSS_IMG,
      ip: XSS_SCRIPT,
      outcome: XSS_IMG,
      message: `${XSS_SCRIPT} ${XSS_IMG}`,
      [XSS_IMG]: XSS_SCRIPT,
      [XSS_SCRIPT]: { [XSS_IMG]: [XSS_SCRIPT] },
    });
  // The last record has markup even where its time should be.
  const lines = [record(0, '2025-02-02T08:00:00Z'), record(1, '2025-02-02T08:01:00Z'), record(2, XSS_IMG)];
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Large enough that the import takes a visible moment (about 70 MB, 400k events). */
export function writeLargeNdjson(dir: string, events = 400_000): string {
  const path = join(dir, 'large-export.ndjson');
  const t0 = Date.UTC(2025, 0, 1);
  const out: string[] = [];
  for (let i = 0; i < events; i++) {
    out.push(
      JSON.stringify({
        id: `evt-${i}`,
        time: new Date(t0 + i * 1000).toISOString(),
        user: `user${i % 50}@example.com`,
        action: ['login', 'logout', 'update', 'delete'][i % 4],
        ip: `10.0.${i % 256}.${(i >> 8) % 256}`,
        detail: 'x'.repeat(40),
      }),
    );
  }
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}
