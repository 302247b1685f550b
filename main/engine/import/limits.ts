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
}

export const DEFAULT_LIMITS: Limits = {
  maxRecordBytes: 64 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024 * 1024,
  maxZipEntries: 100_000,
  maxRejectDetail: 10_000,
};
