/**
 * How an adapter reads a JSON column: SQLite hands back the stored text, PostgreSQL's JSONB arrives parsed. `J` is
 * the column as the driver returns it.
 */
export type JsonReader<J> = <T>(stored: J) => T;

export const parseJsonText: JsonReader<string> = <T>(stored: string) => JSON.parse(stored) as T;

export const alreadyParsed: JsonReader<unknown> = <T>(stored: unknown) => stored as T;

export const readNullable = <J, T>(read: JsonReader<J>, stored: J | null): T | null =>
  stored === null ? null : read<T>(stored);

/** JSON parameters are sent as text in both dialects (node-postgres would turn a JS array into a PostgreSQL array). */
export const jsonText = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);
