import { listValue } from '@duckdb/node-api';
import { TAG_COLORS, type EventAnnotations, type TagColor, type TagInfo } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { appendCustody } from '../custody/append.ts';
import { num, type Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { checkColor, checkEventId, checkNote, checkTag } from './validate.ts';

/**
 * The `annotations` table: one row per bookmark, per tag of an event, per note. An event has at
 * most one bookmark, one note and one row per tag; the statements keep it so (anti-joins rather
 * than unique indexes, which DuckDB checks eagerly inside a delete-then-insert transaction).
 * Every change appends a custody entry in the same transaction.
 */

export const MAX_LOOKUP = 5000;

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

interface Row {
  event_id: string;
  kind: string;
  value: string | null;
  author: string | null;
  at: Date;
}

export function emptyAnnotations(eventId: string): EventAnnotations {
  return { event_id: eventId, bookmark: null, tags: [], note: null };
}

/** Annotations of the given events, in the order asked. */
export async function annotationsOf(db: Db, eventIds: readonly string[]): Promise<EventAnnotations[]> {
  if (eventIds.length > MAX_LOOKUP) throw new EngineError('bad-input', `ask for at most ${MAX_LOOKUP} events at a time`);
  const ids = [...new Set(eventIds.map(checkEventId))];
  const byId = new Map(ids.map((id) => [id, emptyAnnotations(id)]));
  if (ids.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT event_id, kind, value, author, "at" FROM annotations WHERE event_id IN (SELECT unnest($ids)) ORDER BY id`,
    { ids: listValue(ids) },
  );
  for (const r of rows) {
    const a = byId.get(r.event_id);
    if (!a) continue;
    const base = { author: r.author, at: iso(r.at) };
    if (r.kind === 'bookmark') a.bookmark = base;
    else if (r.kind === 'tag' && r.value !== null) a.tags.push({ ...base, name: r.value });
    else if (r.kind === 'note' && r.value !== null) a.note = { ...base, text: r.value };
  }
  return eventIds.map((id) => byId.get(id) ?? emptyAnnotations(id));
}

async function mustExist(db: Db, eventId: string): Promise<void> {
  const found = await db.value('SELECT 1 FROM events WHERE event_id = $e LIMIT 1', { e: eventId });
  if (found === undefined) throw new EngineError('not-found', `no event with id ${eventId} in this case`);
}

export async function setBookmark(c: Case, eventId: string, on: boolean, author: string): Promise<EventAnnotations> {
  const id = checkEventId(eventId);
  await c.write(async (db) => {
    await mustExist(db, id);
    const had = (await db.value("SELECT 1 FROM annotations WHERE event_id = $e AND kind = 'bookmark' LIMIT 1", { e: id })) !== undefined;
    if (had === on) return;
    if (on) await db.run("INSERT INTO annotations (event_id, kind, author) VALUES ($e, 'bookmark', $a)", { e: id, a: author });
    else await db.run("DELETE FROM annotations WHERE event_id = $e AND kind = 'bookmark'", { e: id });
    await appendCustody(db, 'annotation', { op: on ? 'bookmark-add' : 'bookmark-remove', event_id: id }, author);
  });
  return (await annotationsOf(c.reader, [id]))[0] as EventAnnotations;
}

/**
 * The tag's name as the case knows it: `Exfil` and `exfil` are one tag, spelled as first used.
 * A new tag is registered with a colour (the next of the palette unless given).
 */
export async function ensureTag(db: Db, tag: string, color?: TagColor): Promise<string> {
  const known = await db.value<string>('SELECT name FROM tags WHERE lower(name) = lower($t) LIMIT 1', { t: tag });
  if (known !== undefined) return known;
  const n = num(await db.value('SELECT count(*) FROM tags'));
  await db.run('INSERT INTO tags (name, color) VALUES ($t, $c)', { t: tag, c: color ?? (TAG_COLORS[n % TAG_COLORS.length] as TagColor) });
  return tag;
}

export async function addTag(c: Case, eventId: string, tagText: string, author: string, color?: TagColor): Promise<EventAnnotations> {
  const id = checkEventId(eventId);
  const wanted = checkTag(tagText);
  const chosen = color === undefined ? undefined : checkColor(color);
  await c.write(async (db) => {
    await mustExist(db, id);
    const tag = await ensureTag(db, wanted, chosen);
    const had = await db.value("SELECT 1 FROM annotations WHERE event_id = $e AND kind = 'tag' AND value = $t LIMIT 1", { e: id, t: tag });
    if (had !== undefined) return;
    await db.run("INSERT INTO annotations (event_id, kind, value, author) VALUES ($e, 'tag', $t, $a)", { e: id, t: tag, a: author });
    await appendCustody(db, 'annotation', { op: 'tag-add', event_id: id, tag }, author);
  });
  return (await annotationsOf(c.reader, [id]))[0] as EventAnnotations;
}

export async function removeTag(c: Case, eventId: string, tagText: string, author: string): Promise<EventAnnotations> {
  const id = checkEventId(eventId);
  const tag = checkTag(tagText);
  await c.write(async (db) => {
    const had = await db.value("SELECT 1 FROM annotations WHERE event_id = $e AND kind = 'tag' AND lower(value) = lower($t) LIMIT 1", { e: id, t: tag });
    if (had === undefined) return;
    await db.run("DELETE FROM annotations WHERE event_id = $e AND kind = 'tag' AND lower(value) = lower($t)", { e: id, t: tag });
    await appendCustody(db, 'annotation', { op: 'tag-remove', event_id: id, tag }, author);
  });
  return (await annotationsOf(c.reader, [id]))[0] as EventAnnotations;
}

export async function setNote(c: Case, eventId: string, textIn: string, author: string): Promise<EventAnnotations> {
  const id = checkEventId(eventId);
  const text = checkNote(textIn);
  await c.write(async (db) => {
    await mustExist(db, id);
    const old = await db.value<string>("SELECT value FROM annotations WHERE event_id = $e AND kind = 'note' LIMIT 1", { e: id });
    if ((old ?? '') === text) return;
    await db.run("DELETE FROM annotations WHERE event_id = $e AND kind = 'note'", { e: id });
    if (text !== '') await db.run("INSERT INTO annotations (event_id, kind, value, author) VALUES ($e, 'note', $v, $a)", { e: id, v: text, a: author });
    // The custody log keeps every version of a note, so an edit never loses what was written before.
    await appendCustody(db, 'annotation', { op: text === '' ? 'note-remove' : old === undefined ? 'note-add' : 'note-edit', event_id: id, note: text }, author);
  });
  return (await annotationsOf(c.reader, [id]))[0] as EventAnnotations;
}

export async function listTags(db: Db): Promise<TagInfo[]> {
  const rows = await db.all<{ name: string; color: string; n: bigint }>(
    `SELECT t.name, t.color, count(DISTINCT a.event_id) AS n FROM tags t
     LEFT JOIN annotations a ON a.kind = 'tag' AND a.value = t.name
     GROUP BY t.name, t.color, t.created_at ORDER BY n DESC, t.created_at, t.name`,
  );
  return rows.map((r) => ({ name: r.name, color: checkColor(r.color), events: num(r.n) }));
}

export async function setTagColor(c: Case, tagText: string, color: TagColor, author: string): Promise<TagInfo[]> {
  const tag = checkTag(tagText);
  const chosen = checkColor(color);
  await c.write(async (db) => {
    const name = await ensureTag(db, tag, chosen);
    await db.run('UPDATE tags SET color = $c WHERE name = $t', { c: chosen, t: name });
    await appendCustody(db, 'annotation', { op: 'tag-color', tag: name, color: chosen }, author);
  });
  return listTags(c.reader);
}

/** Tags starting with a prefix, most used first (filter-bar completion of `tag = '…'`). */
export async function suggestTags(db: Db, prefix: string, limit: number): Promise<{ value: string; count: number }[]> {
  const rows = await db.all<{ v: string; n: bigint }>(
    `SELECT t.name AS v, count(DISTINCT a.event_id) AS n FROM tags t LEFT JOIN annotations a ON a.kind = 'tag' AND a.value = t.name
     WHERE starts_with(lower(t.name), $p) GROUP BY t.name ORDER BY n DESC, v LIMIT $l`,
    { p: prefix.toLowerCase(), l: limit },
  );
  return rows.map((r) => ({ value: r.v, count: num(r.n) }));
}
