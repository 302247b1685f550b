import type { RecordField } from '../../../preload/api.ts';
import { joinPath, walkSamples } from '../packs/generic/leaves.ts';
import { unwrapped } from '../packs/registry.ts';
import type { MappingPack } from '../packs/types.ts';

/**
 * The fields the editor's picker offers: every scalar position in the source's sampled records,
 * written as the pack language reads it, with how many samples hold it and one value as recorded.
 * Paths through JSON text the mapping does not declare (`embeddedJson`) are left out: offering
 * them would map nothing. Under an exploded array the element's fields read as `@.field`.
 */

const EXAMPLE_CHARS = 120;
const MAX_FIELDS = 400;

function example(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > EXAMPLE_CHARS ? `${s.slice(0, EXAMPLE_CHARS)}…` : s;
}

/** `records` parsed as derive-detect.ts sourceSamples reads them. */
export function recordFields(pack: MappingPack, records: unknown[]): RecordField[] {
  const samples = records.map((r) => unwrapped(pack, r));
  const walk = walkSamples(samples);
  const declared = new Set((pack.embeddedJson ?? []).map((e) => e.replace(/"/g, '')));
  const undeclared = walk.embedded.filter((segs) => !declared.has(joinPath(segs).replace(/"/g, '')));
  const explode = pack.explode;
  const explodeSegs = explode ? explode.split('.').length : 0;
  const out: RecordField[] = [];
  for (const leaf of walk.leaves) {
    if (undeclared.some((e) => e.length < leaf.segs.length && e.every((s, k) => s === leaf.segs[k]))) continue;
    let path = leaf.path;
    if (explode && path.startsWith(`${explode}[`)) {
      const rest = leaf.segs.slice(explodeSegs + 1);
      if (rest.length === 0) continue;
      path = `@.${joinPath(rest)}`;
    }
    const first = leaf.values.values().next().value;
    out.push({ path, records: leaf.values.size, example: example(first) });
  }
  out.sort((a, b) => b.records - a.records || a.path.localeCompare(b.path));
  return out.slice(0, MAX_FIELDS);
}
