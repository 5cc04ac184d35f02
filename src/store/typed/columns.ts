import type { ColumnType } from 'kysely';

/**
 * One column of the typed description. `json` columns hold JSON text on SQLite and JSONB on PostgreSQL; `hidden`
 * ones (ordering numbers) never reach a record; `owned` ones are left out of record inserts (the store sets them).
 */
export interface Column<Select = unknown, Insert = Select, Update = Insert> {
  json?: boolean;
  /** Parsed values are reused while the stored text is unchanged (read on every issuance). */
  cached?: boolean;
  hidden?: boolean;
  owned?: boolean;
  /** Only for the types: the column as Kysely sees it. */
  readonly type?: ColumnType<Select, Insert, Update>;
}

export const text = <T extends string = string>(): Column<T> => ({});
export const nullableText = <T extends string = string>(): Column<T | null> => ({});
export const integer = (): Column<number> => ({});
export const nullableInteger = (): Column<number | null> => ({});
/** BLOB on SQLite, BYTEA on PostgreSQL; both drivers answer a Buffer. */
export const bytes = (): Column<Buffer> => ({});
/** JSON values are written as text in both dialects (node-postgres would turn a JS array into a PostgreSQL array). */
export const json = <T>(options: { cached?: boolean } = {}): Column<T, string, string> => ({ json: true, ...options });
export const nullableJson = <T>(): Column<T | null, string | null, string | null> => ({ json: true });
/** A column the store fills itself (counters, delivery progress); records are inserted without it. */
export const owned = <S, I, U>(c: Column<S, I, U>): Column<S, I | undefined, U> & { owned: true } => ({
  ...c,
  owned: true,
});
/** An ordering number: PostgreSQL may generate it, so inserts may leave it out; records never show it. */
export const ordering = (): Column<number, number | undefined, number> & { hidden: true; owned: true } => ({
  hidden: true,
  owned: true,
});

export type Description = Record<string, Column>;

/** The Kysely table type of a description. */
export type TableOf<D extends Description> = {
  [K in keyof D]: D[K] extends Column<infer S, infer I, infer U> ? ColumnType<S, I, U> : never;
};

/** `snake_case` column → `camelCase` record field; `idx` is `index` in records. */
export type Camel<S extends string> = S extends 'idx'
  ? 'index'
  : S extends `${infer H}_${infer T}`
    ? `${H}${Capitalize<Camel<T>>}`
    : S;

export const camel = (column: string): string =>
  column === 'idx' ? 'index' : column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type Visible<D extends Description> = {
  [K in keyof D]: D[K] extends { hidden: true } ? never : K;
}[keyof D];

/** What a column reads as. */
type Selected<C> = C extends Column<infer S, infer _I, infer _U> ? S : never;

/** The record a row of the description maps to. */
export type RecordOf<D extends Description> = { [K in Visible<D> & string as Camel<K>]: Selected<D[K]> };

/** The fields a record insert reads: every column the store does not own. */
export type InsertOf<D extends Description> = {
  [K in keyof D & string as D[K] extends { owned: true } ? never : Camel<K>]: Selected<D[K]>;
};
