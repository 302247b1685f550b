import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { useTempDir } from '../helpers/temp-case.ts';
import { main } from '../../main/cli.ts';

/** `auditlens import --map/--pack` and `auditlens remap`: the mapping editor from scripts. */

const ndjson = Array.from({ length: 6 }, (_, i) =>
  JSON.stringify({ ts: `2025-02-0${i + 1}T00:00:00Z`, who: { mail: `u${i % 2}@x.example`, name: `User ${i % 2}` }, op: 'DELETED', obj: `t${i}` }),
).join('\n');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

const actors = async (casePath: string): Promise<unknown[]> => {
  const c = await Case.open(casePath);
  try {
    return (await c.db.all<{ actor: string }>('SELECT DISTINCT actor FROM events ORDER BY 1')).map((r) => r.actor);
  } finally {
    c.close();
  }
};

describe('auditlens remap and import --map / --pack', () => {
  const t = useTempDir();

  it('corrects a column on import, re-maps the source in place, saves a pack file that another case imports with', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    const file = t.file('a.ndjson', ndjson);
    const imp = await run(['import', casePath, file, '--map', 'actor=who.name|upper', '--json']);
    expect(imp.err).toBe('');
    expect(JSON.parse(imp.out).events_total).toBe(6);
    expect(await actors(casePath)).toEqual(['USER 0', 'USER 1']);

    const packPath = join(t.dir(), 'mine.json');
    const r = await run(['remap', casePath, '--source', '1', '--map', 'actor=who.mail', '--map', 'target_name=obj', '--save', packPath, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ source_id: 1, events: 6, changed: 6, columns: { actor: 6 } });
    expect(await actors(casePath)).toEqual(['u0@x.example', 'u1@x.example']);
    expect(JSON.parse(readFileSync(packPath, 'utf8')).fields.actor).toBe('who.mail');

    const other = join(t.dir(), 'other.duckdb');
    expect((await run(['import', other, t.file('b.ndjson', ndjson), '--pack', packPath])).code).toBe(0);
    expect(await actors(other)).toEqual(['u0@x.example', 'u1@x.example']);
  });

  it('names the problem and changes nothing for a bad column, pattern, source or pack file', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    const bad = await run(['remap', casePath, '--source', '1', '--map', 'actr=who.name']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--map actr=who\.name: unknown column "actr"/);
    const re = await run(['remap', casePath, '--source', '1', '--map', 'actor=who.name|regex:(']);
    expect(re.code).toBe(1);
    expect(re.err).toMatch(/fields\.actor\.regex: not a valid RE2 pattern/);
    expect((await run(['remap', casePath, '--source', '9', '--map', 'actor=who.name'])).err).toMatch(/no source 9/);
    expect(await actors(casePath)).toEqual(['u0@x.example', 'u1@x.example']);
    const junk = t.file('junk.json', '{"id":"generic","fields":{"actor":{"path":"a","transform":"rot13"}}}');
    const p = await run(['import', join(t.dir(), 'x.duckdb'), t.file('b.ndjson', ndjson), '--pack', junk]);
    expect(p.code).toBe(1);
    expect(p.err).toMatch(/junk\.json: .*(version|label|detect|transform)/);
  });
});
