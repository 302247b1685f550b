import { describe, expect, it } from 'vitest';
import { importPaths } from '../../main/engine/import/importer.ts';
import { detectPack, matchesRecord, packForVendor } from '../../main/engine/packs/registry.ts';
import type { MappingPack } from '../../main/engine/packs/types.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/**
 * Pack-language features the newer vendors need: a record held as JSON text in a field (`unwrap`),
 * a change whose field name is itself a value (`pair` with `fieldPath`), records wrapped one level
 * down (`response.authlogs`), PowerShell's `#TYPE` line before a CSV header, and several packs per
 * vendor.
 */

const inner = (i: number): Record<string, unknown> => ({
  when: `2025-03-04T02:0${i}:00Z`,
  who: { name: `user${i}@example.com` },
  verb: i % 2 ? 'delete' : 'create',
  ip: `203.0.113.${i}`,
  field: i % 2 ? 'visibility' : null,
  before: 'private',
  after: 'public',
});

const pack = (over: Partial<MappingPack> = {}): MappingPack => ({
  id: 'generic',
  version: 1,
  label: 'test pack',
  detect: { formats: ['json'], all: ['when', 'verb'] },
  fields: { time: 'when', actor: 'who.name', action: 'verb', src_ip: 'ip' },
  ...over,
});

interface Row {
  actor: string | null;
  action: string | null;
  src_ip: string | null;
  event_time: Date | null;
  changes: string | null;
  raw: string;
  locator: string;
}

