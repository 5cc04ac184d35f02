import pg from 'pg';
import { clientTimedOut, sqlState } from './errors.js';
import { stallCircuit } from './stall-circuit.js';

/** How long the database path may wait before a request fails (D-30); milliseconds. */
export interface PostgresTimeouts {
  /** Waiting for a pooled connection: for a busy one to come free, or for a new one to open. */
  connectMs: number;
  /** Server-side `statement_timeout`; the client gives up `CLIENT_GRACE_MS` later if the server says nothing. */
  statementMs: number;
  /** Server-side `lock_timeout`: waiting for a row lock another transaction holds. */
  lockMs: number;
  /** Server-side `idle_in_transaction_session_timeout`: a stalled process holding locks is cut off. */
  idleInTransactionMs: number;
}

export const POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectMs: 5000,
  statementMs: 2000,
  lockMs: 1000,
  idleInTransactionMs: 10_000,
};

/** Connections per instance unless `poolSize` says otherwise (docs/postgres.md, "Pool sizing"). */
export const POSTGRES_POOL_SIZE = 10;

/** A stalled server cannot cancel a statement itself, so the client stops waiting this long after it should have. */
const CLIENT_GRACE_MS = 1000;

export interface PostgresOptions {
  /** Schema holding coupond's tables (created if missing); default: the server's `search_path`. */
  schema?: string;
  /** Connections per instance; default `POSTGRES_POOL_SIZE`. */
  poolSize?: number;
  /** Attempts of one transaction on serialization failure or deadlock; default 5. */
  maxAttempts?: number;
  /** Any left out keep `POSTGRES_TIMEOUTS`. */
  timeouts?: Partial<PostgresTimeouts>;
}

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ';

/** Ends a transaction early with a value: the transaction rolls back and `tx` returns `value`. */
type Rollback<T> = (value: T) => never;

type Work<T> = (c: pg.PoolClient, rollback: Rollback<T>) => Promise<T>;

/**
 * A statement each connection parses once and keeps (D-132): for the fixed statements of the group-committed calls,
 * which would otherwise be planned again on every call. Its result columns must not depend on a table's columns
 * (no `SELECT *`), so a migration adding a column cannot change what a kept statement returns.
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}

type Statement = string | Prepared;

export interface Database {
  readonly schema: string | undefined;
  /** Runs `work` as one transaction, retried from the start on serialization failure, deadlock or lock timeout. */
  tx<T>(work: Work<T>, isolation?: Isolation): Promise<T>;
  /** One statement outside an explicit transaction (it is its own transaction): its whole result. */
  execute<R extends pg.QueryResultRow>(statement: Statement, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** `execute`, its rows only. */
  query<R extends pg.QueryResultRow>(statement: Statement, values?: unknown[]): Promise<R[]>;
  /** `query`, run again on serialization failure, deadlock or lock timeout like `tx`: for server-side functions. */
  call<R extends pg.QueryResultRow>(statement: Statement, values?: unknown[]): Promise<R[]>;
  /** A connection of its own without statement or lock timeouts, for migrations; the caller ends it. */
  maintenanceClient(): Promise<pg.Client>;
  /** Stops probing a stalled server and closes the pool. */
  close(): Promise<void>;
}

/** Serialization failure, deadlock, lock timeout: the transaction rolled back whole, so running it again is safe. */
const RETRYABLE = new Set(['40001', '40P01', '55P03']);
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const ROLLBACK = Symbol('rollback');

const ignore = () => {};

/**
 * The URL's own `options` (e.g. `-c synchronous_commit=off`) would replace a `search_path` given beside them, as
 * node-postgres lets the URL win: the schema's `search_path` is appended to them instead.
 */
function withSearchPath(
  url: string,
  schema: string | undefined,
): Pick<pg.ClientConfig, 'connectionString' | 'options'> {
  if (!schema) return { connectionString: url };
  // A URL WHATWG cannot parse (a socket directory as host: `postgresql://user@/db?host=/run/postgresql`) goes to
  // node-postgres unchanged; `options` in such a URL would still replace the search_path.
  if (!URL.canParse(url)) return { connectionString: url, options: `-c search_path=${schema}` };
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: [own, `-c search_path=${schema}`].filter(Boolean).join(' ') };
}

