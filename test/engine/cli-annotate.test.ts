import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli.ts';
import { createEngine } from '../../main/engine/api.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/** `auditlens tag`, `views`, `export` and `report`: the investigator's work from scripts. */

export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

const ndjson = Array.from({ length: 6 }, (_, i) =>
  JSON.stringify({ uuid: `u${i}`, ts: `2025-02-0${i + 1}T00:00:00Z`, user: i % 2 ? 'ann' : 'ben', action: 'DELETED', target: `t${i}` }),
).join('\n');

describe('auditlens tag', () => {
  const t = useTempDir();

  it('tags every event of a filter, with a note, and says how many; the tag is then a filter column', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    const r = await run(['tag', casePath, "actor = 'ann'", '--tag', 'exfil', '--note', 'from the script', '--author', 'ci', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ tag: 'exfil', tagged: 3, already: 0, author: 'ci' });
    const again = await run(['tag', casePath, '', '--tag', 'exfil', '--author', 'ci']);
    expect(again.out).toBe('3 events tagged "exfil" (3 had it already) by ci\n');
    const q = JSON.parse((await run(['query', casePath, "tag = 'exfil' AND has_note AND actor = 'ann'", '--format', 'json'])).out);
    expect(q).toHaveLength(3);
    expect((await run(['tag', casePath, 'nonsense ===', '--tag', 'x'])).code).toBe(1);
    expect((await run(['tag', casePath, '', '--tag', '\u202Ex'])).err).toMatch(/bidirectional/);
    expect((await run(['tag', casePath, ''])).code).toBe(2);
  });

  it('views lists the saved views, as text and JSON', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    expect((await run(['views', casePath])).out).toBe('no saved views\n');
    const e = await createEngine({ casePath, dataDir: join(t.dir(), 'home') });
    await e.saveView({ name: 'ann', view: { filter: "actor = 'ann'", chips: [{ column: 'action', value: 'DELETED', exclude: true }], search: '', timeRange: {}, zone: 'UTC', columns: null, sort: { column: 'actor', dir: 'desc' } } });
    await e.dispose();
    const text = await run(['views', casePath]);
    expect(text.out).toBe(`#1 ann\n    filter: actor = 'ann'\n    chip: action ≠ "DELETED"\n    sort: actor desc\n    zone: UTC\n`);
    expect(JSON.parse((await run(['views', casePath, '--json'])).out)[0]).toMatchObject({ id: 1, name: 'ann', filter: "actor = 'ann'" });
  });

  it('export writes the filtered events with a summary; report writes the bookmarked ones; bad targets exit 1', async () => {
    const casePath = join(t.dir(), 'c.duckdb');
    await run(['import', casePath, t.file('a.ndjson', ndjson)]);
    await run(['tag', casePath, "actor = 'ann'", '--tag', 'exfil', '--author', 'ci']);
    const out = join(t.dir(), 'ann.csv');
    const r = await run(['export', casePath, "action = 'DELETED'", '--tag', 'exfil', '--format', 'csv', '-o', out, '--json']);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ path: out, format: 'csv', rows: 3, secrets: 'masked' });
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
    const ds = await run(['export', casePath, '--format', 'dataset', '-o', join(t.dir(), 'ds')]);
    expect(ds.out).toMatch(/^6 events → .*ds \(dataset, [\d,]+ bytes in \d+ files\)\nsha256 [0-9a-f]{64} \(of _manifest.json\)\nsecrets masked/);
    expect((await run(['export', casePath, '--format', 'csv', '-o', out])).err).toMatch(/exists already/);
    expect((await run(['export', casePath, '--format', 'csv', '-o', join(t.dir(), 'no', 'x.csv')])).code).toBe(1);
    expect((await run(['export', casePath, '--format', 'xml', '-o', join(t.dir(), 'x.xml')])).code).toBe(2);
    const none = await run(['report', casePath, '-o', join(t.dir(), 'r.html')]);
    expect(none.out).toMatch(/^report of 0 bookmarked events → /);
    const tagged = await run(['report', casePath, '-o', join(t.dir(), 't.html'), '--tag', 'exfil', '--title', 'Exfil', '--json']);
    expect(JSON.parse(tagged.out)).toMatchObject({ events: 3 });
    expect(readFileSync(join(t.dir(), 't.html'), 'utf8')).toContain('<h1>Exfil</h1>');
  });
});
