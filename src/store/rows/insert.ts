export type Dialect = 'sqlite' | 'postgres';

/** `INSERT INTO table (columns) VALUES (…)` with one placeholder per column: `?` in SQLite, `$n` in PostgreSQL. */
export function insertStatement(table: string, columns: string, dialect: Dialect): string {
  const count = columns.split(',').length;
  const marks = Array.from({ length: count }, (_, i) => (dialect === 'sqlite' ? '?' : `$${i + 1}`));
  return `INSERT INTO ${table} (${columns}) VALUES (${marks.join(', ')})`;
}