/** The limits every pooled connection carries (D-30). */
function sessionLimits(timeouts: PostgresTimeouts): pg.ClientConfig {
  return {
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
  };
}

/** A connection of its own and `SELECT 1`, within the pool's limits: whether PostgreSQL answers again. */
async function probe(config: pg.ClientConfig): Promise<void> {
  const client = new pg.Client(config);
  client.on('error', ignore);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    client.end().catch(ignore);
  }
}

/** The pool's checkouts behind a stall circuit (D-30), which failed statements are shown to. */
function guardedPool(pool: pg.Pool, probeConfig: pg.ClientConfig) {
  const circuit = stallCircuit(() => probe(probeConfig));
  return { circuit, checkout: () => circuit.checkout(() => pool.connect()) };
}

type Guarded = ReturnType<typeof guardedPool>;

/** One statement on a pooled connection; as with `pg.Pool#query`, a connection whose statement failed is dropped. */
async function runStatement<R extends pg.QueryResultRow>(
  { circuit, checkout }: Guarded,
  statement: Statement,
  values?: unknown[],
): Promise<pg.QueryResult<R>> {
  const client = await checkout();
  let failed: Error | undefined;
  try {
    return await (typeof statement === 'string'
      ? client.query<R>(statement, values)
      : client.query<R>({ name: statement.name, text: statement.text, values }));
  } catch (error) {
    circuit.observe(error);
    failed = error as Error;
    throw error;
  } finally {
    client.release(failed);
  }
}

async function runTransaction<T>({ circuit, checkout }: Guarded, work: Work<T>, isolation: Isolation): Promise<T> {
  const early: { hit: { value: T } | null } = { hit: null };
  const rollback: Rollback<T> = (value) => {
    early.hit = { value };
    throw ROLLBACK;
  };
  const client = await checkout();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const value = await work(client, rollback);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    circuit.observe(error);
    if (clientTimedOut(error)) broken = error as Error;
    else
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
    if (error === ROLLBACK && early.hit) return early.hit.value;
    throw error;
  } finally {
    client.release(broken);
  }
}

async function retried<T>(run: () => Promise<T>, maxAttempts: number): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await run();
    } catch (error) {
      if (n >= maxAttempts || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** n)));
    }
  }
}

export function openDatabase(url: string, options: PostgresOptions = {}): Database {
  const { schema, poolSize = POSTGRES_POOL_SIZE, maxAttempts = 5 } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const timeouts = { ...POSTGRES_TIMEOUTS, ...options.timeouts };
  const connection: pg.ClientConfig = {
    ...withSearchPath(url, schema),
    connectionTimeoutMillis: timeouts.connectMs,
  };
  const pool = new pg.Pool({ ...connection, max: poolSize, ...sessionLimits(timeouts) });
  // A client losing its connection emits 'error'. The pool listens only while a client is idle, so a checked-out
  // client (inside a transaction, a migration) needs its own listener or the process exits. The failing query
  // rejects anyway; the transaction then releases the client as broken and the next checkout reconnects.
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  const guarded = guardedPool(pool, { ...connection, ...sessionLimits(timeouts) });
  const execute = <R extends pg.QueryResultRow>(statement: Statement, values?: unknown[]) =>
    runStatement<R>(guarded, statement, values);
  const query = async <R extends pg.QueryResultRow>(statement: Statement, values?: unknown[]) =>
    (await execute<R>(statement, values)).rows;

  return {
    schema,
    tx: (work, isolation = 'READ COMMITTED') => retried(() => runTransaction(guarded, work, isolation), maxAttempts),
    execute,
    query,
    call: (statement, values) => retried(() => query(statement, values), maxAttempts),
    async maintenanceClient() {
      const client = new pg.Client(connection);
      client.on('error', ignore);
      await client.connect();
      return client;
    },
    async close() {
      guarded.circuit.stop();
      await pool.end();
    },
  };
}
