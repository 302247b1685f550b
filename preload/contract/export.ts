/** Exports of events (files and a Parquet dataset) and the HTML report of the bookmarked events. */
import type { ApiError, ArgKind, Result, ViewColumn } from './common.ts';
import type { EventScope, SortDir } from './query.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'parquet', 'timesketch', 'dataset'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which events: those of a scope, optionally only the bookmarked ones or those with a tag. */
export interface ExportSelection {
  scope: EventScope;
  bookmarked?: boolean;
  tag?: string;
}

export interface ExportRequest extends ExportSelection {
  format: ExportFormat;
  /** A new file (a new folder for `dataset`); refused when something is there already. */
  path: string;
  /** Row order (default: time, oldest first). */
  sort?: { column: ViewColumn; dir: SortDir };
  /** Keep credentials as recorded instead of masking them. Off unless asked for explicitly. */
  keepSecrets?: boolean;
  /** Chosen by the caller to follow progress and cancel; one is made up otherwise. */
  exportId?: string;
}

export interface ExportedFile {
  /** Relative to the dataset folder. */
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ExportSummary {
  exportId: string;
  format: ExportFormat;
  path: string;
  rows: number;
  bytes: number;
  /** Of the file; for a dataset, of its _manifest.json (which lists every file's hash). */
  sha256: string;
  masked: boolean;
  /** Events of the selection not written, and why (Timesketch needs a time). */
  skipped: { count: number; reason: string } | null;
  /** A dataset's files. */
  files?: ExportedFile[];
  elapsedMs: number;
}

export interface ExportProgress {
  exportId: string;
  phase: 'counting' | 'writing' | 'hashing' | 'done';
  /** 0–100, or null while unknown. */
  percent: number | null;
  rows: number;
}

export interface ExportDone {
  exportId: string;
  summary: ExportSummary | null;
  error: ApiError | null;
  cancelled: boolean;
}

export interface ReportRequest {
  path: string;
  /** Shown on the title page; the case file's name otherwise. */
  title?: string;
  /** Report the events with this tag instead of the bookmarked ones. */
  tag?: string;
  keepSecrets?: boolean;
}

export interface ReportSummary {
  path: string;
  events: number;
  bytes: number;
  sha256: string;
  elapsedMs: number;
}

export interface ExportApi {
  exportEvents(req: ExportRequest): Promise<Result<ExportSummary>>;
  cancelExport(exportId: string): Promise<Result<boolean>>;
  /** A free path beside the case for an export of this format (`<case>-export-<time>.<ext>`). */
  suggestExportPath(q: { format: ExportFormat | 'report' }): Promise<Result<string>>;
  /** A self-contained HTML report of the bookmarked (or tagged) events. */
  writeReport(req: ReportRequest): Promise<Result<ReportSummary>>;
}

export const EXPORT_METHODS = {
  exportEvents: ['object'],
  cancelExport: ['string'],
  suggestExportPath: ['object'],
  writeReport: ['object'],
} as const satisfies Record<keyof ExportApi, readonly ArgKind[]>;

export interface ExportEvents {
  'export-progress': ExportProgress;
  'export-done': ExportDone;
}

export const EXPORT_EVENTS = { 'export-progress': true, 'export-done': true } as const satisfies Record<keyof ExportEvents, true>;
