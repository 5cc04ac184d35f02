import { camel } from '../typed/columns.js';
import { memo } from '../typed/memo.js';
import { type TableName, tables } from '../typed/tables.js';

/** The columns a record of `table` carries, in the table's order. */
export const rowColumns = (table: TableName) =>
  Object.entries(tables[table]).flatMap(([column, c]) => (c.owned ? [] : [column]));

const fieldsOf = memo((table: TableName) => rowColumns(table).map((column) => [column, camel(column)] as const));

/**
 * A record as a JSON object keyed by column, for the server-side functions that read rows with
 * `jsonb_populate_record`: every column of `table` the record carries, JSON columns as values, not as text.
 */
export function rowObject(table: TableName, record: object): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, field] of fieldsOf(table)) row[column] = (record as Record<string, unknown>)[field];
  return row;
}
