import { afterEach, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresReachable,
  randomSchema,
  TEST_DATABASE_URL,
} from '../../../test/store/postgres-database.js';
import { openDatabase } from './database.js';
import { createPostgresStore } from './index.js';
import { migrate } from './migrate.js';
import { postgresMigrations } from './migrations/index.js';

describe.skipIf(!(await postgresReachable()))('postgres migrations', () => {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = randomSchema();
    schemas.push(schema);
    return schema;
  };
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('instances starting together on an empty schema apply every migration exactly once', async () => {
    const schema = fresh();
    const dbs = Array.from({ length: 6 }, () => openDatabase(TEST_DATABASE_URL, { schema, poolSize: 2 }));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(postgresMigrations.map((m) => m.version));
      const rows = await dbs[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((m) => m.version));
      expect(await migrate(dbs[0]!)).toEqual([]);
    } finally {
      await Promise.all(dbs.map((db) => db.pool.end()));
    }
  });

  it('several stores created concurrently all work on the one schema', async () => {
    const schema = fresh();
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore(TEST_DATABASE_URL, { schema })));
    try {
      expect(await stores[0]!.initSetting('x', 'a')).toBe('a');
      expect(await stores[2]!.getSetting('x')).toBe('a');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a failing migration is rolled back, reported, and retried at the next start', async () => {
    const schema = fresh();
    const db = openDatabase(TEST_DATABASE_URL, { schema });
    try {
      const broken = [
        ...postgresMigrations,
        { version: 99, name: 'broken', sql: 'CREATE TABLE t99 (a INT); SELECT 1/0;' },
      ];
      await expect(migrate(db, broken)).rejects.toThrow(/migration 99 \(broken\) failed/);
      const tables = await db.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 't99'",
        [schema],
      );
      expect(tables).toHaveLength(0);
      const fixed = [...postgresMigrations, { version: 99, name: 'fixed', sql: 'CREATE TABLE t99 (a INT);' }];
      expect(await migrate(db, fixed)).toEqual([99]);
    } finally {
      await db.pool.end();
    }
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => openDatabase(TEST_DATABASE_URL, { schema: 'x; DROP TABLE y' })).toThrow(/invalid schema name/);
  });
});
