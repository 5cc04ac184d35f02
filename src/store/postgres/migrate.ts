import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Migration, PostgresFunction } from '../migration.js';
import { migrationsFor } from '../migrations/index.js';
import type { Database } from './database.js';
import { postgresFunctions } from './functions/index.js';

/**
 * Applies pending migrations, each in its own transaction, then installs every function whose definition differs
 * from the one noted on it (D-114), while holding a session advisory lock keyed by the schema: instances starting
 * together wait for the first one and then find nothing left to do. It uses a connection of its own, free of the
 * request path's timeouts: a migration and the wait for that lock may take long.
 */
export async function migrate(
  db: Database,
  migrations: Migration[] = migrationsFor('postgres'),
  functions: PostgresFunction[] = postgresFunctions,
): Promise<number[]> {
  const client = await db.maintenanceClient();
  const key = "hashtext('coupond.migrate:' || coalesce($1::text, current_schema(), ''))";
  try {
    await client.query(`SELECT pg_advisory_lock(${key})`, [db.schema ?? null]);
    try {
      if (db.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
      const done = await applyMigrations(client, migrations);
      await installFunctions(client, functions);
      return done;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${key})`, [db.schema ?? null]);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function applyMigrations(client: pg.Client, migrations: Migration[]): Promise<number[]> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await inTransaction(client, `migration ${m.version} (${m.name})`, async () => {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    done.push(m.version);
  }
  return done;
}

/** Each function's definition is hashed into its comment, so an unchanged one is left alone. */
async function installFunctions(client: pg.Client, functions: PostgresFunction[]): Promise<void> {
  const { rows } = await client.query<{ signature: string; note: string | null }>(
    `SELECT p.oid::regprocedure::text AS signature, obj_description(p.oid, 'pg_proc') AS note
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`,
  );
  const installed = new Map(rows.map((r) => [r.signature, r.note]));
  for (const fn of functions) {
    const note = `coupond definition ${createHash('sha256').update(fn.sql).digest('hex')}`;
    if (installed.get(fn.signature) === note) continue;
    await inTransaction(client, `function ${fn.signature}`, async () => {
      await client.query(fn.sql);
      await client.query(`COMMENT ON FUNCTION ${fn.signature} IS '${note}'`);
    });
  }
}

async function inTransaction(client: pg.Client, what: string, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`${what} failed: ${(error as Error).message}`, { cause: error });
  }
}
