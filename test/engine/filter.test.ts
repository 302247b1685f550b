import { describe, expect, it } from 'vitest';
import { importPaths } from '../../main/engine/import/importer.ts';
import { compileFilter } from '../../main/engine/query/filter.ts';
import { countEvents, eventPage } from '../../main/engine/query/events.ts';
import { EngineError } from '../../main/engine/errors.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const events = [
  { id: '1', time: '2025-01-01T10:00:00Z', user: 'alice', action: 'DELETED', object: 'proc-a', ip: '10.0.0.1' },
  { id: '2', time: '2025-01-02T10:00:00Z', user: 'bob', action: 'UPDATED', object: 'proc-b', ip: '10.0.0.2' },
  { id: '3', time: '2025-01-03T10:00:00Z', user: "o'brien", action: 'CREATED', object: 'proc-a', ip: '10.0.0.3' },
  { id: '4', time: '2024-12-31T10:00:00Z', user: 'alice', action: 'UPDATED', object: 'proc-c', ip: '10.0.0.1' },
];

describe('filters', () => {
  const t = useTempDir();

  async function loaded() {
    const c = await t.openCase();
    await importPaths(c, { paths: [t.file('e.ndjson', events.map((e) => JSON.stringify(e)).join('\n'))] });
    return c;
  }

  it('runs the expression the filter bar takes', async () => {
    const c = await loaded();
    expect(await countEvents(c.db, { filter: "actor = 'alice' AND action IN ('DELETED','UPDATED') AND event_time > '2025-01-01'" })).toBe(1);
    expect(await countEvents(c.db, { filter: "target_name LIKE 'proc-%' AND NOT (actor = 'bob')" })).toBe(3);
    expect(await countEvents(c.db, { filter: "lower(actor) = 'alice' OR src_ip = '10.0.0.3'" })).toBe(3);
    expect(await countEvents(c.db, { filter: "event_time BETWEEN '2025-01-01' AND '2025-01-02 23:59'" })).toBe(2);
    expect(await countEvents(c.db, { filter: "actor = 'o''brien'" })).toBe(1);
    expect(await countEvents(c.db, { filter: 'changes IS NULL' })).toBe(4);
    expect(await countEvents(c.db, { filter: '' })).toBe(4);
  });

  it('binds every literal as a parameter', async () => {
    const c = await loaded();
    const f = await compileFilter(c.db, "actor = 'x'' OR 1=1 --' AND action IN ('A', 'B')");
    expect(f.sql).not.toMatch(/'x/);
    expect(Object.values(f.params)).toEqual(["x' OR 1=1 --", 'A', 'B']);
  });

  const forbidden: [string, string, RegExp][] = [
    ['a subquery', "actor IN (SELECT actor FROM events)", /subqueries are not allowed/],
    ['read_csv', "actor = read_csv('/etc/passwd')", /function read_csv\(\) is not allowed/],
    ['a table function in FROM', "1=1) UNION SELECT * FROM read_csv('/etc/passwd') WHERE (1=1", /./],
    ['a DDL statement', 'DROP TABLE events', /syntax error/],
    ['a semicolon', "actor = 'x'; DROP TABLE events", /";" is not allowed/],
    ['an unknown column', "password = 'x'", /unknown column password/],
    ['a qualified column', "e.actor = 'x'", /unknown column e\.actor/],
    ['a window function', 'row_number() OVER () > 1', /window functions are not allowed/],
    ['getenv', "getenv('HOME') = 'x'", /function getenv\(\) is not allowed/],
  ];
  for (const [name, text, message] of forbidden) {
    it(`refuses ${name} and runs nothing`, async () => {
      const c = await loaded();
      const err = await compileFilter(c.db, text).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('bad-filter');
      expect((err as EngineError).message).toMatch(message);
      expect(await c.db.value('SELECT count(*) FROM events')).toBe(4n);
    });
  }

  it('points at the position of a syntax error', async () => {
    const c = await loaded();
    const err = (await compileFilter(c.db, "actor = 'x' AND AND").catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('bad-filter');
    expect(err.where.position).toBe(16);
  });

  it('points at an unknown column or a refused function', async () => {
    const c = await loaded();
    const col = (await compileFilter(c.db, "actor = 'x' AND pasword = 'y'").catch((e: unknown) => e)) as EngineError;
    expect([col.message, col.where.position]).toEqual(['unknown column pasword', 16]);
    const fn = (await compileFilter(c.db, "read_text('/etc/passwd') = ''").catch((e: unknown) => e)) as EngineError;
    expect(fn.where.position).toBe(0);
  });

  it('names every unknown column at once, with a near known name', async () => {
    const c = await loaded();
    const text = "actr = 'x' AND (action = 'y' OR usr_agent = 'z') AND pasword = 'p'";
    const err = (await compileFilter(c.db, text).catch((e: unknown) => e)) as EngineError;
    expect(err.message).toBe('unknown columns actr (did you mean actor?), usr_agent (did you mean user_agent?), pasword');
    expect(err.where.positions).toEqual([0, text.indexOf('usr_agent'), text.indexOf('pasword')]);
    expect(err.where.position).toBe(0);
  });

  it('says which bracket or quote is missing and where it opened', async () => {
    const c = await loaded();
    const fail = async (text: string): Promise<EngineError> => (await compileFilter(c.db, text).catch((e: unknown) => e)) as EngineError;
    const paren = await fail("actor = 'x' AND (action = 'y' OR action = 'z'");
    expect(paren.message).toBe('missing `)`: the `(` at character 17 is never closed');
    expect(paren.where.position).toBe(16);
    const extra = await fail("actor = 'x')");
    expect([extra.message, extra.where.position]).toEqual(['unexpected `)`: there is no `(` before it', 11]);
    const quote = await fail("actor = 'o''brien' AND action = 'DELETED");
    expect(quote.message).toBe("missing closing quote `'`: the text starting at character 33 is never closed");
    expect(quote.where.position).toBe(32);
    const end = await fail("actor = 'x' AND action =");
    expect(end.message).toBe('the filter ends too early: a value or an operand is missing at the end');
    // Brackets inside text are text.
    expect(await countEvents(c.db, { filter: "actor <> '(' AND actor <> ')'" })).toBe(4);
  });

  it('knows the derived target column: the name, else the id, else the type', async () => {
    const c = await t.openCase();
    const rows = [
      { time: '2025-01-01T00:00:00Z', user: 'a', action: 'x', target_name: 'named' },
      { time: '2025-01-02T00:00:00Z', user: 'a', action: 'x', target_id: 'id-only' },
    ];
    await importPaths(c, { paths: [t.file('t.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))] });
    const names = await c.db.all<{ n: string | null; i: string | null }>('SELECT target_name AS n, target_id AS i FROM events ORDER BY event_time');
    expect(names.map((r) => r.n ?? r.i)).toEqual(['named', 'id-only']);
    expect(await countEvents(c.db, { filter: "target = 'id-only'" })).toBe(1);
    const page = await eventPage(c.db, { sort: { column: 'target', dir: 'desc' } });
    expect(page.rows.map((r) => r.target_name ?? r.target_id)).toEqual(['named', 'id-only']);
  });

  it('reports a type error from the query as a filter error', async () => {
    const c = await loaded();
    await expect(countEvents(c.db, { filter: "event_time > 'not a time'" })).rejects.toMatchObject({ code: 'bad-filter' });
  });

  it('pages over the sorted result with the total', async () => {
    const c = await loaded();
    const p1 = await eventPage(c.db, { sort: { column: 'event_time', dir: 'asc' }, limit: 2, offset: 0 });
    const p2 = await eventPage(c.db, { sort: { column: 'event_time', dir: 'asc' }, limit: 2, offset: 2 });
    expect(p1.total).toBe(4);
    expect([...p1.rows, ...p2.rows].map((r) => r.actor)).toEqual(['alice', 'alice', 'bob', "o'brien"]);
    const desc = await eventPage(c.db, { filter: "actor = 'alice'", sort: { column: 'event_time', dir: 'desc' } });
    expect(desc.rows.map((r) => r.event_time)).toEqual(['2025-01-01T10:00:00.000Z', '2024-12-31T10:00:00.000Z']);
  });
});
