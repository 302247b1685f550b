import { readFileSync, readdirSync } from 'node:fs';
import { readPath } from './paths.ts';
import { MAPPED_FIELDS, VENDORS, type DetectRule, type MappingPack, type VendorId } from './types.ts';

const DEFS_DIR = new URL('./defs/', import.meta.url);

let cache: MappingPack[] | undefined;

/** Checks a pack's shape; a user-supplied mapping goes through the same check. */
export function validatePack(value: unknown, where: string): MappingPack {
  const p = value as Partial<MappingPack>;
  const fail = (why: string): never => {
    throw new Error(`mapping pack ${where}: ${why}`);
  };
  if (!p || typeof p !== 'object') fail('not an object');
  if (!VENDORS.includes(p.id as VendorId)) fail(`unknown vendor id ${String(p.id)}`);
  if (typeof p.version !== 'number') fail('version must be a number');
  if (!p.detect || !Array.isArray(p.detect.all) || !Array.isArray(p.detect.formats)) fail('detect.all and detect.formats are required');
  for (const alt of p.detect?.or ?? []) if (!alt || !Array.isArray(alt.all)) fail('every detect.or rule needs an all list');
  if (!p.fields || typeof p.fields !== 'object') fail('fields is required');
  for (const k of Object.keys(p.fields ?? {})) {
    if (!(MAPPED_FIELDS as readonly string[]).includes(k)) fail(`unknown field ${k}`);
  }
  return p as MappingPack;
}

export function loadPacks(): MappingPack[] {
  if (cache) return cache;
  const files = readdirSync(DEFS_DIR).filter((f) => f.endsWith('.json'));
  cache = files.map((f) => validatePack(JSON.parse(readFileSync(new URL(f, DEFS_DIR), 'utf8')), f));
  return cache;
}

export function packById(id: VendorId): MappingPack | undefined {
  return loadPacks().find((p) => p.id === id);
}

/**
 * The pack for a vendor named by the user (`--vendor`): of that vendor's packs reading this format,
 * the one recognising most of the samples, else the first. Undefined when the vendor has none.
 */
export function packForVendor(id: VendorId, samples: unknown[], kind: 'json' | 'csv'): MappingPack | undefined {
  const mine = loadPacks().filter((p) => p.id === id);
  const readable = mine.filter((p) => p.detect.formats.includes(kind));
  if (readable.length === 0) return mine[0];
  let best = readable[0] as MappingPack;
  let bestHits = -1;
  for (const p of readable) {
    const hits = samples.filter((s) => matchesRecord(p, s)).length;
    if (hits > bestHits) {
      best = p;
      bestHits = hits;
    }
  }
  return best;
}

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(present);
  return true;
}

/** The record a pack's paths read: the first `unwrap` field holding an object (or its JSON text), else the record. */
export function unwrapped(pack: MappingPack, record: unknown): unknown {
  if (!pack.unwrap?.length || !record || typeof record !== 'object') return record;
  for (const f of pack.unwrap) {
    let v = (record as Record<string, unknown>)[f];
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  }
  return record;
}

/** Does the pack recognise this sampled record (by its main rule or one of its alternatives)? */
export function matchesRecord(pack: MappingPack, record: unknown): boolean {
  const rec = unwrapped(pack, record);
  const emb = pack.embeddedJson ?? [];
  return [pack.detect, ...(pack.detect.or ?? [])].some((rule) => matchesRule(rule, rec, emb));
}

function matchesRule(d: DetectRule, rec: unknown, emb: string[]): boolean {
  if (!d.all.every((p) => present(readPath(rec, p, emb)))) return false;
  if (d.any && d.any.length && !d.any.some((p) => present(readPath(rec, p, emb)))) return false;
  for (const m of d.match ?? []) {
    const v = readPath(rec, m.path, emb);
    const s = typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
    if (!new RegExp(m.pattern).test(s)) return false;
  }
  return true;
}

export interface Detection {
  pack: MappingPack;
  /** Share of sampled records the pack recognised. */
  score: number;
}

/** The best pack for these sampled records, or undefined when none recognises most of them. */
export function detectPack(samples: unknown[], kind: 'json' | 'csv'): Detection | undefined {
  if (samples.length === 0) return undefined;
  let best: Detection | undefined;
  for (const pack of loadPacks()) {
    if (pack.id === 'generic' || !pack.detect.formats.includes(kind)) continue;
    const hits = samples.filter((s) => matchesRecord(pack, s)).length;
    const score = hits / samples.length;
    if (score < 0.5) continue;
    if (
      !best ||
      (pack.priority ?? 0) > (best.pack.priority ?? 0) ||
      ((pack.priority ?? 0) === (best.pack.priority ?? 0) &&
        (score > best.score || (score === best.score && pack.detect.all.length > best.pack.detect.all.length)))
    ) {
      best = { pack, score };
    }
  }
  return best;
}
