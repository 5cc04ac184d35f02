import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdkSource = (entry: string) => fileURLToPath(new URL(`packages/client/src/${entry}`, import.meta.url));

export default defineConfig({
  // The SDK's sources, not its build: what the `coupond-source` condition does for tsc (D-123).
  resolve: {
    alias: [
      { find: /^@coupond\/client$/, replacement: sdkSource('index.ts') },
      { find: /^@coupond\/client\/protocol$/, replacement: sdkSource('protocol/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Disruptive: run alone by `npm run test:faults` (vitest.faults.config.ts).
    exclude: ['test/faults/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
