import type { Kysely } from 'kysely';
import { type Camel, camel } from './columns.js';
import type { Mappers, RecordFor } from './records.js';
import { type Statement, selectBy } from './statement.js';
import type { Database, TableName, Tables } from './tables.js';

/**
 * A unit of store work written once for both databases, as a generator: it yields each statement and gets its
 * result back. SQLite runs it synchronously inside its transaction; PostgreSQL awaits each statement on one client.
 */
export interface Op {
  /** `null`: a step this dialect does not need (it answers 0). */
  statement: Statement<unknown, unknown> | null;
  args: unknown;
  rows: boolean;
}
export type Work<T> = Generator<Op, T, unknown>;

export function* all<A, R>(statement: Statement<A, R>, args: A): Work<R[]> {
  return (yield { statement: statement as Statement<unknown, unknown>, args, rows: true }) as R[];
}

export function* first<A, R>(statement: Statement<A, R>, args: A): Work<R | undefined> {
  return (yield* all(statement, args))[0];
}

/** A read of one row, as `map` makes it, or null when there is none. */
export const readOne =
  <A, R, T>(e: Engine, statement: Statement<A, R>, map: (row: R) => T) =>
  async (args: A): Promise<T | null> => {
    const row = await e.row(statement, args);
    return row ? map(row) : null;
  };

/** The rows of one read, each as `map` makes it. */
export const readAll =
  <A, R, T>(e: Engine, statement: Statement<A, R>, map: (row: R) => T) =>
  (args: A): Promise<T[]> =>
    e.read(function* () {
      return (yield* all(statement, args)).map(map);
    });

/** `call` taking the fields `names` of its argument as positional arguments, in that order. */
export const positional =
  <A, R, const N extends readonly string[]>(call: (args: A) => R, ...names: N) =>
  (...values: { [I in keyof N]: NoInfer<A>[N[I] & keyof A] }): R =>
    call(Object.fromEntries(names.map((name, i) => [name, values[i]])) as A);

/** Whether one read finds a row. */
export const exists =
  <A>(e: Engine, statement: Statement<A, unknown>) =>
  async (args: A): Promise<boolean> =>
    (await e.row(statement, args)) !== undefined;

/** A read of the record of `table` whose `columns` equal the call's arguments, in order, or null when there is none. */
export function recordBy<T extends TableName, C extends (keyof Tables[T] & string)[]>(
  e: Engine,
  table: T,
  ...columns: C
) {
  const read = readOne(e, selectBy(e.k, table, ...columns), e.records(table));
  const fields = columns.map(camel);
  return (...values: { [I in keyof C]: RecordFor<T>[Camel<C[I]> & keyof RecordFor<T>] }) =>
    read(Object.fromEntries(fields.map((field, i) => [field, values[i]])) as never);
}

/** One statement as its own transaction: whether it changed a row. */
export const changes =
  <A>(e: Engine, statement: Statement<A, unknown>) =>
  async (args: A): Promise<boolean> =>
    (await e.change(statement, args)) > 0;

/** One statement as its own transaction, for writes that answer nothing. */
export const writes =
  <A>(e: Engine, statement: Statement<A, unknown>) =>
  async (args: A): Promise<void> => {
    await e.change(statement, args);
  };

/** Runs a statement; the number of rows it changed. */
export function* run<A>(statement: Statement<A, unknown> | null, args: A): Work<number> {
  return (yield { statement: statement as Statement<unknown, unknown> | null, args, rows: false }) as number;
}

/** Thrown inside a unit of work to roll it back and answer `outcome` instead. */
export class RollbackWith<T> {
  constructor(readonly outcome: T) {}
}

/** The outcome a `RollbackWith` carried; any other error is thrown again. */
export function outcomeOf<T>(error: unknown): T {
  if (error instanceof RollbackWith) return error.outcome as T;
  throw error;
}

/** How an adapter runs units of work. */
export interface Engine {
  readonly k: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Row → record mappers of every table. */
  readonly records: Mappers;
  /** Reads outside an explicit transaction. */
  read<T>(work: () => Work<T>): Promise<T>;
  /** Several reads that must agree with each other (a page and its total). */
  snapshot<T>(work: () => Work<T>): Promise<T>;
  /** The first row of one read statement, outside an explicit transaction: no unit of work around it. */
  row<A, R>(statement: Statement<A, R>, args: A): Promise<R | undefined>;
  /** One statement as its own transaction; the number of rows it changed. */
  change<A>(statement: Statement<A, unknown>, args: A): Promise<number>;
  /** One transaction; a `RollbackWith` undoes it and its outcome is the answer. */
  write<T>(work: () => Work<T>): Promise<T>;
}
