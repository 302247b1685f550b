import type { PullProgress } from '../../preload/api.ts';
import { Case } from '../../main/engine/case/case.ts';
import type { HttpOptions } from '../../main/engine/collect/http/client.ts';

/**
 * HTTP options for tests: waits are recorded and return at once (a 429 asking for minutes costs
 * nothing), backoff is tiny, and no proxy variable of the machine leaks in.
 */
export function instantHttp(waits: number[] = []): Partial<HttpOptions> & { env: Record<string, string | undefined> } {
  return {
    env: {},
    backoffBaseMs: 1,
    backoffMaxMs: 4,
    timeoutMs: 10_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  };
}

export async function eventIds(c: Case): Promise<string[]> {
  const rows = await c.db.all<{ id: string }>('SELECT event_id AS id FROM events ORDER BY event_id');
  return rows.map((r) => r.id);
}

/** The vendor ids of the events in the case, sorted. */
export async function vendorIds(c: Case, jsonPath: string): Promise<string[]> {
  const rows = await c.db.all<{ v: string }>(`SELECT json_extract_string(raw, '${jsonPath}') AS v FROM events ORDER BY v`);
  return rows.map((r) => r.v);
}

export function progressLog(): { log: PullProgress[]; on: (p: PullProgress) => void } {
  const log: PullProgress[] = [];
  return { log, on: (p) => log.push(p) };
}

/** Every table.column of a case whose text (or blob, as UTF-8) holds the needle. */
export async function cellsContaining(path: string, needle: string, open?: Case): Promise<string[]> {
  const c = open ?? (await Case.open(path));
  try {
    const cols = await c.db.all<{ t: string; c: string; ty: string }>(
      "SELECT table_name AS t, column_name AS c, data_type AS ty FROM information_schema.columns WHERE table_schema = 'main'",
    );
    const hits: string[] = [];
    for (const col of cols) {
      const expr = col.ty === 'BLOB' ? `decode("${col.c}")` : `CAST("${col.c}" AS VARCHAR)`;
      const n = await c.db.value(`SELECT count(*) FROM "${col.t}" WHERE contains(${expr}, $n)`, { n: needle });
      if (Number(n) > 0) hits.push(`${col.t}.${col.c}`);
    }
    return hits;
  } finally {
    if (!open) c.close();
  }
}
