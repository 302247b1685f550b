import type { MappingProblem } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import { mappingSql } from '../packs/sql.ts';
import type { MappingPack } from '../packs/types.ts';
import { checkPack, type PatternRef } from './check-pack.ts';

/**
 * A user mapping, checked completely before it maps a single event: the pack schema
 * (check-pack.ts), every RE2 pattern compiled by DuckDB itself (bound as a parameter, never spliced
 * into SQL text), and the mapping's SQL compiled and run on an empty record, so what the editor
 * accepts is what the importer and remap can run.
 */

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n')[0] ?? msg).replace(/^[A-Za-z ]+ Error: /, '');
}

async function checkPatterns(db: Db, patterns: PatternRef[]): Promise<MappingProblem[]> {
  if (patterns.length === 0) return [];
  // One statement for all when they compile (the usual case); one each to name the one that does not.
  try {
    const params = Object.fromEntries(patterns.map((p, i) => [`p${i}`, p.pattern]));
    await db.value(`SELECT ${patterns.map((_, i) => `regexp_matches('', $p${i})`).join(' AND ')}`, params);
    if (patterns.every((p) => !p.js || jsCompiles(p.pattern))) return [];
  } catch {
    // Named one by one below.
  }
  const problems: MappingProblem[] = [];
  for (const p of patterns) {
    try {
      await db.value('SELECT regexp_matches($text, $pattern)', { text: '', pattern: p.pattern });
    } catch (e) {
      problems.push({ field: p.field, message: `not a valid RE2 pattern: ${firstLine(e)}` });
      continue;
    }
    if (p.js) {
      try {
        new RegExp(p.pattern);
      } catch (e) {
        problems.push({ field: p.field, message: `detection patterns must also be valid JavaScript patterns: ${firstLine(e)}` });
      }
    }
  }
  return problems;
}

function jsCompiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const PROBE = `(SELECT 1::BIGINT AS rn, '{}'::VARCHAR AS raw, 'probe'::VARCHAR AS loc)`;

async function runs(db: Db, pack: MappingPack): Promise<string | null> {
  try {
    const sql = mappingSql(pack, { source: PROBE, vendor: pack.id, tzExpr: `'UTC'` });
    await db.all(`SELECT * FROM (${sql})`);
    return null;
  } catch (e) {
    return firstLine(e);
  }
}

/** The mapping's SQL runs; where it does not, the column or extractor that breaks it is named. */
async function checkCompiles(db: Db, pack: MappingPack): Promise<MappingProblem[]> {
  const whole = await runs(db, pack);
  if (whole === null) return [];
  const bare: MappingPack = { ...pack, fields: {}, changes: [] };
  const problems: MappingProblem[] = [];
  for (const [k, spec] of Object.entries(pack.fields)) {
    const why = await runs(db, { ...bare, fields: { [k]: spec } });
    if (why) problems.push({ field: `fields.${k}`, message: why });
  }
  for (const [i, spec] of (pack.changes ?? []).entries()) {
    const why = await runs(db, { ...bare, changes: [spec] });
    if (why) problems.push({ field: `changes[${i}]`, message: why });
  }
  return problems.length ? problems : [{ field: '', message: whole }];
}

export interface Validated {
  pack?: MappingPack;
  problems: MappingProblem[];
}

/** The pack schema and its RE2 patterns: everything but compiling the mapping's SQL. */
export async function validateShape(db: Db, value: unknown): Promise<Validated> {
  const shape = checkPack(value);
  if (shape.problems.length) return { problems: shape.problems };
  const patterns = await checkPatterns(db, shape.patterns);
  return patterns.length ? { problems: patterns } : { pack: shape.pack as MappingPack, problems: [] };
}

export async function validateMapping(db: Db, value: unknown): Promise<Validated> {
  const v = await validateShape(db, value);
  if (!v.pack) return v;
  const compiled = await checkCompiles(db, v.pack);
  return compiled.length ? { problems: compiled } : v;
}

/** Where a checked pack's SQL breaks, by column or extractor (for a query that failed with it). */
export async function compileProblems(db: Db, pack: MappingPack): Promise<MappingProblem[]> {
  return checkCompiles(db, pack);
}

/** `where: field: message`, and how many more problems there are. */
export function describeProblems(where: string, problems: MappingProblem[]): string {
  const first = problems[0];
  if (!first) return where;
  const one = `${where}: ${first.field ? `${first.field}: ` : ''}${first.message}`;
  return problems.length > 1 ? `${one} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : one;
}

/** The mapping, or a bad-input error naming the first problem's field. */
export async function requireValid(db: Db, value: unknown, where: string): Promise<MappingPack> {
  const v = await validateMapping(db, value);
  if (!v.pack) throw new EngineError('bad-input', describeProblems(where, v.problems));
  return v.pack;
}
