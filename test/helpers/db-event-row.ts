import type { EventRow } from '../../preload/api.ts';

/** An `events` row as DuckDB returns it to tests: times as Date, changes as JSON text. */
export type DbEventRow = Omit<EventRow, 'event_time' | 'changes' | 'batch_id' | 'source_id'> & {
  event_time: Date | null;
  changes: string | null;
};
