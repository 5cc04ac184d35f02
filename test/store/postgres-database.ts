import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../../src/store/port.js';
import { openDatabase, type PostgresOptions } from '../../src/store/postgres/database.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { migrate } from '../../src/store/postgres/migrate.js';

/** Test databases: one throw-away schema per store, so test files run in parallel on one server. */
export const TEST_DATABASE_URL = process.env.COUPOND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const shown = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * Whether PostgreSQL answers. Under CI an unreachable database fails the run (throws); locally the caller skips
 * its tests, and this says so once.
 */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    const why = `PostgreSQL at ${shown(TEST_DATABASE_URL)} is unreachable (${(error as Error).message})`;
    if (process.env.CI) throw new Error(`${why}; CI is set, so PostgreSQL tests must run.`);
    console.warn(`${why}: skipping PostgreSQL tests. Set COUPOND_TEST_DATABASE_URL to run them.`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const randomSchema = () => `coupond_test_${randomBytes(6).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A store on a fresh schema; closing it drops the schema. */
export async function openTestStore(options: PostgresOptions = {}): Promise<Store> {
  const schema = options.schema ?? randomSchema();
  const store = await createPostgresStore(TEST_DATABASE_URL, { ...options, schema });
  return {
    ...store,
    async close() {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** A migrated schema reached through the adapter's own `Database`, for tests that need plain SQL. */
export async function openTestDatabase(options: PostgresOptions = {}) {
  const schema = options.schema ?? randomSchema();
  const db = openDatabase(TEST_DATABASE_URL, { ...options, schema });
  await migrate(db);
  return {
    db,
    schema,
    async close() {
      await db.close();
      await dropSchema(schema);
    },
  };
}
