import pg from 'pg';

export type PgClient = pg.PoolClient;

export interface PostgresOptions {
  /** Schema holding coupond's tables (created if missing); default: the server's `search_path`. */
  schema?: string;
  /** Connections per instance; default 10. */
  poolSize?: number;
  /** Attempts of one transaction on serialization failure or deadlock; default 5. */
  maxAttempts?: number;
}

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ';

/** Ends a transaction early with a value: the transaction rolls back and `tx` returns `value`. */
export type Rollback<T> = (value: T) => never;

export interface Database {
  readonly pool: pg.Pool;
  readonly schema: string | undefined;
  /** Runs `work` as one transaction, retried from the start on serialization failure or deadlock. */
  tx<T>(work: (c: PgClient, rollback: Rollback<T>) => Promise<T>, isolation?: Isolation): Promise<T>;
  /** One statement outside an explicit transaction (it is its own transaction). */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
}

const RETRYABLE = new Set(['40001', '40P01']);
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const ROLLBACK = Symbol('rollback');

const ignore = () => {};

export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function openDatabase(url: string, options: PostgresOptions = {}): Database {
  const { schema, poolSize = 10, maxAttempts = 5 } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A client losing its connection emits 'error'. The pool listens only while a client is idle, so a checked-out
  // client (inside a transaction, a migration) needs its own listener or the process exits. The failing query
  // rejects anyway; the transaction then releases the client as broken and the next checkout reconnects.
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));

  async function attempt<T>(work: (c: PgClient, rollback: Rollback<T>) => Promise<T>, isolation: Isolation) {
    const early: { hit: { value: T } | null } = { hit: null };
    const rollback: Rollback<T> = (value) => {
      early.hit = { value };
      throw ROLLBACK;
    };
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const value = await work(client, rollback);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
      if (error === ROLLBACK && early.hit) return early.hit.value;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    pool,
    schema,
    async tx(work, isolation = 'READ COMMITTED') {
      for (let n = 1; ; n++) {
        try {
          return await attempt(work, isolation);
        } catch (error) {
          if (n >= maxAttempts || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** n)));
        }
      }
    },
    async query(text, values) {
      return (await pool.query(text, values)).rows;
    },
  };
}
