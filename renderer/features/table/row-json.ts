import type { EventRow } from '../../../preload/api.ts';
import { tryParseJson } from '../detail/json-tree.ts';

/**
 * "Copy row": the event as pretty JSON, with the raw record embedded as the JSON it is (verbatim,
 * so big numbers and key order survive) rather than as an escaped string. Raw text that is not
 * JSON (it always is today, but the case file is a contract others write to) stays a string.
 */
export function rowToJson(row: EventRow): string {
  const { raw, ...fields } = row;
  const head = JSON.stringify(fields, null, 2);
  const rawText = tryParseJson(raw) ? raw.trim() : JSON.stringify(raw);
  return `${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "raw": ${rawText}\n}`;
}
