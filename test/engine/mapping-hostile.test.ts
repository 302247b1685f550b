import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { parseMapSpec } from '../../main/engine/mapping/map-spec.ts';
import type { MappingEdit, Result } from '../../preload/api.ts';
import { useSharedTempDir, useTempDir } from '../helpers/temp-case.ts';

/**
 * User mappings become SQL through packs/sql.ts. Paths, patterns, constants, map entries and
 * template text full of quotes, backslashes and statements must read exactly the keys and
 * produce exactly the values they name, and nothing else may reach DuckDB.
 */

const DROP = "'); DROP TABLE events; --";
const record = {
  ts: '2025-04-01T08:00:00Z',
  user: 'plain',
  action: 'login',
  "it's": "o'brien",
  'a\\b': 'back\\slash',
  [DROP]: 'dropper',
  'x.y': 'dotted',
  nested: { "q'": 'quoted key below' },
};

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

async function setUp(t: ReturnType<typeof useTempDir>): Promise<EngineHost> {
  const e = await createEngine({ casePath: join(t.dir(), 'case.duckdb'), create: true, dataDir: join(t.dir(), 'home') });
  value(await e.importFiles({ paths: [t.file('h.ndjson', [record, { ...record, user: 'second' }].map((r) => JSON.stringify(r)).join('\n'))] }));
  return e;
}

