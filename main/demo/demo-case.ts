import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadPacks } from '../engine/packs/registry.ts';
import { dirname, join } from 'node:path';
import { defaultDataDir } from '../engine/host-state.ts';
import { DEMO_TZ, writeDemoFiles } from './files.ts';
import { Case } from '../engine/case/case.ts';
import { importPaths } from '../engine/import/importer.ts';

/** Bump when the demo story, its files or the import engine change, so stale demo cases are rebuilt. */
const DEMO_VERSION = '3';

/** The demo is also rebuilt when any mapping pack changes. */
function fingerprint(): string {
  const h = createHash('sha256').update(DEMO_VERSION);
  for (const p of loadPacks()) h.update(JSON.stringify(p));
  return `${DEMO_VERSION}:${h.digest('hex').slice(0, 16)}`;
}

async function isCurrent(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    const c = await Case.open(path);
    try {
      return (await c.db.value<string>("SELECT value FROM meta WHERE key = 'demo_version'")) === fingerprint();
    } finally {
      c.close();
    }
  } catch {
    return false;
  }
}

/**
 * The bundled demo case: a deterministic synthetic incident across seven sources, imported through
 * the ordinary importer (so it exercises the same packs an investigator's files do).
 */
export async function ensureDemoCase(path: string): Promise<string> {
  if (await isCurrent(path)) return path;
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const filesDir = join(dirname(path), 'files');
  rmSync(filesDir, { recursive: true, force: true });
  mkdirSync(filesDir, { recursive: true });
  const files = writeDemoFiles(filesDir);
  const c = await Case.open(path, { create: true });
  try {
    const s = await importPaths(c, { paths: files, tz: DEMO_TZ });
    const failed = s.batches.filter((b) => b.error || b.rejects > 0);
    if (failed.length) throw new Error(`demo import failed: ${JSON.stringify(failed)}`);
    await c.db.run("INSERT OR REPLACE INTO meta VALUES ('demo_version', $v)", { v: fingerprint() });
  } finally {
    c.close();
  }
  return path;
}

/** Where every host keeps the demo case: `npm start`, `npm run demo` and the start screen open this file. */
export function demoCasePath(dataDir: string = defaultDataDir()): string {
  return join(dataDir, 'demo', 'demo.duckdb');
}

/** The demo builder hosts hand to the engine (`createEngine({ buildDemo })`). */
export async function buildDemo(path: string): Promise<void> {
  await ensureDemoCase(path);
}
