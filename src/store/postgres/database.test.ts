import { createConnection, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, postgresReachable, TEST_DATABASE_URL } from '../../../test/store/postgres-database.js';
import { openDatabase } from './database.js';
import { PostgresUnavailableError } from './stall-circuit.js';

/**
 * A TCP relay to the test server that can stall like a SIGSTOPped PostgreSQL: connections still open, bytes are
 * held in both directions until `resume`.
 */
async function stallableRelay(target: URL) {
  let stalled = false;
  const held: (() => void)[] = [];
  const relay = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => (stalled ? held.push(() => to.write(chunk)) : to.write(chunk)));
  const sockets: Socket[] = [];
  const server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) sockets.push(s.on('error', () => {}).on('close', () => s.destroy()));
    relay(client, upstream).on('close', () => upstream.destroy());
    relay(upstream, client).on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.toString(),
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const write of held.splice(0)) write();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

describe.skipIf(!(await postgresReachable()))('postgres transactions', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDatabase({ maxAttempts: 50 });
    await t.db.query('CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)');
    await t.db.query('INSERT INTO counter VALUES (1, 0)');
  });
  afterAll(() => t.close());

  it('retries a transaction that hit a serialization failure until it commits', async () => {
    const increment = () =>
      t.db.tx(async (c) => {
        const { rows } = await c.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
        await new Promise((resolve) => setTimeout(resolve, 5));
        await c.query('UPDATE counter SET n = $1 WHERE id = 1', [rows[0]!.n + 1]);
      }, 'REPEATABLE READ');
    await Promise.all(Array.from({ length: 8 }, increment));
    expect((await t.db.query<{ n: number }>('SELECT n FROM counter WHERE id = 1'))[0]!.n).toBe(8);
  });

  it('gives up after the bounded number of attempts', async () => {
    const db = openDatabase(TEST_DATABASE_URL, { schema: t.schema, maxAttempts: 3 });
    let attempts = 0;
    const failing = db.tx(async () => {
      attempts++;
      throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    await expect(failing).rejects.toThrow(/serialize/);
    expect(attempts).toBe(3);
    await db.close();
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    const failing = t.db.tx(async (c) => {
      attempts++;
      await c.query('SELECT 1/0');
    });
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(attempts).toBe(1);
  });

  it('rollback(value) undoes the transaction and returns the value', async () => {
    const result = await t.db.tx<string>(async (c, rollback) => {
      await c.query('UPDATE counter SET n = -1 WHERE id = 1');
      return rollback('undone');
    });
    expect(result).toBe('undone');
    expect((await t.db.query<{ n: number }>('SELECT n FROM counter WHERE id = 1'))[0]!.n).not.toBe(-1);
  });

  it("keeps the URL's own session options beside the schema's search_path", async () => {
    const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent('-c synchronous_commit=off')}`;
    const db = openDatabase(url, { schema: t.schema });
    const [row] = await db.query<{ sync: string; schema: string }>(
      "SELECT current_setting('synchronous_commit') AS sync, current_schema() AS schema",
    );
    expect(row).toEqual({ sync: 'off', schema: t.schema });
    await db.close();
  });

  it('once a statement stalls, the next ones fail at once, waiting ones too, until PostgreSQL answers again', async () => {
    const relay = await stallableRelay(new URL(TEST_DATABASE_URL));
    const db = openDatabase(relay.url, { schema: t.schema, poolSize: 1, timeouts: { statementMs: 100 } });
    try {
      await db.query('SELECT 1');
      relay.stall();
      const stalled = db.query('SELECT 1');
      // Waits for the only pooled connection: without the circuit it would wait out the connect timeout.
      const waiting = db.query('SELECT 2');
      await expect(stalled).rejects.toThrow('Query read timeout');
      await expect(waiting).rejects.toBeInstanceOf(PostgresUnavailableError);
      await expect(db.tx(async (c) => c.query('SELECT 3'))).rejects.toBeInstanceOf(PostgresUnavailableError);
      relay.resume();
      await vi.waitFor(() => db.query('SELECT 4'), { timeout: 10_000, interval: 50 });
    } finally {
      await db.close();
      await relay.close();
    }
  });
});
