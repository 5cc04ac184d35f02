import { camel } from '../typed/columns.js';
import { type TableName, tables } from '../typed/tables.js';

/** The columns a record of `table` carries, in the table's order. */
export const rowColumns = (table: TableName) =>
  Object.entries(tables[table]).flatMap(([column, c]) => (c.owned ? [] : [column]));

const fields = new Map<TableName, [column: string, field: string][]>();

/**
 * A record as a JSON object keyed by column, for the server-side functions that read rows with
 * `jsonb_populate_record`: every column of `table` the record carries, JSON columns as values, not as text.
 */
export function rowObject(table: TableName, record: object): Record<string, unknown> {
  let plan = fields.get(table);
  if (!plan) {
    plan = rowColumns(table).map((column) => [column, camel(column)]);
    fields.set(table, plan);
  }
  const row: Record<string, unknown> = {};
  for (const [column, field] of plan) row[column] = (record as Record<string, unknown>)[field];
  return row;
}
