import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../main/engine/case/case.ts';
import { Db } from '../../main/engine/db.ts';
import { EngineError } from '../../main/engine/errors.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { countEvents } from '../../main/engine/query/events.ts';
import { compileFilter } from '../../main/engine/query/filter.ts';
import { prng } from '../bench/generate.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const ACTORS = ['al', 'bob', "o'hara", 'Ünal', 'x', 'carol.c@example.org'];

function records(): string {
  const rnd = prng(7);
  return Array.from({ length: 60 }, (_, i) => {
    const base = 1740787200 + i * 0.25;
    return JSON.stringify({
      id: `r${i}`,
      time: new Date(Math.round(base * 1000)).toISOString(),
      user: ACTORS[i % ACTORS.length],
      action: ['UPDATE', 'DELETE', 'login'][i % 3],
      // Integers past 2^53, decimals and negatives, as the vendor wrote them.
      n: ['9007199254740993', '9007199254740992', '-17', '2.5', '0.125', '123456789012345678901'][i % 6],
      score: Math.round(rnd() * 1000) / 8,
    });
  }).join('\n');
}

async function loaded(t: ReturnType<typeof useTempDir>): Promise<Case> {
  const c = await t.openCase();
  const s = await importPaths(c, { paths: [t.file('lit.ndjson', records())], vendor: 'generic' });
  expect(s.batches[0]?.events).toBe(60);
  return c;
}

const ids = async (db: Db, where: string, params?: Record<string, never>): Promise<string[]> =>
  (await db.all<{ event_id: string }>(`SELECT event_id FROM events WHERE ${where} ORDER BY event_id`, params)).map((r) => r.event_id);

/** A small grammar of filter expressions over numbers, strings and times, with every kind of literal. */
function generator(seed: number): () => string {
  const rnd = prng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const intLit = (): string =>
    pick(['0', '2', '-3', '17', '2147483648', '9007199254740993', '9223372036854775807', '170141183460469231731687303715884105727', '-9007199254740993']);
  const decLit = (): string => pick(['2.5', '0.125', '-17.0', '1740787200.5', '1740787205.25', '0.1', '12345678901234567890.5', '0.12345678901234567890123']);
  const dblLit = (): string => pick(['1e10', '2.5e0', '1.7407872005e9', '-3e-2', '9.007199254740993e15']);
  const numCol = (): string =>
    pick([
      'length(actor)',
      'batch_id',
      'epoch(event_time)',
      'epoch_ms(event_time)',
      "TRY_CAST(json_extract_string(raw, '$.n') AS DOUBLE)",
      "TRY_CAST(json_extract_string(raw, '$.score') AS DOUBLE)",
      "CAST(json_extract_string(raw, '$.n') AS VARCHAR)",
      'second(event_time)',
    ]);
  const num = (d: number): string => {
    const r = rnd();
    if (d > 2 || r < 0.35) return pick([intLit, decLit, dblLit, numCol, numCol])();
    if (r < 0.6) return `(${num(d + 1)} ${pick(['+', '-', '*'])} ${num(d + 1)})`;
    if (r < 0.7) return `abs(${num(d + 1)})`;
    if (r < 0.8) return `round(${num(d + 1)}, ${pick(['0', '1', '2'])})`;
    return numCol();
  };
  const strLit = (): string => `'${pick([...ACTORS, 'UPDATE', '%a%', '9007199254740993', '2.5', ''])!.replace(/'/g, "''")}'`;
  const pred = (d: number): string => {
    const r = rnd();
    if (d < 2 && r < 0.2) return `(${pred(d + 1)} ${pick(['AND', 'OR'])} ${pred(d + 1)})`;
    if (d < 2 && r < 0.25) return `NOT (${pred(d + 1)})`;
    if (r < 0.55) return `${num(d)} ${pick(['<', '<=', '>', '>=', '=', '<>'])} ${num(d)}`;
    if (r < 0.62) return `${num(d)} BETWEEN ${pick([intLit, decLit])()} AND ${pick([intLit, decLit, dblLit])()}`;
    if (r < 0.7) return `json_extract_string(raw, '$.n') = ${strLit()}`;
    if (r < 0.77) return `actor ${pick(['=', '<>', 'LIKE', 'ILIKE'])} ${strLit()}`;
    if (r < 0.83) return `lower(actor) IN (${strLit()}, ${strLit()})`;
    if (r < 0.9) return `event_time ${pick(['<', '>='])} '2025-03-01 00:00:0${pick(['5', '7.5', '9.25'])}+00'`;
    if (r < 0.95) return `CAST(json_extract_string(raw, '$.n') AS HUGEINT) = ${intLit()}`;
    return `contains(raw, ${strLit()})`;
  };
  return () => pred(0);
}

