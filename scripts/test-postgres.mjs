// Runs the HTTP-level suites a second time with every test server on PostgreSQL (COUPOND_TEST_STORE=postgres).
// Locally, an unreachable database skips this pass with a message; under CI it fails the run.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.COUPOND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
client.on('error', () => {});
try {
  await client.connect();
  await client.end();
} catch (error) {
  const why = `PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is unreachable (${error.message})`;
  if (process.env.CI) {
    console.error(`${why}; CI is set, so the PostgreSQL pass must run.`);
    process.exit(1);
  }
  console.warn(`${why}: skipping the PostgreSQL pass. Set COUPOND_TEST_DATABASE_URL to run it.`);
  process.exit(0);
}

const suites = [
  'test/api',
  'test/issuance',
  'test/catalog',
  'test/codes',
  'test/lifecycle',
  'test/media',
  'test/stores',
  'test/interop',
  'test/sdk-styles.e2e.test.ts',
  'test/component/e2e.test.ts',
  'test/console',
  'test/fuzz',
];
const run = spawnSync('npx', ['vitest', 'run', ...suites], {
  stdio: 'inherit',
  env: { ...process.env, COUPOND_TEST_STORE: 'postgres' },
});
process.exit(run.status ?? 1);
