import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The engine reads its mapping packs from `./defs/` next to the module that loads them. Bundled,
 * that module is out/main/index.js, so the pack files have to sit in out/main/defs/.
 */
function copyPackDefs(): Plugin {
  return {
    name: 'auditlens:copy-pack-defs',
    apply: 'build',
    closeBundle() {
      const from = here('main/engine/packs/defs');
      if (existsSync(from)) cpSync(from, here('out/main/defs'), { recursive: true });
    },
  };
}

/**
 * The desktop build: main (ESM, Node), preload (CommonJS, because sandboxed preloads cannot be
 * ES modules) and the renderer (same output as renderer/vite.config.ts, so the serve host and the
 * desktop app always show the same build).
 */
export default defineConfig({
  main: {
    plugins: [copyPackDefs()],
    build: {
      lib: { entry: here('main/index.ts') },
      outDir: here('out/main'),
      // Native DuckDB bindings cannot be bundled; they load from node_modules (asar-unpacked).
      externalizeDeps: { include: ['@duckdb/node-api'] },
    },
  },
  preload: {
    build: {
      lib: { entry: here('preload/index.ts'), formats: ['cjs'] },
      outDir: here('out/preload'),
      // A sandboxed preload can require only `electron`; everything else must be bundled in.
      externalizeDeps: false,
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: here('renderer'),
    plugins: [react()],
    build: {
      outDir: here('out/renderer'),
      target: 'chrome120',
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: here('renderer/index.html') },
    },
  },
});
