import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { DEMO_TZ, writeDemoFiles } from '../../main/demo/files.ts';
import { parseCsv } from './seed-fixtures.ts';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'al-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ATTACKER = '203.0.113.77';

function records(file: string): Array<Record<string, unknown>> {
  const text = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) {
    const [header = [], ...rows] = parseCsv(text);
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  }
  if (file.endsWith('.ndjson'))
    return text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const v = JSON.parse(text) as unknown;
  if (Array.isArray(v)) return v as Array<Record<string, unknown>>;
  const o = v as Record<string, unknown>;
  return (o.Records ?? o.logs ?? []) as Array<Record<string, unknown>>;
}

describe('demo data', () => {
  const files = writeDemoFiles(tmp());
  const byVendor = (prefix: string): string => {
    const f = files.find((p) => basename(p).startsWith(prefix) || basename(p).includes(`_${prefix}_`));
    if (!f) throw new Error(`no ${prefix} file`);
    return f;
  };

  it('is byte-for-byte the same on every run', () => {
    const again = writeDemoFiles(tmp());
    expect(again.map((f) => basename(f))).toEqual(files.map((f) => basename(f)));
    files.forEach((f, i) => expect(readFileSync(again[i] as string).equals(readFileSync(f)), basename(f)).toBe(true));
  });

  it('holds a few hundred events across seven sources', () => {
    expect(files).toHaveLength(7);
    const total = files.reduce((n, f) => n + records(f).length, 0);
    expect(total).toBeGreaterThan(300);
    expect(total).toBeLessThan(1000);
  });

  it('tells the story: two code edits, a credential read, a policy change, from the new IP', () => {
    const yep = records(byVendor('yepcode'));
    // The export as YepCode documents it: ID is the affected process, code before/after as strings.
    const edits = yep.filter((r) => r.ID === 'prc_7Hq2LmN4' && r.Event === 'UPDATED');
    expect(edits).toHaveLength(2);
    for (const e of edits) expect(e).toMatchObject({ User: 'dana@acme.example', IP: ATTACKER, Type: 'PROCESS' });
    expect(yep.every((r) => Object.keys(r).every((k) => ['User', 'IP', 'ID', 'Type', 'Event', 'Time', 'content'].includes(k)))).toBe(true);
    const code = edits.map((e) => (e.content as { after: string }).after);
    expect(code[0]?.split('\n').length).toBeGreaterThan(20);
    expect(code[0]).not.toBe(code[1]);

    const ct = records(byVendor('CloudTrail'));
    const read = ct.find((r) => r.eventName === 'GetSecretValue' && r.sourceIPAddress === ATTACKER && !r.errorCode);
    expect(read).toBeDefined();
    expect(ct.some((r) => r.sourceIPAddress === 'lambda.amazonaws.com')).toBe(true);

    const sq = records(byVendor('squadcast'));
    expect(sq.some((r) => r.resource === 'escalation_policies' && r.ipAddress === ATTACKER)).toBe(true);
    const okta = records(byVendor('okta'));
    expect(okta.filter((r) => (r.outcome as { result: string }).result === 'FAILURE').length).toBeGreaterThanOrEqual(5);
    expect(okta.some((r) => JSON.stringify(r.target).includes('changeDetails'))).toBe(true);
  });

  it('imports with the expected packs, and the attacker shows up in every source that logs IPs', async () => {
    const dir = tmp();
    const c = await Case.open(join(dir, 'demo.duckdb'), { create: true });
    try {
      const summary = await importPaths(c, { paths: files, tz: DEMO_TZ });
      const vendors = summary.batches.map((b) => [basename(b.file), b.vendor, b.error?.message ?? '', b.rejects]);
      expect(vendors).toEqual([
        ['yepcode-audit-events.json', 'yepcode', '', 0],
        ['ubiops-acme-ml-audit.json', 'ubiops', '', 0],
        ['jiffy-audit-report.csv', 'jiffy', '', 0],
        ['epilot-audit-logs.json', 'epilot', '', 0],
        ['squadcast-audit-logs.json', 'squadcast', '', 0],
        ['123456789012_CloudTrail_eu-central-1_20250303T0000Z_demo.json.gz', 'cloudtrail', '', 0],
        ['okta-system-log.ndjson', 'okta', '', 0],
      ]);
      expect(summary.eventsTotal).toBe(files.reduce((n, f) => n + records(f).length, 0));
      const seen = await c.db.all<{ vendor: string }>(
        'SELECT DISTINCT vendor FROM events WHERE src_ip = $ip ORDER BY vendor',
        { ip: ATTACKER },
      );
      expect(seen.map((r) => r.vendor)).toEqual(['cloudtrail', 'epilot', 'okta', 'squadcast', 'yepcode']);
      const empty = await c.db.value(
        'SELECT count(*) FROM events WHERE event_time IS NULL OR actor IS NULL OR action IS NULL',
      );
      expect(Number(empty)).toBe(0);
    } finally {
      c.close();
    }
  });
});
