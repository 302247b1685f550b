import type { EventRow } from '../../../preload/api.ts';
import { formatTime, type DisplayZone } from '../../app/format.ts';
import type { DiffSide } from '../../app/investigate-tabs.ts';

/** Internal numbers that differ between any two events and say nothing about them. */
const LEFT_OUT = new Set(['event_id', 'batch_id', 'source_id', 'raw', 'changes']);

/**
 * One event as a side of a comparison: its normalized fields, each changed value and its raw
 * record (JSON compared with sorted keys, so only values that differ show up).
 */
export function eventSide(row: EventRow, zone: DisplayZone): DiffSide {
  const fields = Object.fromEntries(Object.entries(row).filter(([k]) => !LEFT_OUT.has(k)));
  // Each changed value its own section, so code compares as code rather than as one escaped JSON
  // string; the numbers keep "before" ahead of "after" in the sorted section order.
  const changes: Record<string, unknown> = {};
  for (const c of row.changes ?? []) {
    changes[`change: ${c.field} · 1 before`] = c.old;
    changes[`change: ${c.field} · 2 after`] = c.new;
  }
  return {
    label: [formatTime(row.event_time, zone) || 'no time', row.vendor, row.action ?? ''].filter(Boolean).join(' · '),
    value: { fields, ...changes, raw: row.raw },
    short: `${row.vendor} ${formatTime(row.event_time, zone).slice(11, 19) || 'no time'}`,
    eventId: row.event_id,
  };
}
