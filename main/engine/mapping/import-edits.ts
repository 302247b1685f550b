import { appendCustody } from '../custody/append.ts';
import type { Db } from '../db.ts';
import type { MappingPack } from '../packs/types.ts';
import { withoutEvidence } from './current.ts';
import { stagedSamples, withDetectRule } from './derive-detect.ts';
import { applyEdits, type MapEdit } from './map-spec.ts';
import { storeMapping } from './store.ts';
import { requireValid } from './validate.ts';

/**
 * `import --map`: the investigator's corrections of the mapping a file would get, checked like
 * every user mapping, then kept in the case for the source (see storeImportMapping) so later
 * imports of it read the same way.
 */
export async function editedForImport(db: Db, pack: MappingPack, edits: MapEdit[]): Promise<MappingPack> {
  const edited = await requireValid(db, applyEdits(withoutEvidence(pack), edits), '--map');
  return edited.id === 'generic' ? withDetectRule(edited, await stagedSamples(db)) : edited;
}

export async function storeImportMapping(
  db: Db,
  o: { old: MappingPack; pack: MappingPack; sourceId: number; file: string; author: string | null },
): Promise<void> {
  await storeMapping(db, o.pack, { sourceId: o.sourceId, author: o.author });
  await appendCustody(
    db,
    'mapping-stored',
    { via: 'import --map', file: o.file, source_id: o.sourceId, vendor: o.pack.id, label: o.pack.label, old: o.old, new: o.pack },
    o.author,
  );
}
