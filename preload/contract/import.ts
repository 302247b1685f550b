/** File imports, and what they left in the case: sources, batches, rejects. */
import type { ApiError, ArgKind, Result, VendorId } from './common.ts';

export interface SourceRow {
  id: number;
  vendor: string;
  label: string;
  tenant: string | null;
  events: number;
}

/** One column of a file's mapping: where its values come from and why (the generic pack's evidence). */
export interface MappingChoice {
  /** The events column (`event_time`, `actor`, …). */
  column: string;
  /** Paths in the record, in order of preference (`a | b`: b where a is empty). */
  from: string;
  why: string;
}

export interface BatchRow {
  id: number;
  source_id: number;
  vendor: string;
  method: 'file' | 'api';
  origin: string;
  format: string;
  sha256: string;
  bytes: number;
  started_at: string;
  finished_at: string;
  rows: number;
  events: number;
  duplicates: number;
  /** Events of this batch sharing a vendor id with a different event (all kept, marked `id_conflict`). */
  idConflicts: number;
  rejects: number;
  tool_version: string;
  pack: string;
  pack_version: number;
  assumed_tz: string;
  /** What the mapping read for each column, and why. */
  mapping: MappingChoice[];
}

export interface RejectRow {
  id: number;
  batch_id: number;
  locator: string;
  reason: string;
  excerpt: string;
}

export interface ImportRequest {
  paths: string[];
  vendor?: VendorId;
  /** IANA zone for times without an offset; default UTC. */
  tz?: string;
  /**
   * What to record as a file's origin instead of its path (a browser upload is stored in a temp
   * folder; its origin is `upload:<name>`). Keyed by the path as given in `paths`.
   */
  origins?: Record<string, string>;
}

export interface ImportFileResult {
  file: string;
  sha256: string;
  vendor: string;
  format: string;
  events: number;
  /** Records not added because the case (or the file) already holds the same event. */
  duplicates: number;
  /** Of `events`: records sharing a vendor id with a different record; all kept, marked `id_conflict`. */
  idConflicts: number;
  rejects: number;
  /** Blank lines (empty or only whitespace) of a line-based file: not records, skipped and counted. */
  blankLines?: number;
  batchId: number | null;
  /** What the mapping read for each column, and why (absent when nothing was mapped). */
  mapping?: MappingChoice[];
  /** Set when the whole file was refused (nothing of it is in the case). */
  error?: ApiError;
}

export interface ImportSummary {
  importId: string;
  batches: ImportFileResult[];
  eventsTotal: number;
  cancelled: boolean;
}

export interface ImportProgress {
  importId: string;
  file: string;
  fileIndex: number;
  fileCount: number;
  phase: 'hashing' | 'detecting' | 'reading' | 'committing' | 'done';
  bytesDone: number;
  bytesTotal: number;
  events: number;
  eventsPerSecond: number;
}

export interface ImportApi {
  importFiles(req: ImportRequest): Promise<Result<ImportSummary>>;
  cancelImport(importId: string): Promise<Result<boolean>>;
  listSources(): Promise<Result<SourceRow[]>>;
  listBatches(): Promise<Result<BatchRow[]>>;
  listRejects(q: { batchId?: number; offset?: number; limit?: number }): Promise<Result<RejectRow[]>>;
}

export const IMPORT_METHODS = {
  importFiles: ['object'],
  cancelImport: ['string'],
  listSources: [],
  listBatches: [],
  listRejects: ['object'],
} as const satisfies Record<keyof ImportApi, readonly ArgKind[]>;

export interface ImportEvents {
  'import-progress': ImportProgress;
  'import-done': ImportSummary;
}

export const IMPORT_EVENTS = { 'import-progress': true, 'import-done': true } as const satisfies Record<keyof ImportEvents, true>;
