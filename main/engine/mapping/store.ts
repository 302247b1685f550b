import type { Db } from '../db.ts';
import { isoOrNull } from '../db.ts';
import { EngineError } from '../errors.ts';
import { matchesRecord } from '../packs/registry.ts';
import type { MappingPack } from '../packs/types.ts';
import { describeProblems } from './validate.ts';
import { checkPack } from './check-pack.ts';

/**
 * The case's stored mappings (`mappings`): one per pack identity, vendor and label, the same pair
 * that names a source. Reused by every later import or pull of that source.
 */

export interface StoredMapping {
  pack: MappingPack;
  sourceId: number | null;
  author: string | null;
  updatedAt: string | null;
}

function parse(text: unknown, vendor: string, label: string): MappingPack {
  let value: unknown;
  try {
    value = JSON.parse(String(text));
  } catch {
    throw new EngineError('refused', `the case's stored mapping for ${vendor} "${label}" is not JSON; apply a mapping to the source again`);
  }
  // A case file can be edited outside AuditLens: its mapping is checked like any other.
  const check = checkPack(value);
  if (!check.pack) throw new EngineError('refused', describeProblems(`the case's stored mapping for ${vendor} "${label}"`, check.problems));
  return check.pack;
}

export async function storedMappings(db: Db): Promise<StoredMapping[]> {
  const rows = await db.all<{ vendor: string; label: string; mapping: string; source_id: number | null; author: string | null; updated_at: unknown }>(
    'SELECT vendor, label, mapping, source_id, author, updated_at FROM mappings ORDER BY vendor, label',
  );
  return rows.map((r) => ({
    pack: parse(r.mapping, r.vendor, r.label),
    sourceId: r.source_id,
    author: r.author,
    updatedAt: isoOrNull(r.updated_at),
  }));
}

export async function storedMapping(db: Db, vendor: string, label: string): Promise<StoredMapping | undefined> {
  return (await storedMappings(db)).find((m) => m.pack.id === vendor && m.pack.label === label);
}

/** The investigator's mapping for this pack's identity if the case holds one, else the pack. */
export async function withStoredMapping(db: Db, pack: MappingPack): Promise<MappingPack> {
  return (await storedMapping(db, pack.id, pack.label))?.pack ?? pack;
}

/**
 * A stored mapping of a generic source whose detection rules recognise most of these records
 * (a user's generic mapping carries the fields it reads as its rules; see derive-detect.ts).
 */
export async function storedGenericFor(db: Db, samples: unknown[], kind: 'json' | 'csv'): Promise<MappingPack | undefined> {
  if (samples.length === 0) return undefined;
  let best: { pack: MappingPack; hits: number } | undefined;
  for (const { pack } of await storedMappings(db)) {
    if (pack.id !== 'generic' || pack.detect.all.length === 0 || !pack.detect.formats.includes(kind)) continue;
    const hits = samples.filter((s) => matchesRecord(pack, s)).length;
    if (hits >= samples.length * 0.5 && (!best || hits > best.hits)) best = { pack, hits };
  }
  return best?.pack;
}

export async function storeMapping(db: Db, pack: MappingPack, o: { sourceId: number | null; author: string | null }): Promise<void> {
  await db.run(
    `INSERT OR REPLACE INTO mappings (vendor, label, mapping, source_id, author, updated_at) VALUES ($v, $l, $m, $s, $a, now())`,
    { v: pack.id, l: pack.label, m: JSON.stringify(pack), s: o.sourceId, a: o.author },
  );
}