describe('filter literals keep their exact type and value', () => {
  const t = useTempDir();

  it('compares with decimals as decimals, not as scaled integers', async () => {
    const c = await loaded(t);
    // Actors of length 1 and 2 only: 'x' and 'al'.
    expect(await countEvents(c.db, { filter: 'length(actor) < 2.5' })).toBe(20);
    // Times start at 1740787200.0 in quarter seconds: .5 falls between the 3rd and 4th event.
    expect(await countEvents(c.db, { filter: 'epoch(event_time) > 1740787200.5' })).toBe(57);
  });

  it('keeps every digit of integers past 2^53 and of HUGEINTs', async () => {
    const c = await loaded(t);
    expect(await countEvents(c.db, { filter: "TRY_CAST(json_extract_string(raw, '$.n') AS HUGEINT) = 9007199254740993" })).toBe(10);
    expect(await countEvents(c.db, { filter: "TRY_CAST(json_extract_string(raw, '$.n') AS HUGEINT) = 123456789012345678901" })).toBe(10);
  });

  it('refuses a number no type can hold, saying which', async () => {
    const c = await loaded(t);
    const err = (await compileFilter(c.db, 'length(actor) < 1e400').catch((e: unknown) => e)) as EngineError;
    expect(err).toBeInstanceOf(EngineError);
    expect(err.code).toBe('bad-filter');
    expect(err.message).toMatch(/1e400 is too large/);
    expect(err.where.position).toBe(16);
  });

  it('answers exactly what DuckDB answers for the same expression on a copy of the case', async () => {
    const c = await loaded(t);
    const copy = join(t.dir(), 'copy.duckdb');
    await c.db.run('CHECKPOINT');
    copyFileSync(c.path, copy);
    const direct = await Db.open(copy);
    await direct.run("SET TimeZone = 'UTC'");
    try {
      const next = generator(20250301);
      let compared = 0;
      for (let i = 0; i < 400; i++) {
        const expr = next();
        const mine = await compileFilter(c.reader, expr).then(
          async (f) => ids(c.reader, f.sql, f.params as Record<string, never>).catch((e: Error) => `error: ${e.message.split('\n')[0]}`),
          (e: Error) => `refused: ${e.message}`,
        );
        const theirs = await ids(direct, `(${expr})`).catch((e: Error) => `error: ${e.message.split('\n')[0]}`);
        if (typeof mine === 'string' || typeof theirs === 'string') {
          // Both fail (a conversion or overflow error) or the answer differs: the message shows which.
          expect(typeof mine === 'string' && mine.startsWith('error') && typeof theirs === 'string', `${expr}\n  mine: ${String(mine)}\n  duckdb: ${String(theirs)}`).toBe(true);
        } else {
          expect(mine, expr).toEqual(theirs);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(300);
    } finally {
      direct.close();
    }
  });
});

describe('a filter is one expression, nothing after it', () => {
  const t = useTempDir();
  const trailing: [string, string][] = [
    ['QUALIFY', "actor = 'al' QUALIFY row_number() OVER () = 1"],
    ['WINDOW', "actor = 'al' WINDOW w AS (ORDER BY event_time)"],
    ['GROUP BY', "actor = 'al' GROUP BY actor"],
    ['GROUP BY ALL', "actor = 'al' GROUP BY ALL"],
    ['ORDER BY', "actor = 'al' ORDER BY actor"],
    ['LIMIT', "actor = 'al' LIMIT 1"],
    ['USING SAMPLE', "actor = 'al' USING SAMPLE 10%"],
  ];
  for (const [clause, text] of trailing) {
    it(`refuses a trailing ${clause} instead of dropping it`, async () => {
      const c = await loaded(t);
      const err = (await compileFilter(c.db, text).catch((e: unknown) => e)) as EngineError;
      expect(err).toBeInstanceOf(EngineError);
      expect(err.code).toBe('bad-filter');
      expect(err.message).toMatch(/clause after it .* is not allowed/);
      expect(err.where.position).toBe(text.indexOf(clause.split(' ')[0] as string));
    });
  }

  it('still takes a trailing comment and balanced parentheses, and refuses unbalanced ones', async () => {
    const c = await loaded(t);
    expect(await countEvents(c.db, { filter: "(actor = 'al') -- only Al (the admin" })).toBe(10);
    expect(await countEvents(c.db, { filter: "actor = ')' OR actor = 'al'" })).toBe(10);
    const err = (await compileFilter(c.db, "actor = 'al') OR (actor = 'bob'").catch((e: unknown) => e)) as EngineError;
    expect(err.message).toMatch(/unexpected `\)`: there is no `\(` before it/);
    expect(err.where.position).toBe(12);
  });

  it('bounds nesting, size and the strings a filter may build', async () => {
    const c = await loaded(t);
    const deep = `${Array.from({ length: 200 }, () => '1').join('+')} > 0`;
    await expect(compileFilter(c.db, deep)).rejects.toMatchObject({ code: 'bad-filter', message: expect.stringMatching(/nests deeper than 64/) });
    await expect(compileFilter(c.db, "length(replace(raw, 'a', raw)) > 0")).rejects.toMatchObject({ message: expect.stringMatching(/constant replacement/) });
    const nested = "length(replace(replace(replace(raw, 'a', 'aaaaaaaa'), 'a', 'aaaaaaaa'), 'a', 'aaaaaaaa')) > 0";
    await expect(compileFilter(c.db, nested)).rejects.toMatchObject({ message: expect.stringMatching(/builds strings up to 512 times/) });
    expect(await countEvents(c.db, { filter: "replace(actor, 'a', 'A') = 'Al'" })).toBe(10);
  });
});
