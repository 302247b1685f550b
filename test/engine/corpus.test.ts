import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-case.ts';
import { completeShare, corpusSources, figuresTable, measureCorpus } from './corpus-measure.ts';

/**
 * The corpus (test/fixtures/corpus: exports of ~50 cloud, identity and SaaS sources written from
 * each vendor's documented format, plus the real samples in ../shared/datasets when present):
 * the share of events with event_time, actor and action, per source, with vendor packs and with
 * the generic pack forced. The tables are printed for the record (test/fixtures/README.md).
 */
/** Some 55 files, one transaction each: minutes on a loaded 2-core machine. */
const IMPORT_ALL = 600_000;

describe('corpus of exports', () => {
  const t = useTempDir();

  it('holds about forty sources', () => {
    expect(corpusSources().size).toBeGreaterThanOrEqual(40);
  });

  it('maps >= 99% of events with time, actor and action, every file read without rejects', async () => {
    const r = await measureCorpus(await t.openCase(), false);
    process.stdout.write(`\n${figuresTable('with packs', r.figures)}\n`);
    expect(r.errors).toEqual([]);
    expect(r.rejects).toBe(0);
    expect(r.figures.every((f) => f.time === f.events)).toBe(true);
    expect(completeShare(r.figures)).toBeGreaterThanOrEqual(0.99);
  }, IMPORT_ALL);

  it('maps >= 98% with the generic pack alone (--vendor generic), so quality without packs is known', async () => {
    const r = await measureCorpus(await t.openCase(), true);
    process.stdout.write(`\n${figuresTable('generic only', r.figures)}\n`);
    expect(r.errors).toEqual([]);
    expect(r.figures.every((f) => f.time === f.events)).toBe(true);
    expect(completeShare(r.figures)).toBeGreaterThanOrEqual(0.98);
  }, IMPORT_ALL);
});
