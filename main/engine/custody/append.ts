import type { Db } from '../db.ts';
import { TOOL_VERSION } from '../version.ts';

/**
 * The one way entries reach `custody_log` from this module's callers: an INSERT, never anything
 * else. Nothing in AuditLens updates or deletes a custody entry (test/engine/custody-log.test.ts
 * checks every API method and every SQL statement in the code base for it).
 */
export async function appendCustody(db: Db, action: string, details: Record<string, unknown>, actor: string | null = null): Promise<void> {
  await db.run('INSERT INTO custody_log (action, actor, tool_version, details) VALUES ($a, $who, $t, $d)', {
    a: action,
    who: actor,
    t: TOOL_VERSION,
    d: JSON.stringify(details),
  });
}
