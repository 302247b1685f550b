import { describe, expect, it } from 'vitest';
import { timeKind } from '../../main/engine/packs/time-shape.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/** Detection's time shapes (JS) and the mapping's time macros (SQL) must agree. */
describe('time shapes', () => {
  const t = useTempDir();
  const values = [
    '2025-03-08T10:11:12.123Z', '2025-03-08T10:11:12+02:00', '2025-03-08T10:11:12.000+0000', '2025-03-08 02:11:12.123 -0800',
    '2025-03-08T10:11:12', '2025-03-08 10:11:12', '2025-03-08', '1741428672', '1741428672.5', '1741428672123', '1741428672123456',
    '1741428672123456789', '20250308101112.123', '/Date(1741428672123)/', '9/20/2023 4:05:03 AM', '5/14/2024, 7:58:03.512 AM',
    'Mar 8, 2023 @ 10:11:12.123', 'Sat, 08 Mar 2025 10:11:12 GMT', '8 Mar 2025 05:11:12 -0500', 'Sat Mar 08 10:11:12 UTC 2025',
    '2025-03-08 10:11:12 UTC', '08-Mar-2025 10:11:12', '2025/03/08 10:11:12',
  ];

  it('reads every value detection calls a time, as the same kind', async () => {
    const c = await t.openCase();
    for (const v of values) {
      const js = timeKind(v);
      const r = await c.db.one<{ kind: string; ts: Date | null }>("SELECT al_time_kind($s) AS kind, al_time_of($s, al_time_kind($s), 'UTC') AS ts", { s: v });
      expect({ v, js, parsed: r?.ts instanceof Date }).toEqual({ v, js: expect.any(String), parsed: true });
      expect({ v, kind: r?.kind }).toEqual({ v, kind: js });
    }
  });

  it('calls ids, counts and implausible epochs no time', () => {
    for (const v of ['12345', '99999999999999999', 'INFO', '4624', '0', 'abc 2025', 12]) expect({ v, k: timeKind(v) }).toEqual({ v, k: null });
  });
});
