import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImportFileResult, ImportProgress, ImportRequest, ImportSummary, VendorId } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { num } from '../db.ts';
import { EngineError, toApiError } from '../errors.ts';
import { describeMapping } from '../packs/describe.ts';
import { synthesizeGeneric } from '../packs/generic.ts';
import { editedForImport, storeImportMapping } from '../mapping/import-edits.ts';
import type { MapEdit } from '../mapping/map-spec.ts';
import { storedGenericFor, withStoredMapping } from '../mapping/store.ts';
import { quoteSeg } from '../packs/generic/leaves.ts';
import { parseEmbedded } from '../packs/paths.ts';
import { detectPack, packForVendor } from '../packs/registry.ts';
import { listImplausibleTimes } from '../packs/time-range.ts';
import type { MappingPack } from '../packs/types.ts';
import { TOOL_VERSION } from '../version.ts';
import { expandInputs, type InputFile } from './inputs.ts';
import { insertStaged } from './insert-staged.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { prescan, readHead } from './prescan.ts';
import { sniff } from './sniff.ts';
import { dropStage, stageFile } from './stage.ts';

export interface ImportOptions extends ImportRequest {
  importId?: string;
  limits?: Partial<Limits>;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** A user-corrected mapping to use instead of detection. */
  mapping?: MappingPack;
  /** Corrections of whatever mapping a file gets (`--map`), kept in the case for its source. */
  mapEdits?: MapEdit[];
  /** Who made the corrections, for the custody log. */
  author?: string;
}

const SAMPLE_SIZE = 50;

/** `bar`: how far the file is, 0 to 1; `events` an estimate while inserting. */
type ProgressUpdate = { phase: ImportProgress['phase']; bar?: number; events?: number };

/**
 * Share of the bar each step of a file fills, from profiles of 1M-event imports: inserting (mapping,
 * sorting, writing) takes most of the time, so it gets most of the bar and moves with DuckDB's own
 * progress through that statement instead of the bar resting near the end while it runs.
 */
const STEPS = { reading: [0, 0.12], numbering: [0.12, 0.2], inserting: [0.2, 0.96], finishing: [0.96, 1] } as const;
type Step = keyof typeof STEPS;

function validTz(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Records for detection: the first 50 and an even spread over the rest (up to 200 in all), so a
 * file whose record shapes change further down is still seen whole. A record held as a JSON
 * string is unwrapped, as the mapping reads it.
 */
async function sampleRecords(c: Case, rows: number): Promise<unknown[]> {
  const step = Math.max(1, Math.floor(rows / (SAMPLE_SIZE * 3)));
  const got = await c.db.all<{ raw: string }>(
    `SELECT raw FROM al_stage WHERE rn <= ${SAMPLE_SIZE} OR (rn % ${step} = 0 AND length(raw) < 2000000) ORDER BY rn LIMIT ${SAMPLE_SIZE * 4}`,
  );
  return got.map((r) => {
    const v = JSON.parse(r.raw) as unknown;
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  });
}

/**
 * A wrapper whose payload a pack knows: a field holding the vendor's record as JSON text (Cribl's
 * `_raw`, CloudTrail lookup-events' `CloudTrailEvent`, a Splunk export's `_raw` column).
 */
function detectWrapped(samples: unknown[]): { pack: MappingPack; field: string } | undefined {
  const keys = new Map<string, unknown[]>();
  for (const s of samples) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) continue;
    for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
      const inner = typeof v === 'string' && v.trimStart().startsWith('{') ? parseEmbedded(v) : undefined;
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) keys.set(k, [...(keys.get(k) ?? []), inner]);
    }
  }
  for (const [k, inner] of keys) {
    if (inner.length < samples.length * 0.5) continue;
    const d = detectPack(inner, 'json');
    if (d) return { pack: d.pack, field: quoteSeg(k) };
  }
  return undefined;
}

async function choosePack(c: Case, file: string, kind: 'json' | 'csv', opts: ImportOptions, rows: number): Promise<MappingPack> {
  if (opts.mapping) return opts.mapping;
  const samples = await sampleRecords(c, rows);
  if (opts.vendor && opts.vendor !== 'generic') {
    const p = packForVendor(opts.vendor, samples, kind);
    if (!p) throw new EngineError('bad-input', `no mapping pack for vendor ${opts.vendor}`, { file });
    if (!p.detect.formats.includes(kind)) {
      throw new EngineError('bad-input', `vendor ${opts.vendor} does not export ${kind.toUpperCase()} files`, { file });
    }
    return withStoredMapping(c.db, p);
  }
  if (opts.vendor !== 'generic') {
    // A mapping the investigator stored for a pack's identity (vendor and label: the source's
    // identity) replaces that pack.
    const detected = detectPack(samples, kind);
    if (detected) return withStoredMapping(c.db, detected.pack);
    const wrapped = detectWrapped(samples);
    if (wrapped) {
      const p = wrapped.pack;
      return withStoredMapping(c.db, { ...p, label: `${p.label} (inside ${wrapped.field})`, unwrap: [wrapped.field] });
    }
    const mine = await storedGenericFor(c.db, samples, kind);
    if (mine) return mine;
  }
  return synthesizeGeneric(samples);
}

