import type { MappingEdit, SourceMapping } from '../../../preload/api.ts';
import type { Db } from '../db.ts';
import { num } from '../db.ts';
import { EngineError } from '../errors.ts';
import { loadPacks } from '../packs/registry.ts';
import type { MappingPack } from '../packs/types.ts';
import { checkPack } from './check-pack.ts';
import { recordFields } from './field-paths.ts';
import { storedMapping } from './store.ts';
import { vocabulary } from './vocabulary.ts';

/** The mapping a source's events follow now, and the edited pack the editor's changes make of it. */

export interface SourceRef {
  id: number;
  vendor: string;
  label: string;
  events: number;
}

export interface CurrentMapping {
  source: SourceRef;
  pack: MappingPack;
  origin: SourceMapping['origin'];
  applied: SourceMapping['applied'];
}

export function sourceIdOf(q: unknown): number {
  const id = typeof q === 'object' && q !== null ? (q as { sourceId?: unknown }).sourceId : undefined;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) throw new EngineError('bad-input', 'sourceId must be a source id (a positive whole number)');
  return id;
}

export async function sourceRef(db: Db, id: number): Promise<SourceRef> {
  const s = await db.one<{ vendor: string; label: string; events: bigint }>(
    'SELECT vendor, label, (SELECT count(*) FROM events WHERE source_id = $id) AS events FROM sources WHERE id = $id',
    { id },
  );
  if (!s) throw new EngineError('not-found', `no source ${id} in this case (auditlens info lists them)`);
  return { id, vendor: s.vendor, label: s.label, events: num(s.events) };
}

export async function currentMapping(db: Db, sourceId: number): Promise<CurrentMapping> {
  const source = await sourceRef(db, sourceId);
  const stored = await storedMapping(db, source.vendor, source.label);
  if (stored) {
    return { source, pack: stored.pack, origin: 'stored', applied: stored.updatedAt ? { at: stored.updatedAt, by: stored.author } : null };
  }
  const batch = await db.value<string>('SELECT mapping FROM batches WHERE source_id = $s ORDER BY id DESC LIMIT 1', { s: sourceId });
  const origin = source.vendor === 'generic' ? 'detected' : 'pack';
  if (batch !== undefined) {
    const check = checkPack(withoutEvidence(JSON.parse(String(batch)) as object));
    if (check.pack) return { source, pack: check.pack, origin, applied: null };
  }
  const builtIn = loadPacks().find((p) => p.id === source.vendor && p.label === source.label);
  if (!builtIn) throw new EngineError('not-found', `source ${sourceId} has no mapping to edit (no file or pull recorded one)`);
  return { source, pack: builtIn, origin, applied: null };
}

/** Keys a detection writes about itself: not part of a mapping a person edits or stores. */
export function withoutEvidence<T extends object>(p: T): T {
  const { choices: _choices, ...rest } = p as T & { choices?: unknown };
  return rest as T;
}

/** The pack with the editor's columns and change extractors, everything structural kept. */
export function editedPack(base: MappingPack, edit: MappingEdit): unknown {
  const e = (typeof edit === 'object' && edit !== null ? edit : {}) as Partial<MappingEdit>;
  return { ...withoutEvidence(base), fields: e.fields, changes: e.changes ?? [] };
}

export function asSourceMapping(cur: CurrentMapping, records: unknown[] = []): SourceMapping {
  const p = cur.pack;
  return {
    sourceId: cur.source.id,
    vendor: cur.source.vendor,
    label: cur.source.label,
    events: cur.source.events,
    origin: cur.origin,
    packVersion: p.version,
    mapping: { fields: p.fields as MappingEdit['fields'], changes: (p.changes ?? []) as unknown as MappingEdit['changes'] },
    explode: p.explode ?? null,
    embeddedJson: p.embeddedJson ?? [],
    unwrap: p.unwrap ?? [],
    applied: cur.applied,
    vocabulary: vocabulary(),
    fields: recordFields(p, records),
    samples: records.length,
  };
}
