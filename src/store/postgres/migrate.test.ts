import { afterEach, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresReachable,
  randomSchema,
  TEST_DATABASE_URL,
} from '../../../test/store/postgres-database.js';
import { migrationsFor } from '../migrations/index.js';
import { openDatabase } from './database.js';
import { postgresFunctions } from './functions/index.js';
import { createPostgresStore } from './index.js';
import { migrate } from './migrate.js';

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
      expect(applied.flat().sort((a, b) => a - b)).toEqual(migrationsFor('postgres').map((m) => m.version));
      const rows = await dbs[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(migrationsFor('postgres').map((m) => m.version));
      expect(await migrate(dbs[0]!)).toEqual([]);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
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
        ...migrationsFor('postgres'),
        { version: 99, name: 'broken', sql: 'CREATE TABLE t99 (a INT); SELECT 1/0;' },
      ];
      await expect(migrate(db, broken)).rejects.toThrow(/migration 99 \(broken\) failed/);
      const tables = await db.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 't99'",
        [schema],
      );
      expect(tables).toHaveLength(0);
      const fixed = [...migrationsFor('postgres'), { version: 99, name: 'fixed', sql: 'CREATE TABLE t99 (a INT);' }];
      expect(await migrate(db, fixed)).toEqual([99]);
    } finally {
      await db.close();
    }
  });

  it('replaces a function whose definition changed at the next start and leaves the others alone', async () => {
    const schema = fresh();
    const db = openDatabase(TEST_DATABASE_URL, { schema });
    const versions = () =>
      db.query<{ proname: string; xmin: string }>(
        'SELECT proname, xmin::text AS xmin FROM pg_proc WHERE pronamespace = $1::regnamespace ORDER BY proname',
        [schema],
      );
    const answer = () => db.query<{ code: string | null }>("SELECT coupond_take_code('no-such-stock') AS code");
    try {
      await migrate(db);
      const first = await versions();
      expect(first.map((f) => f.proname)).toEqual([
        'count_issuance_hour',
        'coupond_cache_notify',
        'coupond_issue',
        'coupond_issue_budget',
        'coupond_issue_claims',
        'coupond_take_code',
        'coupond_use',
      ]);
      await migrate(db);
      expect(await versions()).toEqual(first);

      const edited = postgresFunctions.map((fn) =>
        fn.signature === 'coupond_take_code(text)'
          ? {
              ...fn,
              sql: "CREATE OR REPLACE FUNCTION coupond_take_code(stock text) RETURNS text LANGUAGE sql AS $$ SELECT 'X' $$;",
            }
          : fn,
      );
      await migrate(db, undefined, edited);
      expect(await answer()).toEqual([{ code: 'X' }]);
      const changed = (await versions()).filter((f, i) => f.xmin !== first[i]!.xmin).map((f) => f.proname);
      expect(changed).toEqual(['coupond_take_code']);
      await migrate(db);
      expect(await answer()).toEqual([{ code: null }]);
    } finally {
      await db.close();
    }
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => openDatabase(TEST_DATABASE_URL, { schema: 'x; DROP TABLE y' })).toThrow(/invalid schema name/);
  });
});
