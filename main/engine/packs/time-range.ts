import { num, type Db } from '../db.ts';

/**
 * The plausible range for an audit event's time. A vendor's `infinity`, a year 290000 or a
 * mis-scaled epoch is not a time anyone acted at; kept as event_time it would also put values
 * into the case that JavaScript cannot hold. Outside the range the event keeps `time_raw`, gets
 * event_time NULL, and the reason is listed in `rejects` (docs/case-file.md).
 */
export const PLAUSIBLE_FROM = '1970-01-01T00:00:00Z';
export const PLAUSIBLE_TO = '2200-01-01T00:00:00Z';

const FROM_SQL = `TIMESTAMPTZ '1970-01-01 00:00:00+00'`;
const TO_SQL = `TIMESTAMPTZ '2200-01-01 00:00:00+00'`;

/** Kept beside the mapping macros, in the connection's temp schema. */
export const TIME_RANGE_MACROS = `
CREATE OR REPLACE TEMP MACRO al_plausible_time(t) AS (CASE WHEN t >= ${FROM_SQL} AND t < ${TO_SQL} THEN t END);
`;

export async function installTimeRangeMacros(db: Db): Promise<void> {
  await db.run(TIME_RANGE_MACROS);
}

/**
 * Lists, for one batch, the events whose time parsed but fell outside the plausible range (at
 * most `room` of them; the rest are counted). The parse is repeated from what the event keeps
 * (time_raw and the zone it was read in), so the mapping itself carries no extra column.
 */
export async function listImplausibleTimes(db: Db, batchId: number, room: number): Promise<number> {
  const where = `batch_id = $b AND event_time IS NULL AND time_raw IS NOT NULL
       AND al_time_of(time_raw, al_time_kind(time_raw), coalesce(time_assumed_tz, 'UTC')) IS NOT NULL`;
  const total = num(await db.value(`SELECT count(*) FROM events WHERE ${where}`, { b: batchId }));
  if (total === 0 || room <= 0) return total;
  const reason = `'time ' || left(time_raw, 200) || ' is outside the plausible range ${PLAUSIBLE_FROM.slice(0, 10)} to ${PLAUSIBLE_TO.slice(0, 10)}; the event is kept with no event_time'`;
  await db.run(
    `INSERT INTO rejects (batch_id, locator, reason, excerpt)
     SELECT batch_id, locator, ${reason}, left(time_raw, 4096) FROM events WHERE ${where} ORDER BY rowid LIMIT ${Math.floor(room)}`,
    { b: batchId },
  );
  return total;
}
