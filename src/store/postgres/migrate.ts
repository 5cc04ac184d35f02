import type { Migration } from '../migration.js';
import type { Database } from './database.js';
import { postgresMigrations } from './migrations/index.js';

/**
 * Applies pending migrations, each in its own transaction, while holding a session advisory lock keyed by the
 * schema: instances starting together wait for the first one and then find nothing left to do. It uses a connection
 * of its own, free of the request path's timeouts: a migration and the wait for that lock may take long.
 */
export async function migrate(db: Database, migrations: Migration[] = postgresMigrations): Promise<number[]> {
  const client = await db.maintenanceClient();
  const key = "hashtext('coupond.migrate:' || coalesce($1::text, current_schema(), ''))";
  try {
    await client.query(`SELECT pg_advisory_lock(${key})`, [db.schema ?? null]);
    try {
      if (db.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.version));
      const done: number[] = [];
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(m.version);
      }
      return done;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${key})`, [db.schema ?? null]);
    }
  } finally {
    await client.end().catch(() => {});
  }
}
