import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqliteDb } from './database.js';

/** Free space the embedded store wants next to its database before it calls itself ready (D-31). */
export const SQLITE_MIN_FREE_BYTES = 64 * 1024 * 1024;

/**
 * Readiness of the embedded store (D-31): the disk holding the database has `minFreeBytes` free, and a one-row
 * write commits. The write alone would not do: a full disk still accepts writes into WAL space already allocated.
 */
export function sqliteReadiness(db: SqliteDb, path: string, minFreeBytes: number): () => void {
  const probe = db.prepare(
    "INSERT INTO settings (name, value) VALUES ('readiness_probe', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  );
  const onDisk = path !== '' && path !== ':memory:';
  return () => {
    if (onDisk) {
      const { bavail, bsize } = statfsSync(dirname(path));
      const free = bavail * bsize;
      if (free < minFreeBytes) throw new Error(`${free} bytes free on the database's disk, ${minFreeBytes} needed`);
    }
    probe.run(new Date().toISOString());
  };
}
