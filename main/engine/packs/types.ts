import type { MappingChoice } from '../../../preload/contract/import.ts';

export type { MappingChoice };

/**
 * Mapping packs: declarative descriptions of how one source's records become `events` rows.
 * A pack is data (JSON under packs/defs), never code; the SQL generator (sql.ts) turns it into
 * one DuckDB SELECT so the mapping runs natively over millions of rows.
 *
 * Paths. A path is a dot path into the record: `actor.alternateId`, `target[0].id`,
 * `"@timestamp"` (quote a segment holding dots or @), `sourceIPs[0]`.
 * - For CSV sources the record is the row as a header→cell object, so a path is a column name.
 * - A field listed in `embeddedJson` holds JSON text (M365 `AuditData`, epilot `detail`, Log
 *   Analytics `InitiatedBy`, AKS `properties.log`); paths below it (`AuditData.Operation`) read the
 *   parsed value. Entries may be nested paths, and may lie inside an earlier entry
 *   (`_raw`, then `_raw.AuditData`). A field that already holds an object reads the same way; the field alone reads its text as
 *   written (Duo's `description` is JSON or free text).
 * - With `explode`, `@.name` reads the current element of the exploded array; other paths read
 *   the enclosing record.
 * - A segment written `{path}` is the key named by that path's value: OpenAI writes an event's
 *   details under its type (`{type}.id` → `"api_key.created".id`), Slack an entity under its
 *   type (`entity.{entity.type}.name` → `entity.user.name`). Not for detection paths.
 * - With `unwrap`, paths read the record held in that field (CloudTrail lookup-events'
 *   `CloudTrailEvent` JSON text) instead of the outer record; `raw` keeps the outer record.
 *
 * Several packs may share one vendor id when the vendor writes different logs (Entra audit and
 * sign-in logs, Duo admin and authentication logs): each has its own label, and so its own source.
 */

export const VENDORS = [
  'yepcode',
  'ubiops',
  'jiffy',
  'epilot',
  'squadcast',
  'cloudtrail',
  'm365',
  'okta',
  'github',
  'gworkspace',
  'gcp',
  'azure',
  'k8s',
  'entra',
  'salesforce',
  'atlassian',
  'gitlab',
  'duo',
  'cloudflare',
  'jumpcloud',
  'auth0',
  'zoom',
  'onepassword',
  'openai',
  'slack',
  'generic',
] as const;
export type VendorId = (typeof VENDORS)[number];

export const ACTOR_TYPES = [
  'user',
  'service',
  'api',
  'automation',
  'scheduler',
  'webhook',
  'system',
  'unknown',
] as const;
export const ACTION_CLASSES = [
  'create',
  'read',
  'update',
  'delete',
  'execute',
  'login',
  'logout',
  'permission',
  'config',
  'other',
] as const;
export const OUTCOMES = ['success', 'failure', 'unknown'] as const;

