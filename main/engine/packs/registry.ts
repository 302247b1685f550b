import { readFileSync, readdirSync } from 'node:fs';
import { readPath } from './paths.ts';
import { MAPPED_FIELDS, VENDORS, type MappingPack, type VendorId } from './types.ts';

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

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(present);
  return true;
}

function matches(pack: MappingPack, rec: unknown): boolean {
  const emb = pack.embeddedJson ?? [];
  const d = pack.detect;
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
    const hits = samples.filter((s) => matches(pack, s)).length;
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
