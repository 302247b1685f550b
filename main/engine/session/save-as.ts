import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Case } from '../case/case.ts';
import { appendCustody } from '../custody/append.ts';
import { sqlIdent, sqlString } from '../db.ts';
import { EngineError } from '../errors.ts';
import { checkNewFile } from '../output-file.ts';

/**
 * Copies the open case, everything in it (events, annotations, views, session, custody log), to a
 * new file through DuckDB's COPY FROM DATABASE, written beside the target and renamed into place
 * when complete, so a failure leaves no half case. Both cases log the copy.
 */
export async function copyCase(c: Case, path: unknown, author: string): Promise<string> {
  const target = await checkNewFile(path, 'Save case as');
  if (resolve(c.path) === target) throw new EngineError('refused', 'Save case as: that is the open case');
  const partial = `${target}.partial-${process.pid}`;
  const alias = `al_copy_${process.pid}`;
  try {
    // A read-only case cannot log the copy in itself; the copy logs where it came from.
    if (!c.readOnly) {
      await c.write(async (db) => {
        await appendCustody(db, 'case-saved-as', { to: target }, author);
      });
    }
    await c.copyOut(
      async (db) => {
        const name = await db.value<string>('SELECT current_database()');
        await db.run(`ATTACH ${sqlString(partial)} AS ${sqlIdent(alias)} (READ_WRITE)`);
        try {
          await db.run(`COPY FROM DATABASE ${sqlIdent(name ?? 'main')} TO ${sqlIdent(alias)}`);
        } finally {
          await db.run(`DETACH ${sqlIdent(alias)}`);
        }
      },
    );
    await rename(partial, target);
  } catch (e) {
    await rm(partial, { force: true });
    await rm(`${partial}.wal`, { force: true });
    if (e instanceof EngineError) throw e;
    throw new EngineError('refused', `Save case as: the copy could not be written to ${target}: ${(e as Error).message.split('\n')[0]}`, { file: target });
  }
  return target;
}
