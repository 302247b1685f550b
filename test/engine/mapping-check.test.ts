import { describe, expect, it } from 'vitest';
import { checkPack } from '../../main/engine/mapping/check-pack.ts';
import { recordFields } from '../../main/engine/mapping/field-paths.ts';
import { describeProblems, validateMapping, validateShape } from '../../main/engine/mapping/validate.ts';
import { loadPacks } from '../../main/engine/packs/registry.ts';
import { hasCaptureGroup } from '../../main/engine/packs/sql.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const base = { id: 'generic', version: 1, label: 'Mine', detect: { formats: ['json'], all: [] }, fields: {} };

describe('mapping pack schema', () => {
  const t = useTempDir();

  // The schema and patterns only: every built-in pack's SQL already runs in the import tests.
  it('accepts every built-in pack, so the check knows the whole pack language', async () => {
    const c = await t.openCase();
    for (const p of loadPacks()) {
      const v = await validateShape(c.db, p);
      expect(v.problems, `${p.id} ${p.label}`).toEqual([]);
    }
  });

  it('names the field of each problem', () => {
    const problems = (value: unknown): string[] => checkPack(value).problems.map((p) => `${p.field}: ${p.message}`);
    expect(problems({ ...base, fields: { actr: 'a' } })[0]).toMatch(/^fields\.actr: unknown column/);
    const { fields: _fields, ...noFields } = base;
    expect(problems({ ...noFields, feilds: {} })).toEqual([expect.stringMatching(/^feilds: unknown key/), expect.stringMatching(/^fields: is required/)]);
    expect(problems({ ...base, fields: { actor: 'a..b' } })[0]).toMatch(/^fields\.actor: path "a\.\.b" has an empty segment/);
    expect(problems({ ...base, fields: { actor: 'a[x]' } })[0]).toMatch(/^fields\.actor: .*an index is a number/);
    expect(problems({ ...base, fields: { actor: 'a[*].b' } })[0]).toMatch(/only change extractors/);
    expect(problems({ ...base, fields: { actor: '"unterminated' } })[0]).toMatch(/unterminated quote/);
    expect(problems({ ...base, fields: { actor: { path: 'a', transform: 'rot13' } } })[0]).toMatch(/^fields\.actor\.transform: unknown transform "rot13"/);
    expect(problems({ ...base, fields: { actor: { path: 'a', const: 'x' } } })[0]).toMatch(/use one of path, const/);
    expect(problems({ ...base, fields: { action: { template: 'no paths' } } })[0]).toMatch(/^fields\.action\.template: template reads no path/);
    expect(problems({ ...base, fields: { action: { template: '{a' } } })[0]).toMatch(/never closed/);
    expect(problems({ ...base, fields: { actor: { path: 'a', then: 'x' } } })[0]).toMatch(/^fields\.actor\.then: then is only read with ifPresent/);
    expect(problems({ ...base, fields: { actor: '@.x' } })[0]).toMatch(/explodes no array/);
    expect(problems({ ...base, fields: { actor: 'a\u0000b' } })[0]).toMatch(/control character/);
    expect(problems({ ...base, changes: [{ kind: 'pair', old: 'a' }] })[0]).toBe('changes[0].new: is required for pair changes');
    expect(problems({ ...base, changes: [{ kind: 'diff' }] })[0]).toMatch(/^changes\[0\]\.kind: unknown change kind "diff"/);
    expect(problems({ ...base, changes: [{ kind: 'prefixed', prefixes: ["old_'"] }] })[0]).toMatch(/^changes\[0\]\.prefixes\[0\]: a prefix is/);
    expect(problems({ ...base, id: 'acme' })[0]).toMatch(/^id: unknown vendor id "acme"/);
    expect(problems({ ...base, tz: 'Mars/Olympus' })[0]).toMatch(/^tz: unknown time zone/);
    expect(problems([])[0]).toMatch(/JSON object/);
  });

  it('compiles RE2 patterns in DuckDB and refuses what RE2 cannot run', async () => {
    const c = await t.openCase();
    const check = async (regex: string): Promise<string> =>
      describeProblems('m', (await validateMapping(c.db, { ...base, fields: { actor: { path: 'a', regex } } })).problems);
    expect(await check('(a')).toMatch(/^m: fields\.actor\.regex: not a valid RE2 pattern: missing \)/);
    expect(await check('(?<=a)b')).toMatch(/not a valid RE2 pattern/);
    expect(await check('((a{1000}){1000}){1000}')).toMatch(/not a valid RE2 pattern/);
    expect(await check('a'.repeat(100_000))).toMatch(/^m: fields\.actor\.regex: pattern is 100000 characters long; at most 1000/);
    expect(await check('^(\\w+)@')).toBe('m');
  });

  it('knows which patterns capture, so a regex takes its first group or else the whole match', () => {
    expect(['(a)', '^x(\\d+)', '(?P<n>\\d+)', '(?<n>x)', '[(](b)'].map(hasCaptureGroup)).toEqual([true, true, true, true, true]);
    expect(['a', '\\(a\\)', '(?:a)', '(?i)abc', '[(]x[)]', '[]()]', '(?<=a)'].map(hasCaptureGroup)).toEqual([false, false, false, false, false, false, false]);
  });

  it('offers record fields as paths the pack reads: exploded elements as @., JSON text only where declared', () => {
    const recs = [
      { id: { time: 't1' }, events: [{ name: 'login', parameters: [{ n: 'x' }] }], blob: '{"inner":"v"}', 'odd key': 'y' },
      { id: { time: 't2' }, events: [{ name: 'logout' }], blob: '{"inner":"w"}' },
    ];
    const paths = (p: object): string[] => recordFields({ ...base, ...p } as never, recs).map((f) => f.path);
    expect(paths({ explode: 'events' })).toEqual(['@.name', 'id.time', '"odd key"', '@.parameters[0].n']);
    expect(paths({ embeddedJson: ['blob'] })).toContain('blob.inner');
    expect(recordFields(base as never, [{ v: 'x'.repeat(500) }])[0]?.example).toHaveLength(121);
  });
});
