import { listValue } from '@duckdb/node-api';
import type { AnnotatedEvent, AnnotatedQuery, AnnotationKind, BulkTagRequest, BulkTagResult } from '../../../preload/api.ts';
import type { Case } from '../case/case.ts';
import { appendCustody } from '../custody/append.ts';
import { num, type Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { toEventRow } from '../query/events.ts';
import { compileScope, runScoped } from '../query/scope.ts';
import { annotationsOf, emptyAnnotations, ensureTag, MAX_LOOKUP } from './store.ts';
import { checkNote, checkTag } from './validate.ts';

const KINDS: readonly AnnotationKind[] = ['bookmark', 'tag', 'note'];

/**
 * Tags every event of a scope in one INSERT … SELECT (100k events in well under a second), with
 * one custody entry naming the scope and the count. With `expected`, a scope that now matches a
 * different number of events than the investigator confirmed tags nothing.
 */
export async function bulkTag(c: Case, req: BulkTagRequest, author: string): Promise<BulkTagResult> {
  const wanted = checkTag(req.tag);
  const note = req.note === undefined ? '' : checkNote(req.note);
  if (typeof req.scope !== 'object' || req.scope === null) throw new EngineError('bad-input', 'bulkTag needs a scope');
  return c.write(async (db) => {
    const scope = await compileScope(db, req.scope);
    // One scan of the events: the matching ids go to a temp table the rest of the work reads.
    await runScoped(() => db.run(`CREATE OR REPLACE TEMP TABLE al_bulk AS SELECT DISTINCT event_id FROM events WHERE ${scope.where}`, scope.params));
    try {
      const total = num(await db.value('SELECT count(*) FROM al_bulk'));
      if (req.expected !== undefined && req.expected !== total) {
        throw new EngineError(
          'refused',
          `the filter now matches ${total.toLocaleString('en-US')} events, not the ${req.expected.toLocaleString('en-US')} confirmed; nothing was tagged. Check the count and confirm again.`,
        );
      }
      const tag = await ensureTag(db, wanted);
      const already = num(
        await db.value(`SELECT count(*) FROM al_bulk WHERE event_id IN (SELECT event_id FROM annotations WHERE kind = 'tag' AND value = $t)`, { t: tag }),
      );
      await db.run(
        `INSERT INTO annotations (event_id, kind, value, author)
         SELECT event_id, 'tag', $t, $a FROM al_bulk
         WHERE event_id NOT IN (SELECT event_id FROM annotations WHERE kind = 'tag' AND value = $t)`,
        { t: tag, a: author },
      );
      if (note !== '') {
        // An event with a note keeps it; the new text becomes its next paragraph.
        await db.run(
          `UPDATE annotations SET value = value || chr(10) || chr(10) || $n, author = $a, "at" = now()
           WHERE kind = 'note' AND event_id IN (SELECT event_id FROM al_bulk)`,
          { n: note, a: author },
        );
        await db.run(
          `INSERT INTO annotations (event_id, kind, value, author)
           SELECT event_id, 'note', $n, $a FROM al_bulk
           WHERE event_id NOT IN (SELECT event_id FROM annotations WHERE kind = 'note')`,
          { n: note, a: author },
        );
      }
      await appendCustody(
        db,
        'annotation-bulk',
        { op: 'tag-add', tag, scope: req.scope, matched: total, tagged: total - already, ...(note ? { note } : {}) },
        author,
      );
      return { tagged: total - already, already };
    } finally {
      await db.run('DROP TABLE IF EXISTS al_bulk');
    }
  });
}

function kindsOf(q: AnnotatedQuery): AnnotationKind[] {
  const kinds = q.kinds && q.kinds.length > 0 ? q.kinds : [...KINDS];
  for (const k of kinds) if (!KINDS.includes(k)) throw new EngineError('bad-input', `no annotation kind ${String(k)}`);
  return kinds;
}

/** Annotated events in time order (events without a time last), a page at a time. */
export async function listAnnotated(db: Db, q: AnnotatedQuery): Promise<{ total: number; rows: AnnotatedEvent[] }> {
  const kinds = kindsOf(q);
  const tag = q.tag === undefined ? null : checkTag(q.tag);
  const limit = Math.max(1, Math.min(Math.floor(q.limit ?? 200), MAX_LOOKUP));
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const params = { kinds: listValue(kinds), tag };
  const ids = `SELECT event_id FROM annotations WHERE list_contains($kinds, kind) AND ($tag IS NULL OR (kind = 'tag' AND lower(value) = lower($tag)))`;
  // Annotations are only ever made for events of the case, so they can be counted on their own.
  const total = num(await db.value(`SELECT count(DISTINCT event_id) FROM (${ids})`, params));
  const rows = await db.all(
    `SELECT * FROM events WHERE event_id IN (${ids}) ORDER BY event_time NULLS LAST, event_id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const events = rows.map(toEventRow);
  const annotations = await annotationsOf(db, events.map((e) => e.event_id));
  return { total, rows: events.map((event, i) => ({ event, annotations: annotations[i] ?? emptyAnnotations(event.event_id) })) };
}
