import type { Db } from '../db.ts';
import { readPath } from '../packs/paths.ts';
import { unwrapped } from '../packs/registry.ts';
import type { FieldSpec, MappedField, MappingPack } from '../packs/types.ts';

/**
 * A generic source has no vendor pack to recognise its files by, so a mapping stored for it
 * carries its own rule: the paths it reads for the main columns that (nearly) every record of the
 * source holds. A later file is mapped with it only when most of its sampled records hold them too.
 */

const ORDER: MappedField[] = ['time', 'actor', 'action', 'target_name', 'target_id', 'target_type', 'src_ip', 'outcome'];
const MAX_RULE_PATHS = 4;
const SAMPLE = 200;

function firstPath(spec: FieldSpec | undefined): string | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === 'string') return spec;
  if (Array.isArray(spec)) return spec.length === 1 ? spec[0] : undefined;
  if (typeof spec.path === 'string') return spec.path;
  if (Array.isArray(spec.path) && spec.path.length === 1) return spec.path[0];
  return undefined;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Sampled records of a source's events, parsed. */
export async function sourceSamples(db: Db, sourceId: number): Promise<unknown[]> {
  const rows = await db.all<{ raw: string }>(`SELECT raw FROM events WHERE source_id = $s ORDER BY hash(event_id) LIMIT ${SAMPLE}`, { s: sourceId });
  return parsed(rows);
}

/** Sampled records of the file being imported (`al_stage`), parsed. */
export async function stagedSamples(db: Db): Promise<unknown[]> {
  return parsed(await db.all<{ raw: string }>(`SELECT raw FROM al_stage ORDER BY rn LIMIT ${SAMPLE}`));
}

/** Records as the mapping reads them: one held as a JSON string (double-encoded) is read through it. */
function parsed(rows: { raw: string }[]): unknown[] {
  const parse = (s: string): unknown => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return undefined;
    }
  };
  return rows.flatMap((r) => {
    const v = parse(r.raw);
    if (v === undefined) return [];
    return [typeof v === 'string' ? (parse(v) ?? v) : v];
  });
}

/** A generic mapping with its detection rule from these records; other packs as they are. */
export function withDetectRule(pack: MappingPack, records: unknown[]): MappingPack {
  if (pack.id !== 'generic') return pack;
  const samples = records.map((r) => unwrapped(pack, r));
  const emb = pack.embeddedJson ?? [];
  const all: string[] = [];
  for (const f of ORDER) {
    const p = firstPath(pack.fields[f]);
    if (!p || p.startsWith('@') || p.includes('{') || all.includes(p)) continue;
    const hits = samples.filter((s) => present(readPath(s, p, emb))).length;
    if (samples.length && hits >= samples.length * 0.9) all.push(p);
    if (all.length === MAX_RULE_PATHS) break;
  }
  return { ...pack, detect: { ...pack.detect, all } };
}
