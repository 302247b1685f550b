import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer alone, for the serve host (`npm run build:renderer`). electron.vite.config.ts builds
 * the same renderer into the same directory for the desktop app.
 */
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // Source maps would publish the sources to anyone who can reach the server; not worth it.
    sourcemap: false,
  },
});
