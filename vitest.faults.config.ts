import { defineConfig } from 'vitest/config';

/**
 * The fault-injection suite (`npm run test:faults`): private PostgreSQL clusters that are restarted, paused and
 * have their backends killed, and SQLite on a full disk. Files run one at a time so their timings hold.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
