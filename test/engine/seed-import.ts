import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { fixture } from './seed-fixtures.ts';
import type { DbEventRow } from '../helpers/db-event-row.ts';

/** Helpers of the seed-pack import tests: import one fixture into a fresh case and read the rows back. */

export type Summary = Awaited<ReturnType<typeof importPaths>>;

export type EventRow = DbEventRow;

export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

export interface Imported {
  summary: Summary;
  rows: EventRow[];
}

export async function importFixture(rel: string, tz: string): Promise<Imported> {
  const dir = mkdtempSync(join(tmpdir(), 'al-'));
  const c = await Case.open(join(dir, 'case.duckdb'), { create: true });
  try {
    const summary = await importPaths(c, { paths: [fixture(rel)], tz });
    const rows = await c.db.all<EventRow>('SELECT * FROM events ORDER BY event_time, locator');
    return { summary, rows };
  } finally {
    c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function utc(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

export function changes(row: EventRow): Change[] {
  if (row.changes == null) return [];
  return (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as Change[];
}

/** The one row whose raw record has `key` equal to `value`. */
export function byRaw(rows: EventRow[], key: string, value: unknown): EventRow {
  const hits = rows.filter((r) => (JSON.parse(r.raw) as Record<string, unknown>)[key] === value);
  expect(hits, `${key}=${String(value)}`).toHaveLength(1);
  return hits[0] as EventRow;
}

export function expectBatch(s: Summary, vendor: string, format: string, events: number): void {
  expect(s.batches).toHaveLength(1);
  const b = s.batches[0];
  expect(b?.error).toBeUndefined();
  expect(b?.vendor).toBe(vendor);
  expect(b?.format).toBe(format);
  expect(b?.events).toBe(events);
  expect(b?.rejects).toBe(0);
  expect(s.eventsTotal).toBe(events);
}
