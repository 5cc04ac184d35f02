import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database as PostgresDatabase } from '../../src/store/postgres/database.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { openSqlite, type SqliteDb } from '../../src/store/sqlite/database.js';
import { dropSchema, postgresReachable, randomSchema, TEST_DATABASE_URL } from './postgres-database.js';

/**
 * A fresh database built by today's migrations has exactly the schema recorded in test/fixtures/schema: tables,
 * columns, constraints, indexes, triggers and (PostgreSQL) function definitions. A deliberate schema change
 * rewrites the fixture with `COUPOND_UPDATE_SCHEMA=1` and shows up in review as its diff. A database made by the
 * previous release (test/fixtures/upgrade/*-v9*.sql, every migration it had and some data) opens with nothing
 * left to migrate, the same schema and every row it had.
 */

const dir = new URL('../fixtures/schema/', import.meta.url);

function expectFixture(name: string, lines: string[]): void {
  const actual = `${lines.join('\n')}\n`;
  const file = new URL(name, dir);
  if (process.env.COUPOND_UPDATE_SCHEMA || !existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** One spelling of a statement whatever its line breaks and spacing. */
const normalize = (sql: string) =>
  sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ ,/g, ',').trim();

const upgradeFixture = (name: string) => readFileSync(new URL(`../fixtures/upgrade/${name}`, import.meta.url), 'utf8');

function sqliteSchema(db: SqliteDb): string[] {
  const rows = db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  return rows.map((r) => `${r.type} ${r.name} ON ${r.tbl_name}: ${normalize(r.sql ?? '')}`);
}

function sqliteRowCounts(db: SqliteDb): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

describe('sqlite schema', () => {
  it('matches the recorded schema', () => {
    const db = openSqlite(':memory:');
    expectFixture('sqlite.txt', sqliteSchema(db));
    db.close();
  });

  it('a data folder of the previous release opens unchanged, with every row', () => {
    const folder = mkdtempSync(join(tmpdir(), 'coupond-schema-'));
    try {
      const path = join(folder, 'coupond.db');
      const old = new Database(path);
      old.exec(upgradeFixture('sqlite-v90.sql'));
      const before = sqliteRowCounts(old);
      old.close();
      const db = openSqlite(path);
      expect(sqliteRowCounts(db)).toEqual(before);
      expect(before.user_coupons).toBe(5);
      expect(sqliteSchema(db).join('\n')).toBe(readFileSync(new URL('sqlite.txt', dir), 'utf8').trimEnd());
      db.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

const POSTGRES_SCHEMA_SQL = {
  columns: `SELECT table_name || '.' || column_name || ' #' || ordinal_position || ' ' || data_type
      || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
      || coalesce(' DEFAULT ' || column_default, '') || CASE WHEN is_identity = 'YES' THEN ' IDENTITY' ELSE '' END
      || coalesce(' COLLATE ' || collation_name, '') AS line
    FROM information_schema.columns WHERE table_schema = $1`,
  constraints: `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(c.oid) AS line
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1`,
  indexes: `SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = $1`,
  triggers: `SELECT 'trigger ' || pg_get_triggerdef(t.oid) AS line FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND NOT t.tgisinternal`,
  functions: `SELECT 'function ' || pg_get_functiondef(p.oid) AS line FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`,
};

async function postgresSchema(client: pg.Client, schema: string): Promise<string[]> {
  /** Functions keep their line breaks, so a changed body reads as a diff; the rest is one line each. */
  const unqualified = (line: string) => {
    const text = line.replaceAll(`${schema}.`, '');
    if (!text.startsWith('function ')) return normalize(text);
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
  };
  const lines: string[] = [];
  for (const sql of Object.values(POSTGRES_SCHEMA_SQL)) {
    const { rows } = await client.query<{ line: string }>(sql, [schema]);
    lines.push(...rows.map((r) => unqualified(r.line)).sort());
  }
  return lines;
}

async function postgresRowCounts(client: pg.Client, schema: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const { rows: n } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table_name}`);
    counts[table_name] = Number(n[0]!.n);
  }
  return counts;
}

describe.skipIf(!(await postgresReachable()))('postgres schema', () => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  async function inSchema(work: (schema: string, db: PostgresDatabase) => Promise<void>): Promise<void> {
    const schema = randomSchema();
    const db = openDatabase(TEST_DATABASE_URL, { schema });
    try {
      await work(schema, db);
    } finally {
      await db.close();
      await dropSchema(schema);
    }
  }

  it('matches the recorded schema', () =>
    inSchema(async (schema, db) => {
      await migrate(db);
      expectFixture('postgres.txt', await postgresSchema(client, schema));
    }));

  it('a schema of the previous release opens with nothing to migrate, the same schema and every row', () =>
    inSchema(async (schema, db) => {
      await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      await client.query(upgradeFixture('postgres-v91.sql'));
      await client.query('RESET search_path');
      const before = await postgresRowCounts(client, schema);
      expect(await migrate(db)).toEqual([]);
      expect(await postgresRowCounts(client, schema)).toEqual(before);
      expect(before.user_coupons).toBe(5);
      expect((await postgresSchema(client, schema)).join('\n')).toBe(
        readFileSync(new URL('postgres.txt', dir), 'utf8').trimEnd(),
      );
    }));
});
