type Dialect = 'sqlite' | 'postgres';

/** The `n`-th (1-based) parameter: `?` in SQLite, `$n` in PostgreSQL. */
const parameter = (dialect: Dialect, n: number) => (dialect === 'sqlite' ? '?' : `$${n}`);

/** `INSERT INTO table (columns) VALUES (…)` with one parameter per column of the comma-separated list. */
export function insertStatement(table: string, columns: string, dialect: Dialect): string {
  const count = columns.split(',').length;
  const marks = Array.from({ length: count }, (_, i) => parameter(dialect, i + 1));
  return `INSERT INTO ${table} (${columns}) VALUES (${marks.join(', ')})`;
}

/** `column = value` conditions of a list query; those whose value is not given are left out. */
export type Filters = [column: string, value: string | undefined][];

/**
 * `WHERE` with the given filters joined by AND (empty when none is given) and their values; PostgreSQL parameters
 * are numbered after the `before` ones the statement already has.
 */
export function whereEqual(filters: Filters, dialect: Dialect, before = 0): { where: string; values: string[] } {
  const given = filters.filter((f): f is [string, string] => f[1] !== undefined);
  const conditions = given.map(([column], i) => `${column} = ${parameter(dialect, before + i + 1)}`);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values: given.map(([, v]) => v) };
}