/** The event columns a pack may fill. `time` fills event_time, time_raw and time_assumed_tz. */
export const MAPPED_FIELDS = [
  'time',
  'actor',
  'actor_id',
  'actor_type',
  'src_ip',
  'user_agent',
  'action',
  'action_class',
  'service',
  'target_type',
  'target_id',
  'target_name',
  'outcome',
  'description',
  'tenant',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Post-processing applied to an extracted string, in this order: transform, regex, map, default. */
export interface ValueOps {
  /**
   * `ip`: strip a port (`1.2.3.4:443`, `[::1]:443`) and reject values that are not IP addresses
   * (CloudTrail puts service names in sourceIPAddress).
   * `lower` / `upper` / `trim`: as named.
   * `basename`: the last segment after `/` or `:` (an ARN's resource name).
   * `outcome`: success / failure / unknown from words in any letter case (Succeeded, DENY, Audit
   * Failure), booleans, HTTP status codes (2xx success, 4xx/5xx failure) and result codes (0 success,
   * any other integer failure).
   */
  transform?: 'ip' | 'lower' | 'upper' | 'trim' | 'basename' | 'outcome';
  /** RE2 pattern; the first capture group (or the whole match) replaces the value; no match → null. */
  regex?: string;
  /** Case-insensitive lookup on the value; `"*"` is the fallback for values not listed. */
  map?: Record<string, string>;
  /** Used when the result is null or empty. */
  default?: string;
}

export type FieldSpec =
  /** One path, or the first non-empty of several paths. */
  | string
  | string[]
  | (ValueOps & {
      /** The first non-empty of these paths. */
      path?: string | string[];
      /** A constant value (e.g. `actor_type: user`). */
      const?: string;
      /** Value pieces joined: strings in `{}` are paths, the rest literal: `"{eventSource}:{eventName}"`. */
      template?: string;
      /** Present-test: if the path (or any of the paths) holds a non-empty value → `then`, else → `else`. */
      ifPresent?: string | string[];
      then?: string;
      else?: string;
    });

/** How `changes` ({field, old, new} entries) are found in a record. Several specs concatenate. */
export type ChangeSpec =
  /** An array of entries holding name/old/new (M365 ModifiedProperties: Name/OldValue/NewValue). */
  | { kind: 'list'; path: string; field: string; old?: string; new?: string; skipFields?: string[] }
  /** An array (or object) of items each with a `from` object and a `to` object keyed by field (Okta changeDetails). */
  | { kind: 'fromTo'; path: string; from: string; to: string }
  /** Keys named `<prefix><field>` hold the old value of `<field>` (GitHub `old_name`, `previous_visibility`). */
  | { kind: 'prefixed'; prefixes: string[]; under?: string }
  /** Free text with RE2 capture groups (field, old, new), every match (UbiOps "x changed from 'a' to 'b'"). */
  | { kind: 'text'; path: string; pattern: string }
  /** An object whose keys are new values only (epilot's `detail` request body); old comes from history. */
  | { kind: 'newOnly'; path: string; skipFields?: string[] }
  /**
   * One field with explicit old and new paths (YepCode source code before/after). The field is
   * named by `field`, or read from `fieldPath` (the first non-empty of its paths: GitLab
   * `details.change`, else the event name), falling back to `field`. With `ifText`, only where
   * those values are strings (source code), not objects of attributes.
   */
  | { kind: 'pair'; field?: string; fieldPath?: string | string[]; old: string; new: string; ifText?: boolean };

export interface DetectRule {
  /** Every path must be present in a sampled record. */
  all: string[];
  /** At least one of these paths must be present (when given). */
  any?: string[];
  /** A path whose string value must match this RE2/JS-compatible pattern (both engines run it). */
  match?: { path: string; pattern: string }[];
}

export interface DetectSpec extends DetectRule {
  /** Formats this pack reads; detection skips it for others. */
  formats: Array<'json' | 'csv'>;
  /**
   * Other shapes of the same records (Entra audit logs from Graph, a storage account or a Log
   * Analytics export): a record the main rule does not recognise is recognised if one of these does.
   */
  or?: DetectRule[];
}

export interface MappingPack {
  id: VendorId;
  version: number;
  label: string;
  detect: DetectSpec;
  /** Higher wins when several packs match the same sample; ties go to more `all` paths. */
  priority?: number;
  /** Fields that hold JSON text (see the paths note above). */
  embeddedJson?: string[];
  /**
   * Top-level fields that may hold the whole record, as JSON text or as an object (CloudTrail
   * lookup-events `CloudTrailEvent`): the first that holds an object is what every path, detection
   * included, reads; a record without one is read as it is. `raw` keeps the outer record.
   */
  unwrap?: string[];
  /** A path to an array; each element becomes one event (Workspace `events`). */
  explode?: string;
  /** Paths forming the vendor's own event id; absent → content hash with occurrence number. */
  eventId?: string[];
  fields: Partial<Record<MappedField, FieldSpec>>;
  changes?: ChangeSpec[];
  /**
   * The zone of offset-less times when the vendor documents one (M365 AuditData.CreationTime is
   * UTC); it overrides the batch's assumed zone and is recorded in time_assumed_tz like it.
   */
  tz?: string;
  /** What the pack reads and why, for people editing it. */
  notes?: string;
  /** For a detected mapping: what was chosen for each column and on what evidence. */
  choices?: MappingChoice[];
}
