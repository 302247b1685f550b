import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case } from '../../main/engine/case/case.ts';
import { num } from '../../main/engine/db.ts';
import { importPaths } from '../../main/engine/import/importer.ts';

/**
 * The corpus measurement: every source folder of test/fixtures/corpus (exports written from each
 * vendor's documented format) and of ../shared/datasets (real public samples), imported into one
 * case, with the share of events that came out with event_time, actor and action, per source.
 */

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
export const DATASETS_DIR = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

export interface SourceFigure {
  source: string;
  vendor: string;
  events: number;
  time: number;
  actor: number;
  action: number;
  /** Events with all three. */
  complete: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? filesUnder(p) : n.endsWith('.md') ? [] : [p];
    });
}

/** Source name → its files: one folder per source. */
export function corpusSources(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [root, prefix] of [[CORPUS_DIR, ''], [DATASETS_DIR, 'datasets/']] as const) {
    if (!existsSync(root)) continue;
    for (const d of readdirSync(root).sort()) {
      if (statSync(join(root, d)).isDirectory()) out.set(prefix + d, filesUnder(join(root, d)));
    }
  }
  return out;
}

function sourceOf(origin: string): string {
  for (const [root, prefix] of [[CORPUS_DIR, ''], [DATASETS_DIR, 'datasets/']] as const) {
    const rel = relative(root, origin);
    if (!rel.startsWith('..')) return prefix + (rel.split(sep)[0] ?? rel);
  }
  return origin;
}

/** Imports the corpus (every file, or with `vendor: 'generic'` forced) and measures it. */
export async function measureCorpus(c: Case, generic: boolean): Promise<{ figures: SourceFigure[]; errors: string[]; rejects: number }> {
  const files = [...corpusSources().values()].flat();
  const s = await importPaths(c, { paths: files, ...(generic ? { vendor: 'generic' as const } : {}) });
  const errors = s.batches.filter((b) => b.error).map((b) => `${b.file}: ${b.error?.message ?? ''}`);
  const rows = await c.db.all<Record<string, unknown>>(
    `SELECT b.origin, string_agg(DISTINCT e.vendor, ',') AS vendor, count(*) AS events,
       count(e.event_time) AS time, count(e.actor) AS actor, count(e.action) AS action,
       count(*) FILTER (WHERE e.event_time IS NOT NULL AND e.actor IS NOT NULL AND e.action IS NOT NULL) AS complete
     FROM events e JOIN batches b ON b.id = e.batch_id GROUP BY b.origin`,
  );
  const bySource = new Map<string, SourceFigure>();
  for (const r of rows) {
    const source = sourceOf(String(r.origin));
    const f = bySource.get(source) ?? { source, vendor: '', events: 0, time: 0, actor: 0, action: 0, complete: 0 };
    f.vendor = [...new Set([...f.vendor.split(',').filter(Boolean), ...String(r.vendor).split(',')])].join(',');
    f.events += num(r.events);
    f.time += num(r.time);
    f.actor += num(r.actor);
    f.action += num(r.action);
    f.complete += num(r.complete);
    bySource.set(source, f);
  }
  const rejects = s.batches.reduce((n, b) => n + b.rejects, 0);
  return { figures: [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source)), errors, rejects };
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

export function figuresTable(title: string, figures: SourceFigure[]): string {
  const total = figures.reduce(
    (t, f) => ({ events: t.events + f.events, complete: t.complete + f.complete, time: t.time + f.time, actor: t.actor + f.actor, action: t.action + f.action }),
    { events: 0, complete: 0, time: 0, actor: 0, action: 0 },
  );
  const lines = [
    `${title}: ${pct(total.complete, total.events)} of ${total.events} events with time, actor and action`,
    `| source | vendor | events | time | actor | action | all three |`,
    `|---|---|---|---|---|---|---|`,
    ...figures.map((f) => `| ${f.source} | ${f.vendor} | ${f.events} | ${pct(f.time, f.events)} | ${pct(f.actor, f.events)} | ${pct(f.action, f.events)} | ${pct(f.complete, f.events)} |`),
    `| **all** | | ${total.events} | ${pct(total.time, total.events)} | ${pct(total.actor, total.events)} | ${pct(total.action, total.events)} | ${pct(total.complete, total.events)} |`,
  ];
  return lines.join('\n');
}

export function completeShare(figures: SourceFigure[]): number {
  const events = figures.reduce((n, f) => n + f.events, 0);
  return events ? figures.reduce((n, f) => n + f.complete, 0) / events : 0;
}
