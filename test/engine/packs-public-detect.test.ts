import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPacks, matchesRecord } from '../../main/engine/packs/registry.ts';
import type { MappingPack } from '../../main/engine/packs/types.ts';
import { FIXTURES, sampleRecords } from './public-fixtures.ts';

/**
 * Detection of the public-vendor packs, without the importer: on every fixture (theirs and the seed
 * vendors'), each sampled record is claimed by its own vendor's pack and by no other public pack.
 */

const PUBLIC = ['cloudtrail', 'm365', 'okta', 'github', 'gworkspace', 'gcp', 'azure', 'k8s'];

/** The registry's detection rule for one record, for a file of this format. */
const matches = (pack: MappingPack, format: 'json' | 'csv', record: unknown): boolean =>
  pack.detect.formats.includes(format) && matchesRecord(pack, record);

describe('public pack detection on every fixture', () => {
  const packs = loadPacks().filter((p) => PUBLIC.includes(p.id));
  const files = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(`${FIXTURES}/${d.name}`).map((f) => `${d.name}/${f}`))
    .filter((f) => /\.(json|ndjson|log|csv)(\.gz)?$/.test(f));

  it('has versioned packs for every public vendor', () => {
    expect([...new Set(packs.map((p) => p.id))].sort()).toEqual([...PUBLIC].sort());
    for (const p of packs) expect(Number.isInteger(p.version) && p.version >= 1, p.id).toBe(true);
  });

  // Another vendor's pack may also recognise a record only where it ranks below the record's own
  // pack (Entra diagnostic records have the fields of Azure resource logs; the Entra packs outrank azure).
  const all = loadPacks();
  const rank = (vendor: string, format: 'json' | 'csv', r: unknown): number =>
    Math.max(-1, ...all.filter((p) => p.id === vendor && matches(p, format, r)).map((p) => p.priority ?? 0));

  it.each(files)('%s is claimed only by its own vendor\'s pack, on every sampled record', (rel) => {
    const vendor = rel.split('/')[0] as string;
    const { format, records } = sampleRecords(rel);
    expect(records.length).toBeGreaterThan(2);
    for (const r of records) {
      const own = rank(vendor, format, r);
      const hits = packs.filter((p) => matches(p, format, r) && (p.id === vendor || (p.priority ?? 0) >= own)).map((p) => p.id);
      expect([...new Set(hits)]).toEqual(PUBLIC.includes(vendor) ? [vendor] : []);
    }
  });
});