describe('pack language', () => {
  const t = useTempDir();

  async function importWith(name: string, content: string, mapping?: MappingPack): Promise<Row[]> {
    const c = await t.openCase(`${name}.duckdb`);
    const s = await importPaths(c, { paths: [t.file(name, content)], ...(mapping ? { mapping } : {}) });
    expect(s.batches[0]?.error).toBeUndefined();
    return c.db.all<Row>('SELECT actor, action, src_ip, event_time, changes::VARCHAR AS changes, raw, locator FROM events ORDER BY locator');
  }

  it('unwrap: maps the record held as JSON text in a field, keeps the outer record as raw', async () => {
    const outer = [1, 2].map((i) => ({ Id: `e${i}`, Inner: JSON.stringify(inner(i)) }));
    const p = pack({ unwrap: ['Inner'] });
    const rows = await importWith('outer.json', JSON.stringify(outer), p);
    expect(rows.map((r) => [r.actor, r.action, r.src_ip, r.event_time?.toISOString()])).toEqual([
      ['user1@example.com', 'delete', '203.0.113.1', '2025-03-04T02:01:00.000Z'],
      ['user2@example.com', 'create', '203.0.113.2', '2025-03-04T02:02:00.000Z'],
    ]);
    expect(JSON.parse(rows[0]?.raw ?? '{}')).toEqual(outer[0]);
  });

  it('unwrap: reads an object-valued field too, and a record without the field as it is', async () => {
    const recs = [{ Inner: inner(3) }, inner(4), { Inner: 'not json', ...inner(5) }];
    const rows = await importWith('mixed.json', JSON.stringify(recs), pack({ unwrap: ['Inner'] }));
    expect(rows.map((r) => r.actor)).toEqual(['user3@example.com', 'user4@example.com', 'user5@example.com']);
  });

  it('unwrap: detection reads the unwrapped record', () => {
    const outer = { Inner: JSON.stringify(inner(1)) };
    expect(matchesRecord(pack({ unwrap: ['Inner'] }), outer)).toBe(true);
    expect(matchesRecord(pack(), outer)).toBe(false);
    expect(matchesRecord(pack({ unwrap: ['Inner'] }), inner(2))).toBe(true);
  });

  it('pair with fieldPath: names the change from a value, falling back to the constant', async () => {
    const p = pack({ changes: [{ kind: 'pair', fieldPath: 'field', field: 'value', old: 'before', new: 'after' }] });
    const rows = await importWith('pairs.json', JSON.stringify([inner(1), inner(2)]), p);
    expect(rows.map((r) => JSON.parse(r.changes ?? '[]'))).toEqual([
      [{ field: 'visibility', old: 'private', new: 'public' }],
      [{ field: 'value', old: 'private', new: 'public' }],
    ]);
  });

  it('keyed segments: reads details stored under a key named by another field', async () => {
    const recs = [
      { ...inner(1), type: 'api_key.created', 'api_key.created': { id: 'key_1', data: { scopes: ['a'] } } },
      { ...inner(2), type: 'project.updated', 'project.updated': { id: 'proj_2', changes_requested: { title: 'New "title"' } }, entity: { type: 'user', user: { name: 'U' } } },
      { ...inner(3), type: 'login.failed' },
    ];
    const p = pack({
      fields: { time: 'when', actor: 'who.name', action: 'type', target_id: '{type}.id', target_name: 'entity.{entity.type}.name' },
      changes: [{ kind: 'newOnly', path: '{type}.changes_requested' }],
    });
    const c = await t.openCase('keyed.duckdb');
    const s = await importPaths(c, { paths: [t.file('keyed.json', JSON.stringify(recs))], mapping: p });
    expect(s.batches[0]?.error).toBeUndefined();
    const rows = await c.db.all<{ target_id: string | null; target_name: string | null; changes: string | null }>(
      'SELECT target_id, target_name, changes::VARCHAR AS changes FROM events ORDER BY event_time',
    );
    expect(rows.map((r) => [r.target_id, r.target_name, r.changes && JSON.parse(r.changes)])).toEqual([
      ['key_1', null, null],
      ['proj_2', 'U', [{ field: 'title', old: null, new: 'New "title"' }]],
      [null, null, null],
    ]);
  });

  it('reads records one level down ({"response": {"authlogs": […]}}) and a bare "response" array', async () => {
    const v2 = { stat: 'OK', response: { authlogs: [inner(1), inner(2)], metadata: { next_offset: ['1741053720000', 'tx'] } } };
    const rows = await importWith('v2.json', JSON.stringify(v2), pack());
    expect(rows.map((r) => [r.locator, r.actor])).toEqual([
      ['v2.json response.authlogs[0]', 'user1@example.com'],
      ['v2.json response.authlogs[1]', 'user2@example.com'],
    ]);
    const v1 = await importWith('v1.json', JSON.stringify({ stat: 'OK', response: [inner(3)] }), pack());
    expect(v1.map((r) => r.locator)).toEqual(['v1.json response[0]']);
  });

  for (const key of ['Events', 'result', 'activity_logs', 'operation_logs']) {
    it(`reads an object wrapping the array in "${key}"`, async () => {
      const rows = await importWith(`w-${key}.json`, JSON.stringify({ [key]: [inner(1), inner(2)], next_page_token: '' }), pack());
      expect(rows.map((r) => r.locator)).toEqual([`w-${key}.json ${key}[0]`, `w-${key}.json ${key}[1]`]);
    });
  }

  it("skips PowerShell's #TYPE line and keeps file line numbers in locators and rejects", async () => {
    const csv =
      '#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.UnifiedAuditLogEvent\r\n' +
      '"when","verb","who"\r\n"2025-03-04T02:01:00Z","create","a@example.com"\r\n"2025-03-04T02:02:00Z","broken"\r\n' +
      '"2025-03-04T02:03:00Z","delete","b@example.com"\r\n';
    const c = await t.openCase();
    const s = await importPaths(c, { paths: [t.file('ps.csv', csv)] });
    expect(s.batches[0]).toMatchObject({ format: 'csv', events: 2, rejects: 1 });
    const rows = await c.db.all<{ locator: string; raw: string }>('SELECT locator, raw FROM events ORDER BY locator');
    expect(rows.map((r) => r.locator)).toEqual(['ps.csv:row 3', 'ps.csv:row 5']);
    expect(JSON.parse(rows[0]?.raw ?? '{}')).toEqual({ when: '2025-03-04T02:01:00Z', verb: 'create', who: 'a@example.com' });
    expect(await c.db.all('SELECT locator FROM rejects')).toEqual([{ locator: 'ps.csv:row 4' }]);
  });

  it('picks, for --vendor, the one of the vendor\'s packs that recognises the records', () => {
    const lookup = [{ CloudTrailEvent: JSON.stringify({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', awsRegion: 'us-east-1', eventTime: '2025-03-04T02:00:00Z' }) }];
    expect(packForVendor('cloudtrail', lookup, 'json')?.id).toBe('cloudtrail');
    expect(detectPack(lookup, 'json')?.pack.id).toBe('cloudtrail');
    expect(packForVendor('cloudtrail', [{}], 'csv')?.id).toBe('cloudtrail');
  });
});
