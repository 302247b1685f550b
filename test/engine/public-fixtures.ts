/** Shared by the public-vendor pack tests: import one fixture into a throwaway case and read it back. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import type { ImportFileResult } from '../../preload/api.ts';
import { Case } from '../../main/engine/case/case.ts';
import { importPaths } from '../../main/engine/import/importer.ts';
import { parseCsv, wrapped } from './seed-fixtures.ts';
import type { DbEventRow } from '../helpers/db-event-row.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Up to `n` records of test/fixtures/<rel> as the importer sees them (CSV rows as header→cell, empty → null). */
export function sampleRecords(rel: string, n = 20): { format: 'json' | 'csv'; records: unknown[] } {
  const buf = readFileSync(join(FIXTURES, rel));
  const text = (rel.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  if (/\.csv(\.gz)?$/.test(rel)) {
    const [header = [], ...rows] = parseCsv(text);
    return { format: 'csv', records: rows.slice(0, n).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ? r[i] : null]))) };
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v)) return { format: 'json', records: v.slice(0, n) };
    const inner = wrapped(v as Record<string, unknown>);
    return { format: 'json', records: inner ? inner.slice(0, n) : [v] };
  } catch {
    const lines = text.split('\n').filter((l) => l.trim());
    return { format: 'json', records: lines.slice(0, n).map((l) => JSON.parse(l) as unknown) };
  }
}

export type EventRow = DbEventRow;

export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

export interface Imported {
  batch: ImportFileResult;
  eventsTotal: number;
  rows: EventRow[];
}

const COLUMNS =
  'vendor, locator, event_time, time_raw, time_assumed_tz, actor, actor_id, actor_type, src_ip, user_agent, action, ' +
  'action_class, service, target_type, target_id, target_name, outcome, outcome_raw, description, tenant, changes::VARCHAR AS changes';

/** Imports test/fixtures/<rel> into a fresh case (zone UTC) and returns its one batch and every event. */
export async function importFixture(rel: string): Promise<Imported> {
  const dir = mkdtempSync(join(tmpdir(), 'al-'));
  const c = await Case.open(join(dir, 'case.duckdb'), { create: true });
  try {
    const summary = await importPaths(c, { paths: [join(FIXTURES, rel)], tz: 'UTC' });
    expect(summary.batches).toHaveLength(1);
    const batch = summary.batches[0] as ImportFileResult;
    expect(batch.error).toBeUndefined();
    const rows = await c.db.all<EventRow>(`SELECT ${COLUMNS} FROM events ORDER BY event_time, locator`);
    return { batch, eventsTotal: summary.eventsTotal, rows };
  } finally {
    c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports several fixtures, in order, into one fresh case (zone UTC); returns their batches. */
export async function importFixtures(rels: string[]): Promise<ImportFileResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'al-'));
  const c = await Case.open(join(dir, 'case.duckdb'), { create: true });
  try {
    const summary = await importPaths(c, { paths: rels.map((r) => join(FIXTURES, r)), tz: 'UTC' });
    for (const b of summary.batches) expect(b.error, b.file).toBeUndefined();
    return summary.batches;
  } finally {
    c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The single event matching `pred`; fails the test when there is none or more than one. */
export function one(rows: EventRow[], pred: (r: EventRow) => boolean): EventRow {
  const hits = rows.filter(pred);
  expect(hits, 'exactly one matching event').toHaveLength(1);
  return hits[0] as EventRow;
}

export function changesOf(r: EventRow): Change[] {
  return r.changes === null ? [] : (JSON.parse(r.changes) as Change[]);
}

export const iso = (r: EventRow): string | undefined => r.event_time?.toISOString();

/**
 * Registers a beforeAll importing `rel` and a test that it is detected as `vendor` with `events`
 * events, no rejects, and time, actor and action on every event; returns a getter for the result.
 */
export function imported(rel: string, vendor: string, events: number): () => Imported {
  let r: Imported | undefined;
  beforeAll(async () => {
    r = await importFixture(rel);
  });
  it(`is detected as ${vendor} with ${events} events and no rejects`, () => {
    const got = r as Imported;
    expect(got.batch.vendor).toBe(vendor);
    expect(got.batch.events).toBe(events);
    expect(got.batch.rejects).toBe(0);
    expect(got.rows).toHaveLength(events);
    for (const e of got.rows) {
      expect(e.vendor).toBe(vendor);
      expect(e.event_time, e.locator).toBeInstanceOf(Date);
      expect(e.actor, e.locator).toBeTruthy();
      expect(e.action, e.locator).toBeTruthy();
    }
  });
  return () => r as Imported;
}

export const byAction = (rows: EventRow[], action: string): EventRow => one(rows, (e) => e.action === action);