describe('hostile user mappings', () => {
  const t = useSharedTempDir();
  // One case for the file: the refusals change nothing, so they run first on it.
  let e: EngineHost;
  beforeAll(async () => {
    e = await setUp(t);
  });
  afterAll(() => e.dispose());

  it('refuses malformed paths, patterns and keys with the field named, before any SQL runs', async () => {
    const cur = value(await e.getMapping({ sourceId: 1 }));
    const problems = async (fields: Record<string, unknown>, changes: unknown[] = []): Promise<string> => {
      const p = value(await e.previewMapping({ sourceId: 1, mapping: { fields: { ...cur.mapping.fields, ...fields }, changes } as MappingEdit }));
      return p.problems.map((x) => `${x.field}: ${x.message}`).join('\n');
    };
    expect(await problems({ actor: 'a"b' })).toMatch(/^fields\.actor: path "a\\"b" /);
    expect(await problems({ actor: `${DROP}"` })).toMatch(/^fields\.actor: path .*unterminated quote/);
    expect(await problems({ actor: 'a\u0000; DROP TABLE events' })).toMatch(/control character/);
    expect(await problems({ actor: { path: 'user', regex: `')); DROP TABLE events; --(` } })).toMatch(/^fields\.actor\.regex: not a valid RE2 pattern/);
    expect(await problems({ actor: { path: 'user', regex: '(a+)+$'.repeat(300) } })).toMatch(/^fields\.actor\.regex: pattern is 1800 characters long/);
    expect(await problems({ actor: { path: 'user', regex: '\\1' } })).toMatch(/^fields\.actor\.regex: not a valid RE2 pattern/);
    expect(await problems({ actor: 'nested."[0]"' })).toMatch(/^fields\.actor: path .*read as an index or \{key\}/);
    expect(await problems({ [DROP]: 'user' })).toMatch(/^fields\.'\); DROP TABLE events; --: unknown column/);
    expect(await problems({}, [{ kind: 'text', path: 'user', pattern: `'(` }])).toMatch(/^changes\[0\]\.pattern: not a valid RE2 pattern/);
    expect(await problems({}, [{ kind: 'prefixed', prefixes: [DROP] }])).toMatch(/^changes\[0\]\.prefixes\[0\]: a prefix is letters/);
    const bad = await e.applyMapping({ sourceId: 1, mapping: { fields: { actor: { path: 'user', regex: '(' } }, changes: [] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/^mapping: fields\.actor\.regex: /) } });
    expect(await e.current?.db.value('SELECT count(*) FROM events')).toBe(2n);
  });

  it('read keys with quotes, backslashes and SQL text exactly, and write hostile constants verbatim', async () => {
    const cur = value(await e.getMapping({ sourceId: 1 }));
    const edit: MappingEdit = {
      fields: {
        ...cur.mapping.fields,
        actor: `"it's"`,
        actor_id: 'a\\b',
        target_name: `"${DROP}"`,
        target_id: '"x.y"',
        target_type: 'nested."q\'"',
        description: { template: `{user}${DROP}\\'{action}` },
        service: { const: DROP },
        tenant: { path: 'user', map: { [`plain`]: DROP, "'": 'quote' } },
        user_agent: { path: 'user', regex: "^(?:x'|)(s[a-z]+)" },
      },
      changes: [{ kind: 'pair', field: DROP, old: `"it's"`, new: `"${DROP}"` }],
    };
    const preview = value(await e.previewMapping({ sourceId: 1, mapping: edit }));
    expect(preview.problems).toEqual([]);
    const s = value(await e.applyMapping({ sourceId: 1, mapping: edit }));
    expect(s.changed).toBe(2);
    const rows = value(await e.getEvents({ sort: { column: 'actor_id', dir: 'asc' } })).rows;
    expect(rows).toHaveLength(2);
    const ev = value(await e.getEvent(String(rows[0]?.event_id)));
    const db = e.current?.db;
    const got = await db?.all('SELECT actor, actor_id, target_name, target_id, target_type, description, service, tenant, user_agent, changes::VARCHAR AS changes FROM events ORDER BY user_agent NULLS FIRST');
    expect(got).toEqual([
      { actor: "o'brien", actor_id: 'back\\slash', target_name: 'dropper', target_id: 'dotted', target_type: 'quoted key below', description: `plain${DROP}\\'login`, service: DROP, tenant: DROP, user_agent: null, changes: JSON.stringify([{ field: DROP, old: "o'brien", new: 'dropper' }]) },
      { actor: "o'brien", actor_id: 'back\\slash', target_name: 'dropper', target_id: 'dotted', target_type: 'quoted key below', description: `second${DROP}\\'login`, service: DROP, tenant: 'second', user_agent: 'second', changes: JSON.stringify([{ field: DROP, old: "o'brien", new: 'dropper' }]) },
    ]);
    expect(ev).toBeTruthy();
    expect(await db?.value("SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'")).toBe(1n);
  });

  it('parses --map text with quotes and pipes into the same checked specs', () => {
    expect(parseMapSpec(`actor="it's"`)).toEqual({ column: 'actor', spec: `"it's"` });
    expect(parseMapSpec(`actor="a|b"|user|lower`)).toEqual({ column: 'actor', spec: { path: ['"a|b"', 'user'], transform: 'lower' } });
    expect(parseMapSpec(`event_time=ts`)).toEqual({ column: 'time', spec: 'ts' });
    expect(parseMapSpec(`service=const:${DROP}`)).toEqual({ column: 'service', spec: { const: DROP } });
    expect(parseMapSpec(`action=template:{eventSource}:{eventName}|upper`)).toEqual({ column: 'action', spec: { template: '{eventSource}:{eventName}', transform: 'upper' } });
    expect(parseMapSpec(`user_agent=ua|default:none|regex:^(a|b)$`)).toEqual({ column: 'user_agent', spec: { path: 'ua', default: 'none', regex: '^(a|b)$' } });
    expect(parseMapSpec(`outcome=ifPresent:errorCode|then:failure|else:success`)).toEqual({ column: 'outcome', spec: { ifPresent: 'errorCode', then: 'failure', else: 'success' } });
    expect(parseMapSpec(`outcome=result|map:ok=success,*=failure`)).toEqual({ column: 'outcome', spec: { path: 'result', map: { ok: 'success', '*': 'failure' } } });
    expect(parseMapSpec('target_name=')).toEqual({ column: 'target_name', spec: null });
    expect(parseMapSpec('changes=json:{"kind":"pair","field":"code","old":"a","new":"b"}')).toEqual({ column: 'changes', spec: [{ kind: 'pair', field: 'code', old: 'a', new: 'b' }] });
    expect(() => parseMapSpec('actr=x')).toThrow(/--map actr=x: unknown column "actr"/);
    expect(() => parseMapSpec('actor')).toThrow(/write COLUMN=PATH/);
    expect(() => parseMapSpec('actor=json:{')).toThrow(/json: is not valid JSON/);
  });
});
