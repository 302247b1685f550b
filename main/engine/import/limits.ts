/** Guards against absurd input. Every limit is reported by name when it refuses something. */
export interface Limits {
  /** One record (an NDJSON line, one JSON document that is not an array) may not exceed this. */
  maxRecordBytes: number;
  /** A file's content (after decompression) may not exceed this. */
  maxFileBytes: number;
  /** A zip may not hold more entries than this, nor expand to more than maxFileBytes in all. */
  maxZipEntries: number;
  /** Rejects kept per file with full detail; the rest are counted. */
  maxRejectDetail: number;
  /** All entries of one zip together may not expand to more than this (counted as written, not as declared). */
  maxZipBytes: number;
  /**
   * A .gz, or a zip entry, expanding more than this many times is refused as a likely compression
   * bomb, once it is past `expansionCheckBytes` (small files of identical lines compress far better).
   */
  maxExpansionRatio: number;
  expansionCheckBytes: number;
  /** A CSV header may not name more columns than this (100k columns exhaust DuckDB's reader). */
  maxCsvColumns: number;
  /** DuckDB's memory cap while a file imports (it spills to disk beyond it); queries get the case's own. */
  importMemory: string;
}

export const DEFAULT_LIMITS: Limits = {
  // DuckDB's CSV reader sizes its buffers from this (16×), so it also bounds import memory.
  maxRecordBytes: 16 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024 * 1024,
  maxZipEntries: 100_000,
  maxRejectDetail: 10_000,
  maxZipBytes: 16 * 1024 * 1024 * 1024,
  maxExpansionRatio: 200,
  expansionCheckBytes: 256 * 1024 * 1024,
  maxCsvColumns: 2048,
  importMemory: '1GB',
};
