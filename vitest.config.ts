import { defineConfig } from 'vitest/config';

const shared = {
  // Real DuckDB imports and a real browser: generous, but a hang still fails.
  testTimeout: 120_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/engine/corpus.test.ts'] } },
      // The corpus measurement imports some 55 files twice: minutes, so apart from the unit tests.
      { test: { ...shared, name: 'corpus', include: ['test/engine/corpus.test.ts'] } },
      // One browser at a time: on a 2-core machine parallel Chromium instances starve each other
      // into timeouts that say nothing about the product.
      { test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
