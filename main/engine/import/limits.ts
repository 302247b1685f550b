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
  /** DuckDB's memory cap while a file imports (it spills to disk beyond it); queries get the case's own. */
  importMemory: string;
}

export const DEFAULT_LIMITS: Limits = {
  // DuckDB's CSV reader sizes its buffers from this (16×), so it also bounds import memory.
  maxRecordBytes: 16 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024 * 1024,
  maxZipEntries: 100_000,
  maxRejectDetail: 10_000,
  importMemory: '1GB',
};
