import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rebuild only when a source is newer than the build, so `npm start` is instant on the second run
 * and never shows a viewer older than the code next to it.
 */

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isStale(outputs: string[], inputs: string[]): boolean {
  if (outputs.some((o) => !existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return inputs.some((i) => newestMtime(i) > built);
}

export function rendererInputs(root: string): string[] {
  // The renderer imports the contract (preload/api.ts and preload/contract/), so it counts as a renderer source.
  return [
    join(root, 'renderer'),
    join(root, 'preload', 'api.ts'),
    join(root, 'preload', 'contract'),
    join(root, 'package-lock.json'),
    join(root, 'build', 'icon.svg'),
  ];
}

/** Builds the renderer with renderer/vite.config.ts; `outDir` overrides out/renderer (tests use a temp dir). */
export async function buildRenderer(root: string, outDir?: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'renderer', 'vite.config.ts'),
    logLevel: 'warn',
    ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
  });
}

/** Returns true when it had to build. */
export async function ensureRendererBuilt(root: string): Promise<boolean> {
  if (!isStale([join(root, 'out', 'renderer', 'index.html')], rendererInputs(root))) return false;
  await buildRenderer(root);
  return true;
}

/** The desktop bundles (main, preload, renderer) through electron-vite; returns true when it had to build. */
export async function ensureDesktopBuilt(root: string): Promise<boolean> {
  const outputs = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'].map((p) => join(root, 'out', p));
  const inputs = [
    join(root, 'main'),
    join(root, 'preload'),
    ...rendererInputs(root),
    join(root, 'electron.vite.config.ts'),
  ];
  if (!isStale(outputs, inputs)) return false;
  const { build } = await import('electron-vite');
  await build({ configFile: join(root, 'electron.vite.config.ts'), logLevel: 'warn' });
  return true;
}
