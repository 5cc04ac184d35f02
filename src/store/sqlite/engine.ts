import { Kysely, SqliteDialect } from 'kysely';
import type { BatchTally } from '../batch-tally.js';
import { memo } from '../typed/memo.js';
import { recordMappers } from '../typed/records.js';
import type { Statement } from '../typed/statement.js';
import type { Database } from '../typed/tables.js';
import { type Engine, type Op, outcomeOf, type Work } from '../typed/work.js';
import type { SqliteDb } from './database.js';
import { GroupCommit } from './group-commit.js';

export interface SqliteEngine extends Engine {
  /** Runs a unit of work synchronously, inside whatever transaction is open. */
  drive<T>(work: Work<T>): T;
  /** Runs `unit` in its own savepoint of the next group commit. */
  batch<R>(unit: () => R): Promise<R>;
  /** A typed statement as one better-sqlite3 prepared statement, for transactions written for SQLite alone. */
  prepared<A, R>(statement: Statement<A, R>): Prepared<A, R>;
}

interface Prepared<A, R> {
  run(args: A): number;
  get(args: A): R | undefined;
}

/**
 * Units of work on SQLite: each statement is prepared once by better-sqlite3 and reused; writes join the group
 * commit, so concurrent ones share one fsync.
 */
export function sqliteEngine(db: SqliteDb, tally?: BatchTally): SqliteEngine {
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });
  const statementFor = memo((sql: string) => db.prepare(sql), 1000);
  const execute = ({ statement, args, rows }: Op): unknown => {
    if (!statement) return 0;
    const s = statementFor(statement.sql);
    return rows ? s.all(statement.bind(args)) : s.run(statement.bind(args)).changes;
  };
  function drive<T>(work: Work<T>): T {
    let step = work.next();
    while (!step.done) step = work.next(execute(step.value));
    return step.value;
  }
  const committer = new GroupCommit(db, tally);
  return {
    k,
    dialect: 'sqlite',
    records: recordMappers(true),
    drive,
    batch: (unit) => committer.submit(unit),
    prepared: <A, R>({ sql, bind }: Statement<A, R>) => {
      const s = db.prepare(sql);
      return { run: (args: A) => s.run(bind(args)).changes, get: (args: A) => s.get(bind(args)) as R | undefined };
    },
    read: async (work) => drive(work()),
    row: async (statement, args) => statementFor(statement.sql).get(statement.bind(args)) as never,
    snapshot: async (work) => drive(work()),
    change: (statement, args) => committer.submit(() => execute({ statement, args, rows: false }) as number),
    write: (work) => committer.submit(() => drive(work())).catch((e: unknown) => outcomeOf(e)),
  };
}
