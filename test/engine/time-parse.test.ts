import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-case.ts';

/** The time macros every pack's mapping uses, run on a real case connection. */
describe('time parsing', () => {
  const t = useTempDir();

  async function parse(raw: string, tz = 'UTC'): Promise<{ iso: string | null; naive: boolean }> {
    const c = await t.openCase();
    const r = await c.db.one<{ ts: Date | null; naive: boolean }>(
      'SELECT al_time_of($s, al_time_kind($s), $tz) AS ts, al_time_is_naive(al_time_kind($s)) AS naive',
      { s: raw, tz },
    );
    return { iso: r?.ts ? r.ts.toISOString() : null, naive: Boolean(r?.naive) };
  }

  const cases: [string, string, string | null, boolean][] = [
    ['ISO with Z', '2025-03-08T10:11:12.123Z', '2025-03-08T10:11:12.123Z', false],
    ['ISO with offset', '2025-03-08T10:11:12+02:00', '2025-03-08T08:11:12.000Z', false],
    ['ISO with compact offset', '2025-03-08T10:11:12-0500', '2025-03-08T15:11:12.000Z', false],
    ['ISO without offset, UTC assumed', '2025-03-08T10:11:12', '2025-03-08T10:11:12.000Z', true],
    ['space-separated without offset', '2025-03-08 10:11:12', '2025-03-08T10:11:12.000Z', true],
    ['epoch seconds', '1741428672', '2025-03-08T10:11:12.000Z', false],
    ['epoch seconds with fraction', '1741428672.5', '2025-03-08T10:11:12.500Z', false],
    ['epoch milliseconds', '1741428672123', '2025-03-08T10:11:12.123Z', false],
    ['epoch microseconds', '1741428672123456', '2025-03-08T10:11:12.123Z', false],
    ['epoch nanoseconds', '1741428672123456789', '2025-03-08T10:11:12.123Z', false],
    ['US style with AM/PM', '9/20/2023 4:05:03 AM', '2023-09-20T04:05:03.000Z', true],
    ['US style with PM', '9/20/2023 4:05:03 PM', '2023-09-20T16:05:03.000Z', true],
    ['Log Analytics CSV export', '2/25/2025, 9:19:25.391 PM', '2025-02-25T21:19:25.391Z', true],
    ['Log Analytics CSV export without fraction', '2/25/2025, 9:19:25 AM', '2025-02-25T09:19:25.000Z', true],
    ['Kibana', 'Mar 8, 2023 @ 10:11:12.123', '2023-03-08T10:11:12.123Z', true],
    ['RFC 1123', 'Sat, 08 Mar 2025 10:11:12 GMT', '2025-03-08T10:11:12.000Z', false],
    ['ISO with +0000 (Salesforce)', '2025-03-08T10:11:12.000+0000', '2025-03-08T10:11:12.000Z', false],
    ['ISO with +00', '2025-03-08 10:11:12.123+00', '2025-03-08T10:11:12.123Z', false],
    ['a space before the offset (Snowflake)', '2025-03-08 02:11:12.123 -0800', '2025-03-08T10:11:12.123Z', false],
    ['seven fraction digits (.NET)', '2025-03-08T10:11:12.1234567Z', '2025-03-08T10:11:12.123Z', false],
    ['UTC suffix', '2025-03-08 10:11:12 UTC', '2025-03-08T10:11:12.000Z', false],
    ['RFC 2822 with numeric offset', 'Sat, 08 Mar 2025 11:11:12 +0100', '2025-03-08T10:11:12.000Z', false],
    ['RFC 2822 without weekday', '8 Mar 2025 05:11:12 -0500', '2025-03-08T10:11:12.000Z', false],
    ['Java Date.toString', 'Sat Mar 08 10:11:12 UTC 2025', '2025-03-08T10:11:12.000Z', false],
    ['.NET /Date(ms)/', '/Date(1741428672123)/', '2025-03-08T10:11:12.123Z', false],
    ['epoch milliseconds as a JSON float', '1741428672123.0', '2025-03-08T10:11:12.123Z', false],
    ['US style with milliseconds, 24-hour', '03/08/2025 10:11:12.123', '2025-03-08T10:11:12.123Z', true],
    ['month name, 12-hour', 'Mar 8, 2025 10:11:12 AM', '2025-03-08T10:11:12.000Z', true],
    ['Log Analytics portal CSV', '5/14/2024, 7:58:03.512 AM', '2024-05-14T07:58:03.512Z', true],
    ['compact yyyyMMddHHmmss.SSS (Salesforce event log files)', '20250308101112.123', '2025-03-08T10:11:12.123Z', true],
    ['garbage', 'yesterday-ish', null, true],
    ['empty', '', null, false],
  ];
  for (const [name, raw, iso, naive] of cases) {
    it(`reads ${name}`, async () => {
      expect(await parse(raw)).toEqual({ iso, naive });
    });
  }

  it('reads offset-less times in the assumed zone, DST included', async () => {
    expect((await parse('2025-07-01T12:00:00', 'Europe/Berlin')).iso).toBe('2025-07-01T10:00:00.000Z');
    expect((await parse('2025-01-15T12:00:00', 'Europe/Berlin')).iso).toBe('2025-01-15T11:00:00.000Z');
    expect((await parse('9/20/2023 4:05:03 AM', 'America/New_York')).iso).toBe('2023-09-20T08:05:03.000Z');
  });

  it('ignores the assumed zone when the time carries an offset', async () => {
    expect((await parse('2025-07-01T12:00:00Z', 'Asia/Tokyo')).iso).toBe('2025-07-01T12:00:00.000Z');
  });
});
