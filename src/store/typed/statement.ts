import { type Compilable, type CompiledQuery, type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import { type Camel, camel } from './columns.js';
import { memo } from './memo.js';
import type { InsertFor, RecordFor, Row } from './records.js';
import { type Database, type TableName, type Tables, tables } from './tables.js';

type Args = Record<string, unknown>;

/** A value bound per call: reads it from the call's arguments. */
class Slot {
  constructor(readonly read: (args: Args) => unknown) {}
}

/** SQL compiled once for one dialect; `bind` turns a call's arguments into its parameters. */
export interface Statement<A, R> {
  readonly sql: string;
  bind(args: A): unknown[];
  /** Only for the types: one result row. */
  readonly row?: R;
}

function fromCompiled<A, R>(query: CompiledQuery<R>): Statement<A, R> {
  const binders = query.parameters.map((p) => (p instanceof Slot ? p.read : () => p));
  return { sql: query.sql, bind: (args) => binders.map((bind) => bind(args as Args)) };
}

/**
 * Builds the query once with a placeholder for each field of `A` and compiles it, so a call binds values to SQL
 * that is already there: no query building on the hot path.
 */
export function prepare<A, R>(build: (args: A) => Compilable<R>): Statement<A, R> {
  return fromCompiled(build(placeholders as A).compile());
}

const placeholders = new Proxy({}, { get: (_, field) => new Slot((args) => args[field as string]) });

type Prepared<A, Q> = { [K in keyof Q]: Statement<A, Q[K] extends Compilable<infer R> ? R : never> };

/**
 * Statements whose shape depends on which optional fields of `A` a call gives (list filters): prepared once per
 * shape; `given(field)` is the field's placeholder when the call gives it, else undefined.
 */
export function perShape<A extends object, Q extends Record<string, Compilable<unknown>>>(
  build: (args: A, given: <F extends keyof A>(field: F) => A[F] | undefined) => Q,
): (args: A) => Prepared<A, Q> {
  const shapeOf = memo((key: string) => {
    const fields = key.split(',');
    const given = <F extends keyof A>(f: F) => (fields.includes(f as string) ? (placeholders as A)[f] : undefined);
    const queries = Object.entries(build(placeholders as A, given));
    return Object.fromEntries(queries.map(([name, q]) => [name, fromCompiled(q.compile())])) as Prepared<A, Q>;
  });
  return (args) =>
    shapeOf(
      Object.keys(args)
        .filter((f) => args[f as keyof A] !== undefined)
        .join(),
    );
}

/** A query whose shape depends on the call (optional filters, lists of ids): compiled per call. */
export const compiled = <R>(query: Compilable<R>): Statement<void, R> => fromCompiled(query.compile());

/** SQL written for one dialect, with positional parameters. */
export const raw = <A extends unknown[], R = unknown>(sql: string): Statement<A, R> => ({ sql, bind: (args) => args });

/** JSON parameters are text in both dialects (node-postgres would turn a JS array into a PostgreSQL array). */
export const jsonText = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

/** Placeholders for a record's fields, one per column of `table` that records carry (plus `also`). */
export function recordValues<T extends TableName>(table: T, also: string[] = []): Record<string, Slot> {
  const values: Record<string, Slot> = {};
  for (const [column, c] of Object.entries(tables[table])) {
    if (c.owned && !also.includes(column)) continue;
    const field = camel(column);
    values[column] = new Slot(c.json ? (args) => jsonText(args[field]) : (args) => args[field]);
  }
  return values;
}

/** `INSERT` of a record into its table, compiled once; `also` names owned columns the call gives as well. */
export const insertRecord = <T extends TableName, A = InsertFor<T>>(
  k: Kysely<Database>,
  table: T,
  also: string[] = [],
): Statement<A, never> => compiledInsert(insertInto(k, table, also));

/** `insertRecord` that leaves a row whose key is taken as it is (`ON CONFLICT DO NOTHING`), changing no row. */
export const insertNew = <T extends TableName>(k: Kysely<Database>, table: T): Statement<InsertFor<T>, never> =>
  compiledInsert(insertInto(k, table).onConflict((oc) => oc.doNothing()));

/** `insertRecord` that replaces the other inserted columns of a row whose `key` is taken. */
export function upsertRecord<T extends TableName>(
  k: Kysely<Database>,
  table: T,
  ...key: (keyof Tables[T] & string)[]
): Statement<InsertFor<T>, never> {
  const replaced = Object.keys(recordValues(table)).filter((column) => !key.includes(column as never));
  const update = Object.fromEntries(replaced.map((c) => [c, sql.ref(`excluded.${c}`)]));
  return compiledInsert(insertInto(k, table).onConflict((oc) => oc.columns(key as never).doUpdateSet(update as never)));
}

function insertInto<T extends TableName>(k: Kysely<Database>, table: T, also: string[] = []) {
  // The placeholders stand for the record's typed fields; Kysely only sees them as values.
  return k.insertInto(table).values(recordValues(table, also) as never);
}

const compiledInsert = <A>(query: Compilable<unknown>): Statement<A, never> =>
  fromCompiled(query.compile() as CompiledQuery<never>);

/** The fields of a `T` record that name `columns`. */
type KeyOf<T extends TableName, C extends string> = Pick<RecordFor<T>, Camel<C> & keyof RecordFor<T>>;

/** Kysely over tables whose names and columns are only known when the statement is built. */
export const untyped = (k: Kysely<Database>) => k as unknown as Kysely<Record<string, Row>>;

/** `SELECT *` of the rows of `table` whose `columns` equal the call's fields of the same names, compiled once. */
export function selectBy<T extends TableName, C extends keyof Tables[T] & string>(
  k: Kysely<Database>,
  table: T,
  ...columns: C[]
): Statement<KeyOf<T, C>, Selectable<Database[T]>> {
  // The placeholders stand for the key's typed fields; Kysely only sees them as values.
  let query = untyped(k).selectFrom(table).selectAll();
  for (const column of columns)
    query = query.where(column, '=', (placeholders as Record<string, never>)[camel(column)]!);
  return fromCompiled(query.compile() as CompiledQuery<never>);
}

/** `COUNT(*)` as the integer `total` of a list (PostgreSQL counts in bigint, which node-postgres answers as text). */
export const countTotal = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
  eb.cast<number>(eb.fn.countAll(), 'integer').as('total');

/** The given `column: value` conditions of a list query; those whose value is undefined are left out. */
export const equalTo = <F extends Record<string, unknown>>(filters: F) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as {
    [C in keyof F]: Exclude<F[C], undefined>;
  };
