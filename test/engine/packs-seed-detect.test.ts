import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPack, matchesRecord } from '../../main/engine/packs/registry.ts';
import { VENDORS, type MappingPack, type VendorId } from '../../main/engine/packs/types.ts';
import { writeDemoFiles } from '../../main/demo/files.ts';
import { FIXTURES, ROOT, fixture, loadPacks, sampleRecords } from './seed-fixtures.ts';

/**
 * Detection rules of the seed packs, checked on the fixtures without the importer: the pack meant
 * for a file must win on every sampled record (priority, then more `all` paths, as types.ts says),
 * and the seed packs must not claim other vendors' files.
 */

const SEED: VendorId[] = ['yepcode', 'ubiops', 'jiffy', 'epilot', 'squadcast'];
const packs = loadPacks();

/** The registry's detection rule for one record, for a file of this format. */
const matches = (pack: MappingPack, format: 'json' | 'csv', record: unknown): boolean =>
  pack.detect.formats.includes(format) && matchesRecord(pack, record);

function winner(format: 'json' | 'csv', record: unknown): VendorId | undefined {
  const hits = packs.filter((p) => p.id !== 'generic' && matches(p, format, record));
  hits.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || b.detect.all.length - a.detect.all.length);
  return hits[0]?.id;
}

const CASES: Array<[string, VendorId]> = [
  ['yepcode/audit-events.json', 'yepcode'],
  ['ubiops/project-audit.json', 'ubiops'],
  ['jiffy/kibana-audit-report.csv', 'jiffy'],
  ['jiffy/tenant-audit-table.csv', 'jiffy'],
  ['epilot/audit-logs.json', 'epilot'],
  ['squadcast/audit-logs-export.json', 'squadcast'],
  ['squadcast/audit-logs-page.json', 'squadcast'],
  ['squadcast/audit-logs-export.csv', 'squadcast'],
];

describe('seed pack definitions', () => {
  it('exist for every seed vendor, with id, a version and valid RE2-style patterns', () => {
    for (const id of SEED) {
      const pack = packs.find((p) => p.id === id);
      expect(pack, id).toBeDefined();
      expect(Number.isInteger(pack?.version) && (pack?.version ?? 0) >= 1).toBe(true);
      expect(VENDORS).toContain(pack?.id);
      for (const m of pack?.detect.match ?? []) expect(() => new RegExp(m.pattern)).not.toThrow();
    }
  });
});

describe('seed pack detection on fixtures', () => {
  for (const [rel, vendor] of CASES) {
    it(`${rel} → ${vendor} on every sampled record and on the sample`, () => {
      const { format, records } = sampleRecords(fixture(rel));
      expect(records.length).toBeGreaterThan(4);
      for (const r of records) expect(winner(format, r)).toBe(vendor);
      expect(detectPack(records, format)?.pack.id).toBe(vendor);
      expect(detectPack(records, format)?.score).toBe(1);
    });
  }

  it('claims none of the demo CloudTrail and Okta files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-'));
    try {
      for (const file of writeDemoFiles(dir).filter((f) => /cloudtrail|okta/i.test(f))) {
        const { format, records } = sampleRecords(file);
        expect(records.length).toBeGreaterThan(4);
        for (const r of records)
          for (const id of SEED)
            expect(matches(packs.find((p) => p.id === id) as MappingPack, format, r), `${id} on ${file}`).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("claims none of the other vendors' fixtures", () => {
    const others = readdirSync(FIXTURES, { withFileTypes: true }).filter(
      (e) => e.isDirectory() && !SEED.includes(e.name as VendorId),
    );
    let checked = 0;
    for (const dir of others) {
      for (const name of readdirSync(join(FIXTURES, dir.name)).filter((n) =>
        /\.(json|ndjson|jsonl|log|csv)(\.gz)?$/.test(n),
      )) {
        let sample: ReturnType<typeof sampleRecords>;
        try {
          sample = sampleRecords(join(FIXTURES, dir.name, name));
        } catch {
          continue; // deliberately malformed input is the importer's business, not detection's
        }
        checked++;
        for (const r of sample.records) {
          for (const id of SEED)
            expect(matches(packs.find((p) => p.id === id) as MappingPack, sample.format, r), `${id} on ${name}`).toBe(
              false,
            );
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(0);
  });

  const datasets = join(ROOT, '..', 'shared', 'datasets');
  it.skipIf(!existsSync(datasets))('claims none of the shared real samples', () => {
    for (const sub of readdirSync(datasets, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const name of readdirSync(join(datasets, sub.name))) {
        const { format, records } = sampleRecords(join(datasets, sub.name, name));
        for (const r of records) {
          for (const id of SEED)
            expect(matches(packs.find((p) => p.id === id) as MappingPack, format, r), `${id} on ${name}`).toBe(false);
        }
      }
    }
  });
});
