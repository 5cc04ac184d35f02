export type DialectName = 'sqlite' | 'postgres';

/** What a migration's SQL may differ by between the two databases; everything else is written once. */
export interface Dialect {
  /** `TEXT` on SQLite, `JSONB` on PostgreSQL. */
  json: string;
  /** `INTEGER` on SQLite (64-bit already), `BIGINT` on PostgreSQL. */
  bigint: string;
  /** The SQLite text on SQLite, the PostgreSQL text on PostgreSQL. */
  pick(sqlite: string, postgres: string): string;
}

/**
 * One versioned schema change, written once for both databases (D-113). `version` is its number in each database's
 * `schema_migrations` (the two numberings differ for a few early changes); a database it has no number for skips it.
 * Never edit a released migration: add one.
 */
export interface SchemaChange {
  version: number | Partial<Record<DialectName, number>>;
  name: string;
  sql: (d: Dialect) => string;
}

/** A schema change as one database runs it. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * A PostgreSQL function in its current definition (D-114): `CREATE OR REPLACE` statements of the function and of
 * the triggers that call it, installed after the versioned migrations whenever they differ from what the schema
 * has. Edit it in place; nothing else defines it.
 */
export interface PostgresFunction {
  /** As `regprocedure` prints it, e.g. `coupond_take_code(text)`: the function the installed version is noted on. */
  signature: string;
  sql: string;
}
