export type Dialect = 'sqlite' | 'postgres';

/** The `n`-th (1-based) parameter: `?` in SQLite, `$n` in PostgreSQL. */
const parameter = (dialect: Dialect, n: number) => (dialect === 'sqlite' ? '?' : `$${n}`);

/** `INSERT INTO table (columns) VALUES (…)` with one parameter per column of the comma-separated list. */
export function insertStatement(table: string, columns: string, dialect: Dialect): string {
  const count = columns.split(',').length;
  const marks = Array.from({ length: count }, (_, i) => parameter(dialect, i + 1));
  return `INSERT INTO ${table} (${columns}) VALUES (${marks.join(', ')})`;
}

/** A statement's parameters in the order they appear, each named as the dialect names them. */
export function parameters(dialect: Dialect): { values: string[]; arg: (value: string) => string } {
  const values: string[] = [];
  return {
    values,
    arg: (value) => {
      values.push(value);
      return parameter(dialect, values.length);
    },
  };
}