async function sourceFor(c: Case, pack: MappingPack): Promise<number> {
  const existing = await c.db.value<number>('SELECT id FROM sources WHERE vendor = $v AND label = $l AND tenant IS NULL', {
    v: pack.id,
    l: pack.label,
  });
  if (existing !== undefined) return num(existing);
  return num(
    await c.db.value('INSERT INTO sources (vendor, label) VALUES ($v, $l) RETURNING id', { v: pack.id, l: pack.label }),
  );
}

/** Import one file in one transaction: fully in with its rejects listed, or not in at all. */
async function importFile(
  c: Case,
  f: InputFile,
  opts: ImportOptions,
  limits: Limits,
  tz: string,
  progress: (p: ProgressUpdate) => void,
): Promise<ImportFileResult> {
  const startedAt = new Date();
  const sniffed = sniff(f.display, await readHead(f.path, f.gz));
  if (sniffed.format === 'csv' && (sniffed.columns ?? 0) > limits.maxCsvColumns) {
    throw new EngineError(
      'refused',
      `the CSV header names ${(sniffed.columns ?? 0).toLocaleString('en-US')}${sniffed.headerCut ? ' or more' : ''} columns, over the limit of ${limits.maxCsvColumns.toLocaleString('en-US')}`,
      { file: f.display, line: 1 },
    );
  }
  const format = (f.convertedFrom ? `${f.convertedFrom}+` : '') + (f.gz ? 'gzip+' : '') + sniffed.format + (sniffed.delimiter === '\t' ? ' (tsv)' : '');
  // Hashing runs alongside DuckDB's read of the same file; its verdict (a truncated gzip, a size
  // limit) wins over whatever DuckDB made of the same bytes.
  const db = c.db;
  const fileBytes = (await stat(f.path)).size;
  let step: Step = 'reading';
  // Within the current step: the furthest DuckDB got through its statements, and the share hashed.
  let duck = 0;
  let hashed = 0;
  let expectedEvents = 0;
  const report = (): void => {
    const [lo, hi] = STEPS[step];
    // Reading is DuckDB's read and the hash of the same bytes side by side: done when both are.
    const within = step === 'reading' ? (duck + (fileBytes ? Math.min(1, hashed / fileBytes) : duck)) / 2 : duck;
    progress({
      phase: step === 'reading' ? 'reading' : 'committing',
      bar: lo + (hi - lo) * within,
      ...(step === 'inserting' ? { events: Math.round(expectedEvents * within) } : {}),
    });
  };
  const enter = (next: Step): void => {
    step = next;
    duck = 0;
    report();
  };
  const scanP = prescan(f.path, f.display, f.gz, limits, (n) => {
    hashed += n;
    report();
  }, opts.signal);
  scanP.catch(() => c.db.conn.interrupt());
  const scanError = (): Promise<unknown> => scanP.then(() => null, (e: unknown) => e);
  const poll = setInterval(() => {
    const p = db.conn.progress;
    if (p.percentage < 0) return;
    duck = Math.max(duck, Math.min(1, p.percentage / 100));
    report();
  }, 200);
  const onAbort = (): void => db.conn.interrupt();
  opts.signal?.addEventListener('abort', onAbort);
  await db.run('BEGIN TRANSACTION');
  try {
    enter('reading');
    const staged = await stageFile(db, { path: f.path, display: f.display, gz: f.gz, scan: scanP, sniffed, limits });
    const scan = await scanP;
    const result: ImportFileResult = {
      file: f.display, sha256: scan.sha256, vendor: '', format, events: 0, duplicates: 0, idConflicts: 0, rejects: 0, batchId: null,
    };
    if (!opts.vendor && !opts.mapping && !opts.mapEdits?.length) {
      const prior = await db.one<{ id: number; event_count: bigint; pack: string }>(
        'SELECT id, event_count, pack FROM batches WHERE sha256 = $s AND assumed_tz = $tz ORDER BY id LIMIT 1',
        { s: scan.sha256, tz },
      );
      if (prior) {
        // Same bytes read in the same zone: every event id is already in the case.
        await db.run('ROLLBACK');
        await dropStage(db);
        await c.logCustody('import-skipped', {
          file: f.display, sha256: scan.sha256, reason: `identical to batch ${num(prior.id)}`, container: f.container?.path ?? null,
        });
        return { ...result, vendor: prior.pack, duplicates: num(prior.event_count), batchId: num(prior.id) };
      }
    }
    const chosen = await choosePack(c, f.display, sniffed.format === 'csv' ? 'csv' : 'json', opts, staged.rows);
    const pack = opts.mapEdits?.length ? await editedForImport(db, chosen, opts.mapEdits) : chosen;
    result.vendor = pack.id;
    result.mapping = describeMapping(pack);

    const prior = await db.one<{ id: number; event_count: bigint }>(
      'SELECT id, event_count FROM batches WHERE sha256 = $s AND pack = $p AND pack_version = $v AND assumed_tz = $tz ORDER BY id LIMIT 1',
      { s: scan.sha256, p: pack.id, v: pack.version, tz },
    );
    if (prior) {
      // Same bytes, same mapping, same zone: every event id is already in the case.
      await db.run('ROLLBACK');
      await dropStage(db);
      await c.logCustody('import-skipped', {
        file: f.display, sha256: scan.sha256, reason: `identical to batch ${prior.id}`, container: f.container?.path ?? null,
      });
      return { ...result, duplicates: num(prior.event_count), batchId: num(prior.id) };
    }

    const sourceId = await sourceFor(c, pack);
    if (pack !== chosen) await storeImportMapping(db, { old: chosen, pack, sourceId, file: f.display, author: opts.author ?? null });
    const label = (p: string): string => originLabels(opts).get(p) ?? p;
    // A zip entry is `archive!entry`; a converted UTF-16 file is its original.
    const origin = f.convertedFrom && f.container ? label(f.container.path) : f.container ? `${label(f.container.path)}!${f.display.split('!').slice(1).join('!')}` : label(f.path);
    const batchId = num(
      await db.value(
        `INSERT INTO batches (source_id, method, origin, format, sha256, bytes, started_at, finished_at, row_count, event_count,
           duplicate_count, reject_count, tool_version, pack, pack_version, mapping, assumed_tz, container, container_sha256)
         VALUES ($src, 'file', $origin, $format, $sha, $bytes, $started, $started, 0, 0, 0, 0, $tool, $pack, $pv, $mapping, $tz, $cont, $csha)
         RETURNING id`,
        {
          src: sourceId, origin, format: result.format, sha: scan.sha256, bytes: scan.bytes, started: startedAt.toISOString(),
          tool: TOOL_VERSION, pack: pack.id, pv: pack.version, mapping: JSON.stringify(pack), tz,
          cont: f.container ? label(f.container.path) : null, csha: f.container?.sha256 ?? null,
        },
      ),
    );

    expectedEvents = staged.rows;
    // CSV rows and elements of wrapper objects are already DuckDB's own serialization of the record.
    const rawIsCanonical = sniffed.format === 'csv' || (sniffed.format === 'json-object' && staged.wrapper !== null);
    const { inserted, total, idConflicts } = await insertStaged(db, pack, {
      batchId, sourceId, tz, stagedRows: staged.rows, stringRecords: staged.strings > 0, rawIsCanonical, onStep: enter,
    });
    enter('finishing');
    const rejectCount = await storeRejects(db, batchId, f.display, staged.rejects, limits.maxRejectDetail);
    const finishedAt = new Date();
    await db.run(
      `UPDATE batches SET finished_at = $fin, row_count = $rows, event_count = $ev, duplicate_count = $dup, reject_count = $rej WHERE id = $id`,
      { fin: finishedAt.toISOString(), rows: staged.rows, ev: inserted, dup: total - inserted, rej: rejectCount, id: batchId },
    );
    await c.logCustody('import', {
      batch_id: batchId, file: f.display, origin, sha256: scan.sha256, bytes: scan.bytes, format: result.format,
      vendor: pack.id, pack_version: pack.version, assumed_tz: tz, events: inserted, duplicates: total - inserted,
      id_conflicts: idConflicts, rejects: rejectCount, blank_lines: staged.blankLines ?? 0, container: f.container ?? null,
    });
    await dropStage(db);
    await db.run('COMMIT');
    return {
      ...result, events: inserted, duplicates: total - inserted, idConflicts, rejects: rejectCount, batchId,
      ...(staged.blankLines ? { blankLines: staged.blankLines } : {}),
    };
  } catch (e) {
    await db.run('ROLLBACK').catch(() => undefined);
    await dropStage(db).catch(() => undefined);
    if (opts.signal?.aborted) throw new EngineError('cancelled', 'import cancelled; the case is as it was before this file');
    const fromScan = await scanError();
    if (fromScan) throw fromScan;
    if (e instanceof EngineError) throw e;
    throw new EngineError('refused', describeDuckError(e), { file: f.display });
  } finally {
    clearInterval(poll);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The file's rejects into `rejects`, then its events kept without an implausible time: at most
 * `cap` rows with full detail per file (the documented limit), the rest counted in the batch and
 * named by one closing row. Returns the full count.
 */
async function storeRejects(db: Case['db'], batchId: number, file: string, staged: number, cap: number): Promise<number> {
  await db.run(
    `INSERT INTO rejects (batch_id, locator, reason, excerpt) SELECT $b, locator, reason, excerpt FROM al_rejects ORDER BY rowid LIMIT ${Math.max(0, Math.floor(cap))}`,
    { b: batchId },
  );
  const times = await listImplausibleTimes(db, batchId, cap - staged);
  const total = staged + times;
  if (total > cap) {
    await db.run('INSERT INTO rejects (batch_id, locator, reason, excerpt) VALUES ($b, $loc, $reason, NULL)', {
      b: batchId,
      loc: file,
      reason: `${total - cap} more rejects in this file are counted but not listed (details are kept for the first ${cap})`,
    });
  }
  return total;
}

/** The caller's origin labels keyed by absolute path (inputs are resolved the same way). */
function originLabels(opts: ImportOptions): Map<string, string> {
  return new Map(Object.entries(opts.origins ?? {}).map(([p, v]) => [resolve(p), String(v)]));
}

/** DuckDB's reader errors, phrased for an investigator. */
function describeDuckError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const first = msg.split('\n')[0] ?? msg;
  if (/Malformed JSON/i.test(msg)) return `malformed JSON: ${first.replace(/^.*?Error: /, '')}`;
  if (/maximum_object_size|exceeds the maximum object size/i.test(msg)) {
    return 'a JSON value is over the record limit (--max-record-mb)';
  }
  return first.replace(/^[A-Za-z ]+ Error: /, '');
}

export async function importPaths(c: Case, opts: ImportOptions): Promise<ImportSummary> {
  c.assertWritable('Importing files');
  const importId = opts.importId ?? randomUUID();
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const tz = opts.tz ?? 'UTC';
  if (!validTz(tz)) throw new EngineError('bad-input', `unknown time zone "${tz}" (use an IANA name such as Europe/Berlin)`);
  const inputs = await expandInputs(opts.paths, limits);
  const batches: ImportFileResult[] = inputs.refused.map((r) => ({
    file: r.file, sha256: '', vendor: '', format: '', events: 0, duplicates: 0, idConflicts: 0, rejects: 0, batchId: null,
    error: { code: 'refused', message: r.message, file: r.file },
  }));
  const fileCount = inputs.files.length;
  let cancelled = false;
  const memoryBefore = await c.db.value<string>("SELECT current_setting('memory_limit')");
  await c.db.run(`SET memory_limit = '${limits.importMemory.replace(/[^0-9A-Za-z.]/g, '')}'`);
  try {
    for (let i = 0; i < fileCount; i++) {
      const f = inputs.files[i] as InputFile;
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
      const started = Date.now();
      let bytesDone = 0;
      let bytesTotal = 0;
      try {
        bytesTotal = (await stat(f.path)).size;
      } catch {
        bytesTotal = 0;
      }
      let events = 0;
      let last = 0;
      // bytesDone is the bar: the share of the whole file's work done (STEPS), never moving back.
      const progress = (p: ProgressUpdate): void => {
        if (p.bar !== undefined && p.phase !== 'done') bytesDone = Math.max(bytesDone, bytesTotal * p.bar);
        if (p.events !== undefined) events = Math.max(events, p.events);
        const now = Date.now();
        if (now - last < 100 && p.phase !== 'done') return;
        last = now;
        const secs = Math.max(0.001, (now - started) / 1000);
        opts.onProgress?.({
          importId, file: f.display, fileIndex: i, fileCount, phase: p.phase ?? 'reading',
          bytesDone: Math.round(bytesDone), bytesTotal, events, eventsPerSecond: Math.round(events / secs),
        });
      };
      try {
        const r = await importFile(c, f, opts, limits, tz, progress);
        events = r.events;
        bytesDone = bytesTotal;
        progress({ phase: 'done' });
        batches.push(r);
      } catch (e) {
        const err = toApiError(e);
        if (err.code === 'cancelled') {
          cancelled = true;
          break;
        }
        batches.push({
          file: f.display, sha256: '', vendor: '', format: '', events: 0, duplicates: 0, idConflicts: 0, rejects: 0, batchId: null,
          error: { ...err, file: err.file ?? f.display },
        });
      }
    }
  } finally {
    await inputs.cleanup();
    if (memoryBefore) await c.db.run(`SET memory_limit = '${memoryBefore.replace(/[^0-9A-Za-z. ]/g, '')}'`).catch(() => undefined);
  }
  if (cancelled) await c.logCustody('import-cancelled', { import_id: importId, files_done: batches.filter((b) => b.batchId).length });
  return { importId, batches, eventsTotal: batches.reduce((s, b) => s + b.events, 0), cancelled };
}

export type { VendorId };
