import { camel } from '../typed/columns.js';
import { type TableName, tables } from '../typed/tables.js';

/**
 * A record as a JSON object keyed by column, for the server-side functions that read rows with
 * `jsonb_populate_record`: every column of `table` the record carries, JSON columns as values, not as text.
 */
export function rowObject(table: TableName, record: object): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, c] of Object.entries(tables[table])) {
    if (!c.owned) row[column] = (record as Record<string, unknown>)[camel(column)];
  }
  return row;
}

/** The columns `rowObject` gives, in the table's order. */
export const rowColumns = (table: TableName) =>
  Object.entries(tables[table]).flatMap(([column, c]) => (c.owned ? [] : [column]));
