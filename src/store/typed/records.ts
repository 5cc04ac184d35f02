import { type Column, camel, type InsertOf, type RecordOf } from './columns.js';
import { memo } from './memo.js';
import { type TableName, type Tables, tables } from './tables.js';

export type Row = Record<string, unknown>;
/** The record a row of the table maps to, and the part of it a record insert writes. */
export type RecordFor<T extends TableName> = RecordOf<Tables[T]>;
export type InsertFor<T extends TableName> = InsertOf<Tables[T]>;

type Read = (stored: unknown) => unknown;

/** Maps rows of every table to records; `jsonIsText` when the driver returns JSON columns as text (SQLite). */
export function recordMappers(jsonIsText: boolean) {
  // Parsed JSON reused while the stored text is unchanged: issuance reads the same stocks over and over, and parsing
  // them is most of the read. Records are never mutated in place, so sharing the parsed object is safe.
  const parsed = memo((text: string): unknown => JSON.parse(text), 10_000);
  const parse: Read = (v) => (v === null ? null : JSON.parse(v as string));
  const cached: Read = (v) => (v === null ? null : parsed(v as string));

  const mapperOf = memo((table: TableName): ((row: Row) => unknown) => {
    const plan: [column: string, field: string, read: Read | null][] = [];
    for (const [column, c] of Object.entries(tables[table] as Record<string, Column>)) {
      if (c.hidden) continue;
      plan.push([column, camel(column), jsonIsText && c.json ? (c.cached ? cached : parse) : null]);
    }
    return (row) => {
      const record: Row = {};
      for (const [column, field, read] of plan) record[field] = read ? read(row[column]) : row[column];
      return record;
    };
  });
  return <T extends TableName>(table: T) => mapperOf(table) as (row: Row) => RecordFor<T>;
}

export type Mappers = ReturnType<typeof recordMappers>;
