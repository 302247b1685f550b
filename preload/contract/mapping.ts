/**
 * The mapping editor: a source's mapping as data, a live preview on the source's own records, and
 * re-mapping its events in place from their stored `raw`.
 */
import type { ArgKind, Result } from './common.ts';

/**
 * Where one event column comes from: a field spec of the pack language (`main/engine/packs/types.ts`
 * `FieldSpec`): a path, a list of paths (the first non-empty), or an object with one of `path`,
 * `const`, `template`, `ifPresent` and the ops `transform`, `regex`, `map`, `default`. The engine
 * checks every part; nothing here is trusted.
 */
export type MappingFieldSpec =
  | string
  | string[]
  | {
      path?: string | string[];
      const?: string;
      template?: string;
      ifPresent?: string | string[];
      then?: string;
      else?: string;
      transform?: string;
      regex?: string;
      map?: Record<string, string>;
      default?: string;
    };

/** A change extractor of the pack language (`ChangeSpec`): `kind` and that kind's keys. */
export interface MappingChangeSpec {
  kind: string;
  [key: string]: unknown;
}

/** The part of a pack the editor changes: each column's spec, and the change extractors. */
export interface MappingEdit {
  fields: Record<string, MappingFieldSpec>;
  changes: MappingChangeSpec[];
}

/** One key of a change extractor kind. */
export interface ChangeKeyInfo {
  name: string;
  required: boolean;
  /** `text` a string; `paths` a string or list of strings; `list` a list of strings. */
  type: 'text' | 'paths' | 'list' | 'flag';
}

/** The words of the pack language, from the engine, so the editor offers exactly what it accepts. */
export interface MappingVocabulary {
  /** Event columns a mapping fills (`time` fills event_time, time_raw, time_assumed_tz). */
  columns: string[];
  transforms: string[];
  changeKinds: { kind: string; keys: ChangeKeyInfo[] }[];
}

/** A field of the source's records, for the editor's picker: a path the pack language reads. */
export interface RecordField {
  path: string;
  /** Sampled records holding a non-empty value there. */
  records: number;
  /** One value as recorded (first 120 characters). */
  example: string;
}

export interface SourceMapping {
  sourceId: number;
  vendor: string;
  label: string;
  events: number;
  /**
   * What the source's events follow now: `stored` a mapping applied to this source (editor,
   * `remap`, `import --map`), else the mapping its newest file was imported with: `pack` a
   * built-in pack, `detected` generic detection.
   */
  origin: 'stored' | 'pack' | 'detected';
  packVersion: number;
  mapping: MappingEdit;
  /** Structure the editor keeps as it is (it decides how records become events). */
  explode: string | null;
  embeddedJson: string[];
  unwrap: string[];
  /** When a mapping was last applied to the source, and by whom. */
  applied: { at: string; by: string | null } | null;
  vocabulary: MappingVocabulary;
  /** The fields the sampled records hold, most common first (at most 400). */
  fields: RecordField[];
  /** Records sampled for `fields`. */
  samples: number;
}

/** A problem with a mapping, `field` naming where (`fields.actor.regex`, `changes[0].path`). */
export interface MappingProblem {
  field: string;
  message: string;
}

/** One column of a previewed record: the stored value and what the edited mapping makes of it. */
export interface PreviewValue {
  column: string;
  before: string | null;
  after: string | null;
}

export interface PreviewRecord {
  eventId: string;
  locator: string;
  /** The stored record (first 4,000 characters). */
  raw: string;
  values: PreviewValue[];
}

export interface MappingPreview {
  problems: MappingProblem[];
  /** Empty when there are problems. */
  records: PreviewRecord[];
}

export interface PreviewRequest {
  sourceId: number;
  mapping: MappingEdit;
  /** Records to preview (default 12, at most 50). */
  limit?: number;
}

export interface RemapRequest {
  sourceId: number;
  mapping: MappingEdit;
}

export interface RemapProgress {
  remapId: string;
  sourceId: number;
  phase: 'mapping' | 'writing';
  /** 0..1 over the whole remap. */
  fraction: number;
}

export interface RemapSummary {
  remapId: string;
  sourceId: number;
  /** Events of the source. */
  events: number;
  /** Events with at least one column changed. */
  changed: number;
  /** Changed values per event column. */
  columns: Record<string, number>;
  cancelled: boolean;
  ms: number;
}

export interface MappingApi {
  getMapping(q: { sourceId: number }): Promise<Result<SourceMapping>>;
  previewMapping(q: PreviewRequest): Promise<Result<MappingPreview>>;
  /** Re-maps the source's events from their stored `raw` (one transaction) and keeps the mapping. */
  applyMapping(q: RemapRequest): Promise<Result<RemapSummary>>;
  cancelRemap(remapId: string): Promise<Result<boolean>>;
  /** The source's mapping as a pack file (JSON text) that `auditlens import --pack` loads. */
  mappingPackFile(q: { sourceId: number; mapping?: MappingEdit }): Promise<Result<string>>;
}

export const MAPPING_METHODS = {
  getMapping: ['object'],
  previewMapping: ['object'],
  applyMapping: ['object'],
  cancelRemap: ['string'],
  mappingPackFile: ['object'],
} as const satisfies Record<keyof MappingApi, readonly ArgKind[]>;

export interface MappingEvents {
  'remap-progress': RemapProgress;
  'remap-done': RemapSummary;
}

export const MAPPING_EVENTS = { 'remap-progress': true, 'remap-done': true } as const satisfies Record<keyof MappingEvents, true>;
