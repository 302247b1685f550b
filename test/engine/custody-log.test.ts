import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callApi } from '../../main/api-dispatch.ts';
import { createEngine } from '../../main/engine/api.ts';
import { API_METHOD_NAMES, type ApiMethod, type Result } from '../../preload/api.ts';
import { useTempDir } from '../helpers/temp-case.ts';

/**
 * custody_log is append-only: no API method edits or removes an entry, and no SQL anywhere in the
 * app could. Checked from both ends: every method of the contract is called (with ordinary and
 * hostile arguments) and the log before each call must still be there, unchanged, after it; and
 * the source is searched for any statement that would change or drop the table.
 */

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

type Snapshot = { id: unknown; at: unknown; action: unknown; actor: unknown; details: unknown }[];

describe('custody log', () => {
  const t = useTempDir();

  it('has no statement in the app that updates, deletes, truncates, alters or drops it', () => {
    const bad = /\b(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?|ALTER\s+TABLE|DROP\s+TABLE(\s+IF\s+EXISTS)?|INSERT\s+OR\s+REPLACE\s+INTO|COPY)\s+(main\.)?"?custody_log\b/i;
    const hits = [...sources(join(ROOT, 'main')), ...sources(join(ROOT, 'preload'))].filter((f) => bad.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('keeps every entry unchanged through every API method', { timeout: 240_000 }, async () => {
    const dir = t.dir();
    const casePath = join(dir, 'case.duckdb');
    const e = await createEngine({ casePath, create: true, dataDir: join(dir, 'home') });
    const file = t.file('e.ndjson', [1, 2, 3].map((i) => JSON.stringify({ id: `e${i}`, time: `2025-01-0${i}T00:00:00Z`, user: 'u', action: 'login' })).join('\n'));
    await e.importFiles({ paths: [file] });
    const page = await e.getEvents({});
    const id = page.ok ? (page.value.rows[0]?.event_id ?? '') : '';
    await e.setBookmark({ eventId: id, on: true });

    const hostile = ["'); DELETE FROM custody_log; --", { filter: "1=1); DELETE FROM custody_log; --" }];
    // Every method with arguments that reach its real work, then hostile ones. Case switching comes last.
    const calls: Record<ApiMethod, unknown[][]> = {
      caseInfo: [[]],
      recentCases: [[]],
      importFiles: [[{ paths: [file] }], [{ paths: ['/no/such/file'] }]],
      cancelImport: [['none']],
      listSources: [[]],
      listBatches: [[]],
      listRejects: [[{}]],
      getEvents: [[{ filter: "actor = 'u'" }], [hostile[1]]],
      countEvents: [[{}], [hostile[1]]],
      checkFilter: [["action = 'login'"], [hostile[0]]],
      getEvent: [[id], [hostile[0]]],
      getHistogram: [[{}]],
      getFacets: [[{}]],
      suggestValues: [[{ column: 'actor' }]],
      getSession: [['k']],
      setSession: [[{ key: 'k', value: 1 }], [{ key: 'custody_log', value: hostile[0] }]],
      listViews: [[]],
      saveView: [[{ name: 'v', view: { filter: '', chips: [], search: '', timeRange: {}, zone: 'UTC', columns: null, sort: null } }], [{ name: hostile[0], view: hostile[1] }]],
      renameView: [[{ id: 1, name: 'w' }]],
      deleteView: [[{ id: 1 }], [{ id: 1 }]],
      locateEvent: [[{ eventId: id }], [{ eventId: hostile[0] }]],
      getTimeline: [[{ entity: { kind: 'actor', value: 'u' } }]],
      getContext: [[{ eventId: id }]],
      getHistory: [[{ target: { id: 'x' } }]],
      getAnnotations: [[{ eventIds: [id] }]],
      setBookmark: [[{ eventId: id, on: false }], [{ eventId: id, on: true }]],
      addTag: [[{ eventId: id, tag: 'x' }], [{ eventId: id, tag: hostile[0] }]],
      removeTag: [[{ eventId: id, tag: 'x' }]],
      setNote: [[{ eventId: id, text: 'n' }], [{ eventId: id, text: hostile[0] }]],
      listTags: [[]],
      setTagColor: [[{ tag: 'x', color: 'blue' }]],
      bulkTag: [[{ scope: {}, tag: 'all' }], [{ scope: hostile[1], tag: 'y' }]],
      listAnnotated: [[{}]],
      getAuthor: [[]],
      setAuthor: [['someone']],
      listCustody: [[{}], [{ text: hostile[0] }]],
      saveCaseAs: [[join(dir, 'copy.duckdb')], [join(dir, 'no-such-folder', 'x.duckdb')]],
      collectors: [[]],
      startPull: [[{ vendor: 'okta', from: '2025-01-01' }], [{ vendor: hostile[0], from: hostile[0] }]],
      resumePull: [[{ pullId: 999 }]],
      cancelPull: [['none']],
      listPulls: [[]],
      coverage: [[]],
      verifyCase: [[]],
      exportEvents: [[{ scope: {}, format: 'csv', path: join(dir, 'out.csv') }], [{ scope: hostile[1], format: 'parquet', path: join(dir, 'x.parquet') }], [{ scope: {}, format: 'csv', path: join(dir, String(hostile[0])) }], [{ scope: {}, format: 'csv', path: 'relative.csv' }]],
      cancelExport: [['none']],
      suggestExportPath: [[{ format: 'dataset' }]],
      writeReport: [[{ path: join(dir, 'report.html') }], [{ path: join(dir, 'r2.html'), title: hostile[0] }]],
      getMapping: [[{ sourceId: 1 }], [{ sourceId: hostile[0] }]],
      previewMapping: [[{ sourceId: 1, mapping: { fields: { actor: 'user' }, changes: [] } }], [{ sourceId: 1, mapping: { fields: { actor: hostile[0] }, changes: [] } }]],
      applyMapping: [[{ sourceId: 1, mapping: { fields: { actor: 'user', action: 'action' }, changes: [] } }], [{ sourceId: 1, mapping: { fields: { actor: { path: 'user', regex: hostile[0] } }, changes: [] } }]],
      cancelRemap: [['none']],
      mappingPackFile: [[{ sourceId: 1 }]],
      openDemoCase: [[]],
      closeCase: [[]],
      openCase: [[casePath]],
      createCase: [[join(dir, 'other.duckdb')]],
    };
    expect(Object.keys(calls).sort()).toEqual([...API_METHOD_NAMES].sort());

    const snapshot = async (): Promise<Snapshot> => {
      const db = e.current?.reader;
      if (!db || e.current?.path !== casePath) return [];
      return db.all('SELECT id, "at", action, actor, CAST(details AS VARCHAR) AS details FROM custody_log ORDER BY id');
    };
    let before = await snapshot();
    expect(before.length).toBeGreaterThan(2);
    for (const [method, argLists] of Object.entries(calls) as [ApiMethod, unknown[][]][]) {
      for (const args of argLists) {
        const r: Result<unknown> = await callApi(e, method, args);
        expect(r, `${method} answers with a Result`).toHaveProperty('ok');
        if (e.current?.path !== casePath) await e.openCase(casePath);
        const after = await snapshot();
        expect(after.slice(0, before.length), `${method}(${JSON.stringify(args)}) left the log as it was`).toEqual(before);
        before = after;
      }
    }
    await e.dispose();
  });
});
