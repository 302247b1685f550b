import { readFile, stat } from 'node:fs/promises';
import type { Db } from '../db.ts';
import { EngineError } from '../errors.ts';
import type { MappingPack } from '../packs/types.ts';
import { requireValid } from './validate.ts';

/**
 * Mappings as pack files: the same JSON as `main/engine/packs/defs/*.json`, so a mapping made in
 * one case is loaded into another with `--pack FILE`, and a pack file can be read, diffed and
 * reviewed like any other.
 */

const MAX_PACK_BYTES = 4 * 1024 * 1024;

export function packFileText(pack: MappingPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** Reads and checks a pack file; every problem names the file and the field. */
export async function readPackFile(db: Db, path: string): Promise<MappingPack> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new EngineError('not-found', `no pack file at ${path}`, { file: path });
  }
  if (size > MAX_PACK_BYTES) throw new EngineError('bad-input', `${path}: a pack file is at most 4 MB (this one is ${size} bytes)`, { file: path });
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new EngineError('bad-input', `${path}: not valid JSON (${(e as Error).message})`, { file: path });
  }
  return requireValid(db, value, path);
}
