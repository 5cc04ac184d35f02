import Database from 'better-sqlite3';
import { migrationsFor } from '../migrations/index.js';

export type SqliteDb = Database.Database;

export interface SqliteOptions {
  /** `FULL` (default) fsyncs every commit; `NORMAL` trades the last commits on power loss for speed. */
  synchronous?: 'FULL' | 'NORMAL';
  /** `/readyz` fails with less free space than this on the database's disk; default `SQLITE_MIN_FREE_BYTES`. */
  minFreeBytes?: number;
}

/** The WAL is checkpointed every this many pages and cut back to `WAL_SIZE_LIMIT` after each checkpoint (D-31). */
const WAL_CHECKPOINT_PAGES = 1000;
export const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

/** Opens the database, applies pragmas and runs pending migrations in order, each in its own transaction. */
export function openSqlite(path: string, options: SqliteOptions = {}): SqliteDb {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  migrate(db);
  return db;
}

function migrate(db: SqliteDb): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  for (const m of migrationsFor('sqlite')) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
    }).immediate();
  }
}
