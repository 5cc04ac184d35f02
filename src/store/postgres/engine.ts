import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type pg from 'pg';
import { recordMappers } from '../typed/records.js';
import type { Statement } from '../typed/statement.js';
import type { Database as Tables } from '../typed/tables.js';
import { type Engine, type Op, outcomeOf, run, type Work } from '../typed/work.js';
import type { Database } from './database.js';

/** A transaction's client, or the database's own statements outside one. */
interface Queryable {
  query(text: string, values: unknown[]): Promise<pg.QueryResult>;
}

/** Runs one statement on a transaction's client or outside one: its rows, or the number of rows it changed. */
async function execute(c: Queryable, { statement, args, rows }: Op): Promise<unknown> {
  if (!statement) return 0;
  const result = await c.query(statement.sql, statement.bind(args));
  return rows ? result.rows : (result.rowCount ?? 0);
}

async function drive<T>(work: Work<T>, c: Queryable): Promise<T> {
  let step = work.next();
  while (!step.done) step = work.next(await execute(c, step.value));
  return step.value;
}

/**
 * Kysely only compiles: every statement runs through `db`, behind its stall circuit (D-30), never on a connection
 * of Kysely's own.
 */
const compileOnly = () =>
  new Kysely<Tables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });

/** Units of work on PostgreSQL: the statements of one unit run on one client, in one transaction when needed. */
export function postgresEngine(db: Database): Engine {
  const k = compileOnly();
  const outside: Queryable = { query: (text, values) => db.execute(text, values) };
  return {
    k,
    dialect: 'postgres',
    records: recordMappers(false),
    read: (work) => drive(work(), outside),
    row: async <A, R>(statement: Statement<A, R>, args: A) =>
      (await db.execute(statement.sql, statement.bind(args))).rows[0] as R | undefined,
    snapshot: (work) => db.tx((c) => drive(work(), c), 'REPEATABLE READ'),
    change: (statement, args) => drive(run(statement, args), outside),
    write: (work) => db.tx((c, rollback) => drive(work(), c).catch((e: unknown) => rollback(outcomeOf(e)))),
  };
}
