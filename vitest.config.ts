import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything that needs no browser; `npx vitest --project unit` is the fast
// loop) and `browser` (accessibility and end-to-end tests against one shared Chromium).
// `npm test` runs both.
const BROWSER_TESTS = ['test/a11y/**/*.test.ts', 'test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native modules (sqlite3, @napi-rs/canvas) are safest in forked processes.
    pool: 'forks',
    // Three workers on two cores: browser and process tests spend much of their time waiting, and
    // the suite takes about 50 s instead of 85 s this way.
    maxWorkers: 3,
    // Cheaper scrypt in tests only, through configuration (server/config.ts reads it).
    env: { FINSAM_SCRYPT_COST: '1024' },
    // Each test file works in a temporary folder of its own, removed afterwards.
    setupFiles: ['test/support/tempDir.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: BROWSER_TESTS, isolate: false } },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          globalSetup: ['test/support/browserServer.ts'],
          // A browser test walks many pages (axe on every kansli page and state); on a busy machine
          // that takes longer than a unit test ever should. The limit only stops a hung test.
          testTimeout: 120_000,
          // One browser for the run, shared by the files (each opens its own contexts).
        },
      },
    ],
  },
});
