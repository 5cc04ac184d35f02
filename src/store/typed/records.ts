import { type Column, camel, type InsertOf, type RecordOf } from './columns.js';
import { type TableName, type Tables, tables } from './tables.js';

export type Row = Record<string, unknown>;
/** The record a row of the table maps to, and the part of it a record insert writes. */
export type RecordFor<T extends TableName> = RecordOf<Tables[T]>;
export type InsertFor<T extends TableName> = InsertOf<Tables[T]>;

/**
 * Parsed JSON reused while the stored text is unchanged: issuance reads the same stocks over and over, and parsing
 * them is most of the read. Records are never mutated in place, so sharing the parsed object is safe.
 */
class ParsedCache {
  private readonly entries = new Map<string, unknown>();
  constructor(private readonly max = 10_000) {}
  get(text: string): unknown {
    let value = this.entries.get(text);
    if (value === undefined) {
      value = JSON.parse(text);
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(text, value);
    }
    return value;
  }
}

type Read = (stored: unknown) => unknown;

/** Maps rows of every table to records; `jsonIsText` when the driver returns JSON columns as text (SQLite). */
export function recordMappers(jsonIsText: boolean) {
  const cache = new ParsedCache();
  const parse: Read = (v) => (v === null ? null : JSON.parse(v as string));
  const cached: Read = (v) => (v === null ? null : cache.get(v as string));
  const mappers = new Map<TableName, (row: Row) => unknown>();

  function build(table: TableName): (row: Row) => unknown {
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
  }

  return <T extends TableName>(table: T): ((row: Row) => RecordFor<T>) => {
    let mapper = mappers.get(table);
    if (!mapper) {
      mapper = build(table);
      mappers.set(table, mapper);
    }
    return mapper as (row: Row) => RecordFor<T>;
  };
}

export type Mappers = ReturnType<typeof recordMappers>;
