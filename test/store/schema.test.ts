import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/postgres/database.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { openSqlite } from '../../src/store/sqlite/database.js';
import { dropSchema, postgresReachable, randomSchema, TEST_DATABASE_URL } from './postgres-database.js';

/**
 * A fresh database built by today's migrations has exactly the schema recorded in test/fixtures/schema: tables,
 * columns, constraints, indexes, triggers and (PostgreSQL) function definitions. A deliberate schema change
 * rewrites the fixture with `COUPOND_UPDATE_SCHEMA=1` and shows up in review as its diff.
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

describe('sqlite schema', () => {
  it('matches the recorded schema', () => {
    const db = openSqlite(':memory:');
    const rows = db
      .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
      .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
    db.close();
    expectFixture(
      'sqlite.txt',
      rows.map((r) => `${r.type} ${r.name} ON ${r.tbl_name}: ${normalize(r.sql ?? '')}`),
    );
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

describe.skipIf(!(await postgresReachable()))('postgres schema', () => {
  it('matches the recorded schema', async () => {
    const schema = randomSchema();
    const db = openDatabase(TEST_DATABASE_URL, { schema });
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    try {
      await migrate(db);
      await client.connect();
      const lines: string[] = [];
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
      for (const sql of Object.values(POSTGRES_SCHEMA_SQL)) {
        const { rows } = await client.query<{ line: string }>(sql, [schema]);
        lines.push(...rows.map((r) => unqualified(r.line)).sort());
      }
      expectFixture('postgres.txt', lines);
    } finally {
      await client.end();
      await db.pool.end();
      await dropSchema(schema);
    }
  });
});
