import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditApi, Result } from '../../preload/api.ts';
import { createEngine, type EngineHost } from '../../main/engine/api.ts';
import { Pager } from '../../main/engine/query/pager.ts';
import { compileScope } from '../../main/engine/query/scope.ts';
import { useTempDir } from '../helpers/temp-case.ts';

const base = Date.UTC(2025, 0, 1);
const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `e${i}`,
  time: new Date(base + i * 60_000).toISOString(),
  user: i % 2 ? 'alice' : 'bob',
  action: i % 4 === 0 ? 'delete' : 'login',
  target: `doc-${i % 4}`,
}));

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('annotations', () => {
  const t = useTempDir();

  async function engine(): Promise<{ e: EngineHost; ids: string[]; path: string }> {
    const path = join(t.dir(), 'case.duckdb');
    const e = await createEngine({ casePath: path, create: true, dataDir: join(t.dir(), 'home') });
    ok(await e.setAuthor('dana'));
    ok(await e.importFiles({ paths: [t.file('e.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))] }));
    const page = ok(await e.getEvents({ limit: 100 }));
    return { e, ids: page.rows.map((r) => r.event_id), path };
  }

  const count = async (e: AuditApi, filter: string): Promise<number> => ok(await e.countEvents({ filter }));

  it('bookmarks, tags and notes an event, with author and time, and filters by them', async () => {
    const { e, ids } = await engine();
    const [a, b, c] = ids as [string, string, string];
    const starred = ok(await e.setBookmark({ eventId: a, on: true }));
    expect(starred.bookmark?.author).toBe('dana');
    expect(Date.parse(starred.bookmark?.at ?? '')).not.toBeNaN();
    ok(await e.addTag({ eventId: a, tag: 'exfil' }));
    ok(await e.addTag({ eventId: b, tag: 'Exfil' })); // one tag, spelled as first used
    ok(await e.addTag({ eventId: b, tag: 'stage-2', color: 'purple' }));
    const noted = ok(await e.setNote({ eventId: c, text: 'First line\nsecond line' }));
    expect(noted.note?.text).toBe('First line\nsecond line');

    expect(ok(await e.getAnnotations({ eventIds: [b] }))[0]?.tags.map((x) => x.name)).toEqual(['exfil', 'stage-2']);
    expect(await count(e, 'bookmarked')).toBe(1);
    expect(await count(e, "tag = 'exfil'")).toBe(2);
    expect(await count(e, "tag IN ('stage-2', 'nope')")).toBe(1);
    expect(await count(e, "tag LIKE 'stage%'")).toBe(1);
    expect(await count(e, "tag <> 'exfil'")).toBe(38);
    expect(await count(e, "tag NOT LIKE 'ex%'")).toBe(38);
    expect(await count(e, 'tag IS NULL')).toBe(38);
    expect(await count(e, 'tagged AND NOT bookmarked')).toBe(1);
    expect(await count(e, 'has_note')).toBe(1);
    expect(await count(e, "contains(note, 'second')")).toBe(1);
    expect(await count(e, "bookmarked OR has_note OR tag = 'stage-2'")).toBe(3);
    expect(await count(e, "lower(tag) = 'exfil' AND actor = 'bob'")).toBe(1);

    expect(ok(await e.suggestValues({ column: 'tag' as 'actor', prefix: 'ST' }))).toEqual([{ value: 'stage-2', count: 1 }]);
    const tags = ok(await e.listTags());
    expect(tags).toEqual([
      { name: 'exfil', color: 'red', events: 2 },
      { name: 'stage-2', color: 'purple', events: 1 },
    ]);
    await e.dispose();
  });

  it('refuses a tag condition that mixes in other columns, pointing at it', async () => {
    const { e } = await engine();
    const r = await e.checkFilter("tag = actor");
    expect(ok(r).valid).toBe(false);
    expect(ok(r).error?.message).toMatch(/tag compares it with values only/);
    expect(ok(await e.checkFilter('bookmarked')).columns).toEqual(expect.arrayContaining(['bookmarked', 'tag', 'has_note']));
    await e.dispose();
  });

  it('follows changes: a table filtered by bookmarked sees the new bookmark', async () => {
    const { e, ids } = await engine();
    // Facet answers are cached per scope until something they read changes.
    expect(ok(await e.getEvents({ filter: 'bookmarked' })).total).toBe(0);
    expect(ok(await e.getFacets({ filter: 'bookmarked', columns: ['actor'] })).facets[0]?.values).toEqual([]);
    ok(await e.setBookmark({ eventId: ids[3] as string, on: true }));
    expect(ok(await e.getEvents({ filter: 'bookmarked' })).total).toBe(1);
    expect(ok(await e.getFacets({ filter: 'bookmarked', columns: ['actor'] })).facets[0]?.values).toEqual([{ value: 'alice', count: 1 }]);
    ok(await e.setBookmark({ eventId: ids[3] as string, on: false }));
    expect(ok(await e.countEvents({ filter: 'bookmarked' }))).toBe(0);
    await e.dispose();
  });

  it('drops sort indexes of filters that read annotations, and keeps the others', async () => {
    const { e, ids } = await engine();
    const c = e.current;
    if (!c) throw new Error('no case');
    for (const id of ids.slice(0, 10)) ok(await e.setBookmark({ eventId: id, on: true }));
    const pager = new Pager(c.reader, { threshold: 5, topNWindow: 0 });
    const starred = await compileScope(c.reader, { filter: 'bookmarked' });
    const everything = await compileScope(c.reader, {});
    expect((await pager.page(starred.where, starred.params, 'event_time', 'ASC', 0, 3)).total).toBe(10);
    expect((await pager.page(everything.where, everything.params, 'event_time', 'ASC', 0, 3)).total).toBe(40);
    ok(await e.setBookmark({ eventId: ids[20] as string, on: true }));
    await pager.dropMatching((key) => key.includes('annotations'));
    expect((await pager.page(starred.where, starred.params, 'event_time', 'ASC', 0, 3)).total).toBe(11);
    expect((await pager.page(everything.where, everything.params, 'event_time', 'ASC', 0, 3)).total).toBe(40);
    await e.dispose();
  });

  it('bulk-tags every event of a filter once, with one custody entry, and refuses a stale count', async () => {
    const { e, ids } = await engine();
    ok(await e.addTag({ eventId: ids[0] as string, tag: 'triage' }));
    const stale = await e.bulkTag({ scope: { filter: "actor = 'bob'" }, tag: 'triage', expected: 3 });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.error.message).toMatch(/matches 20 events, not the 3 confirmed; nothing was tagged/);
    expect(await count(e, "tag = 'triage'")).toBe(1);
    const done = ok(await e.bulkTag({ scope: { filter: "actor = 'bob'" }, tag: 'triage', expected: 20, note: 'bob batch' }));
    expect(done).toEqual({ tagged: 19, already: 1 });
    expect(await count(e, "tag = 'triage'")).toBe(20);
    expect(await count(e, "has_note AND actor = 'bob'")).toBe(20);
    // Again: nothing new, nothing doubled.
    expect(ok(await e.bulkTag({ scope: { filter: "actor = 'bob'" }, tag: 'TRIAGE' }))).toEqual({ tagged: 0, already: 20 });
    expect(ok(await e.listTags()).find((x) => x.name === 'triage')?.events).toBe(20);
    const log = ok(await e.listCustody({ actions: ['annotation-bulk'] }));
    expect(log.rows).toHaveLength(2);
    expect(log.rows[0]?.actor).toBe('dana');
    expect(log.rows[0]?.details).toMatchObject({ op: 'tag-add', tag: 'triage', matched: 20, tagged: 19, scope: { filter: "actor = 'bob'" } });
    await e.dispose();
  });

  it('lists annotated events in time order with their annotations', async () => {
    const { e, ids } = await engine();
    ok(await e.setNote({ eventId: ids[9] as string, text: 'later' }));
    ok(await e.setBookmark({ eventId: ids[2] as string, on: true }));
    ok(await e.addTag({ eventId: ids[5] as string, tag: 'x' }));
    const all = ok(await e.listAnnotated({}));
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.event.event_id)).toEqual([ids[2], ids[5], ids[9]]);
    expect(all.rows[2]?.annotations.note?.text).toBe('later');
    expect(ok(await e.listAnnotated({ kinds: ['tag'] })).rows.map((r) => r.event.event_id)).toEqual([ids[5]]);
    expect(ok(await e.listAnnotated({ tag: 'X' })).total).toBe(1);
    await e.dispose();
  });

  it('keeps annotations across close and reopen, and logs every change in custody_log', async () => {
    const { e, ids, path } = await engine();
    const id = ids[1] as string;
    ok(await e.setBookmark({ eventId: id, on: true }));
    ok(await e.addTag({ eventId: id, tag: 'keep' }));
    ok(await e.setNote({ eventId: id, text: 'v1' }));
    ok(await e.setNote({ eventId: id, text: 'v2' }));
    ok(await e.removeTag({ eventId: id, tag: 'keep' }));
    ok(await e.closeCase());
    ok(await e.openCase(path));
    const back = ok(await e.getAnnotations({ eventIds: [id] }))[0];
    expect(back?.bookmark?.author).toBe('dana');
    expect(back?.tags).toEqual([]);
    expect(back?.note?.text).toBe('v2');
    const ops = ok(await e.listCustody({ actions: ['annotation'] })).rows.map((r) => (r.details as { op: string; note?: string }));
    expect(ops.map((o) => o.op)).toEqual(['bookmark-add', 'tag-add', 'note-add', 'note-edit', 'tag-remove']);
    // An edited note's earlier text stays on record.
    expect(ops[2]?.note).toBe('v1');
    await e.dispose();
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const { e, ids } = await engine();
    const id = ids[0] as string;
    const fail = async (r: Promise<Result<unknown>>): Promise<string> => {
      const x = await r;
      if (x.ok) throw new Error('expected a refusal');
      return x.error.message;
    };
    expect(await fail(e.setNote({ eventId: id, text: 'x'.repeat(1024 * 1024) }))).toMatch(/at most 65,536 characters; this one has 1,048,576/);
    expect(await fail(e.addTag({ eventId: id, tag: 'evil\u202Egnp.exe' }))).toMatch(/bidirectional/);
    expect(await fail(e.addTag({ eventId: id, tag: '   ' }))).toMatch(/cannot be empty/);
    expect(await fail(e.addTag({ eventId: id, tag: 'x'.repeat(65) }))).toMatch(/at most 64/);
    expect(await fail(e.addTag({ eventId: id, tag: 'ok', color: 'chartreuse' as 'red' }))).toMatch(/colour is one of/);
    expect(await fail(e.setBookmark({ eventId: 'no-such-event', on: true }))).toMatch(/no event with id no-such-event/);
    expect(await fail(e.setAuthor('\u0007'))).toMatch(/author name/);
    expect(await count(e, 'bookmarked OR tagged OR has_note')).toBe(0);
    // Markup is just text to the engine: stored and returned as typed.
    const html = '<img src=x onerror="window.__pwned=1">';
    expect(ok(await e.addTag({ eventId: id, tag: html })).tags[0]?.name).toBe(html);
    await e.dispose();
  });
});
