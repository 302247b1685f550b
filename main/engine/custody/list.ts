import { listValue } from '@duckdb/node-api';
import type { CustodyEntry, CustodyPage, CustodyQuery } from '../../../preload/api.ts';
import { num, type Db } from '../db.ts';
import { EngineError } from '../errors.ts';

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

function parse(v: unknown): unknown {
  try {
    return JSON.parse(String(v));
  } catch {
    return String(v);
  }
}

/** A page of the custody log, filtered by action and text; read-only by construction (SELECT only). */
export async function listCustody(db: Db, q: CustodyQuery): Promise<CustodyPage> {
  if (q.actions !== undefined && (!Array.isArray(q.actions) || q.actions.some((a) => typeof a !== 'string'))) {
    throw new EngineError('bad-input', 'actions must be a list of action names');
  }
  if (q.text !== undefined && typeof q.text !== 'string') throw new EngineError('bad-input', 'text must be a string');
  const limit = Math.max(1, Math.min(Math.floor(Number(q.limit ?? 500)), 5000));
  const offset = Math.max(0, Math.floor(Number(q.offset ?? 0)));
  const actions = q.actions && q.actions.length > 0 ? q.actions : null;
  const text = q.text?.trim() ? q.text.trim().toLowerCase() : null;
  const params = { acts: actions ? listValue(actions) : null, txt: text };
  const where = `($acts IS NULL OR list_contains($acts, action))
    AND ($txt IS NULL OR contains(lower(action || ' ' || coalesce(actor, '') || ' ' || CAST(details AS VARCHAR)), $txt))`;
  const total = num(await db.value(`SELECT count(*) FROM custody_log WHERE ${where}`, params));
  const rows = await db.all<Record<string, unknown>>(
    `SELECT * FROM custody_log WHERE ${where} ORDER BY id ${q.newestFirst ? 'DESC' : 'ASC'} LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const counts = await db.all<{ action: string; n: bigint }>('SELECT action, count(*) AS n FROM custody_log GROUP BY action ORDER BY action');
  return {
    total,
    rows: rows.map(
      (r): CustodyEntry => ({
        id: num(r.id),
        at: iso(r.at),
        action: String(r.action),
        actor: r.actor == null ? null : String(r.actor),
        tool_version: String(r.tool_version),
        details: parse(r.details),
      }),
    ),
    actions: counts.map((c) => ({ action: c.action, count: num(c.n) })),
  };
}
