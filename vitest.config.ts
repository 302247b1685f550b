import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real DuckDB imports and a real browser: generous, but a hang still fails.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
