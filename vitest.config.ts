import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native modules (sqlite3, canvas) are safest in forked processes.
    pool: 'forks',
  },
});
