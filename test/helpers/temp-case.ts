import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { Case } from '../../main/engine/case/case.ts';

export interface TempDir {
  dir: () => string;
  file: (name: string, content: string | Buffer) => string;
  openCase: (name?: string) => Promise<Case>;
}

/**
 * A temporary folder whose cases are closed, and awaited (a busy case closes asynchronously), before
 * the folder is removed by `hook`.
 */
function tempDirUntil(hook: typeof afterEach | typeof afterAll): TempDir {
  let current: string | undefined;
  const cases: Case[] = [];
  hook(async () => {
    for (const c of cases.splice(0)) {
      try {
        await c.close();
      } catch {
        // Already closed by the test.
      }
    }
    if (current) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  const dir = (): string => (current ??= mkdtempSync(join(tmpdir(), 'al-test-')));
  return {
    dir,
    file(name, content) {
      const p = join(dir(), name);
      writeFileSync(p, content);
      return p;
    },
    async openCase(name = 'case.duckdb') {
      const c = await Case.open(join(dir(), name), { create: true });
      cases.push(c);
      return c;
    },
  };
}

/** A temporary folder per test, removed afterwards; cases opened through it are closed first. */
export function useTempDir(): TempDir {
  return tempDirUntil(afterEach);
}

/**
 * Like useTempDir, for cases a whole file shares (opened in beforeAll): the folder and its cases
 * last until every test of the file has run.
 */
export function useSharedTempDir(): TempDir {
  return tempDirUntil(afterAll);
}
