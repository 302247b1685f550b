import type { SavedView, ViewChip, ViewState } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { appendCustody } from '../custody/append.ts';
import { num, type Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { FILTER_COLUMNS } from '../query/filter.ts';

/**
 * Saved views: a named filter, chips, search, time range, zone and table layout, in the case's
 * `views` table so they travel with it. Saving, renaming and deleting are logged in custody_log.
 */

const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const MAX_LAYOUT_BYTES = 64 * 1024;
const COLUMNS = new Set<string>(FILTER_COLUMNS);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkViewName(v: unknown): string {
  if (typeof v !== 'string') throw new EngineError('bad-input', 'a view name must be text');
  const name = v.trim();
  if (name === '' || [...name].length > 100) throw new EngineError('bad-input', 'a view name has 1 to 100 characters');
  if (HIDDEN.test(name)) throw new EngineError('bad-input', 'a view name cannot hold control, bidirectional or invisible characters');
  return name;
}

function instant(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new EngineError('bad-input', `${what} is not a time`);
  return new Date(v).toISOString();
}

function checkChip(c: unknown): ViewChip {
  if (!isRecord(c) || typeof c.column !== 'string' || !COLUMNS.has(c.column)) throw new EngineError('bad-input', 'a chip names an event column');
  if (c.value !== null && typeof c.value !== 'string') throw new EngineError('bad-input', 'a chip value is text or null');
  return { column: c.column as ViewChip['column'], value: c.value, exclude: c.exclude === true };
}

/** The view as the engine accepts it: every part checked, nothing unknown kept. */
export function checkView(v: unknown): ViewState {
  if (!isRecord(v)) throw new EngineError('bad-input', 'a view is an object');
  const filter = v.filter ?? '';
  const search = v.search ?? '';
  if (typeof filter !== 'string' || filter.length > 20_000) throw new EngineError('bad-input', 'a view filter is text of at most 20,000 characters');
  if (typeof search !== 'string' || search.length > 2_000) throw new EngineError('bad-input', 'a view search is text of at most 2,000 characters');
  const chips = v.chips ?? [];
  if (!Array.isArray(chips) || chips.length > 100) throw new EngineError('bad-input', 'a view has a list of at most 100 chips');
  const range = isRecord(v.timeRange) ? v.timeRange : {};
  const from = instant(range.from, 'the time range start');
  const to = instant(range.to, 'the time range end');
  const zone = v.zone === 'local' ? 'local' : 'UTC';
  const columns = v.columns ?? null;
  if (JSON.stringify(columns).length > MAX_LAYOUT_BYTES) throw new EngineError('bad-input', 'the view’s column layout is too large');
  let sort: ViewState['sort'] = null;
  if (v.sort !== null && v.sort !== undefined) {
    if (!isRecord(v.sort) || typeof v.sort.column !== 'string' || !COLUMNS.has(v.sort.column)) throw new EngineError('bad-input', 'a view sorts by an event column');
    sort = { column: v.sort.column as ViewChip['column'], dir: v.sort.dir === 'desc' ? 'desc' : 'asc' };
  }
  return {
    filter,
    chips: chips.map(checkChip),
    search,
    timeRange: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    zone,
    columns,
    sort,
  };
}

function iso(v: unknown): string | null {
  return v instanceof Date ? v.toISOString() : v == null ? null : String(v);
}

function json(v: unknown): unknown {
  if (v == null) return null;
  try {
    return JSON.parse(String(v));
  } catch {
    return null;
  }
}

function toView(r: Record<string, unknown>): SavedView {
  const chips = json(r.chips);
  const sort = json(r.sort);
  let view: ViewState;
  try {
    view = checkView({
      filter: r.filter ?? '',
      chips: Array.isArray(chips) ? chips : [],
      search: r.search ?? '',
      timeRange: { from: iso(r.time_from), to: iso(r.time_to) },
      zone: r.timezone,
      columns: json(r.columns),
      sort,
    });
  } catch {
    // Written by another tool and not readable as a view: show its name and filter, nothing else.
    view = { filter: typeof r.filter === 'string' ? r.filter : '', chips: [], search: '', timeRange: {}, zone: 'UTC', columns: null, sort: null };
  }
  return { id: num(r.id), name: String(r.name), createdAt: iso(r.created_at) ?? '', updatedAt: iso(r.updated_at), ...view };
}

export async function listViews(db: Db): Promise<SavedView[]> {
  return (await db.all('SELECT * FROM views ORDER BY lower(name), id')).map(toView);
}

async function viewById(db: Db, id: number): Promise<SavedView> {
  const r = await db.one('SELECT * FROM views WHERE id = $id', { id });
  if (!r) throw new EngineError('not-found', `no saved view #${id}`);
  return toView(r);
}

function checkId(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new EngineError('bad-input', 'a view id is a positive integer');
  return v;
}

export async function saveView(c: Case, q: { name: unknown; view: unknown; replace?: unknown }, author: string): Promise<SavedView> {
  const name = checkViewName(q.name);
  const v = checkView(q.view);
  const values = {
    name,
    f: v.filter,
    ch: JSON.stringify(v.chips),
    s: v.search,
    tf: v.timeRange.from ?? null,
    tt: v.timeRange.to ?? null,
    z: v.zone,
    co: JSON.stringify(v.columns),
    so: JSON.stringify(v.sort),
  };
  const id = await c.write(async (db) => {
    const existing = await db.value<number>('SELECT id FROM views WHERE lower(name) = lower($n) LIMIT 1', { n: name });
    if (existing !== undefined && q.replace !== true) {
      throw new EngineError('refused', `a view named “${name}” exists already; save it with another name or replace it`);
    }
    if (existing !== undefined) {
      await db.run(
        `UPDATE views SET name = $name, filter = $f, chips = $ch, search = $s, time_from = CAST($tf AS TIMESTAMPTZ), time_to = CAST($tt AS TIMESTAMPTZ),
         timezone = $z, columns = $co, sort = $so, updated_at = now() WHERE id = $id`,
        { ...values, id: existing },
      );
    } else {
      await db.run(
        `INSERT INTO views (name, filter, chips, search, time_from, time_to, timezone, columns, sort)
         VALUES ($name, $f, $ch, $s, CAST($tf AS TIMESTAMPTZ), CAST($tt AS TIMESTAMPTZ), $z, $co, $so)`,
        values,
      );
    }
    const saved = num(await db.value('SELECT id FROM views WHERE name = $n', { n: name }));
    await appendCustody(db, 'view-saved', { view: name, id: saved, replaced: existing !== undefined, filter: v.filter, chips: v.chips, search: v.search, timeRange: v.timeRange }, author);
    return saved;
  });
  return viewById(c.reader, id);
}

export async function renameView(c: Case, q: { id: unknown; name: unknown }, author: string): Promise<SavedView> {
  const id = checkId(q.id);
  const name = checkViewName(q.name);
  await c.write(async (db) => {
    const old = await viewById(db, id);
    if (old.name === name) return;
    const clash = await db.value('SELECT id FROM views WHERE lower(name) = lower($n) AND id <> $id LIMIT 1', { n: name, id });
    if (clash !== undefined) throw new EngineError('refused', `a view named “${name}” exists already`);
    await db.run('UPDATE views SET name = $n, updated_at = now() WHERE id = $id', { n: name, id });
    await appendCustody(db, 'view-renamed', { id, from: old.name, to: name }, author);
  });
  return viewById(c.reader, id);
}

export async function deleteView(c: Case, q: { id: unknown }, author: string): Promise<null> {
  const id = checkId(q.id);
  await c.write(async (db) => {
    const old = await viewById(db, id);
    await db.run('DELETE FROM views WHERE id = $id', { id });
    await appendCustody(db, 'view-deleted', { id, view: old.name, filter: old.filter }, author);
  });
  return null;
}
