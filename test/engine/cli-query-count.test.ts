import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli.ts';
import { useTempDir } from '../helpers/temp-case.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

describe('auditlens query --count', () => {
  const t = useTempDir();

  it('prints only how many events match the filter, or all of them without one', async () => {
    const lines = ['ann', 'ben', 'ann'].map((user, i) => JSON.stringify({ uuid: `e${i}`, ts: `2025-02-0${i + 1}T00:00:00Z`, user, action: 'DELETED' }));
    const casePath = join(t.dir(), 'c.duckdb');
    expect((await run(['import', casePath, t.file('a.ndjson', lines.join('\n'))])).code).toBe(0);
    expect(await run(['query', casePath, "actor = 'ann'", '--count'])).toMatchObject({ code: 0, out: '2\n', err: '' });
    expect((await run(['query', casePath, '--count'])).out).toBe('3\n');
    expect((await run(['query', casePath, 'no_such_column = 1', '--count'])).code).toBe(1);
  });
});
