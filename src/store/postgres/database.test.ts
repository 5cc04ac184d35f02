import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresReachable, TEST_DATABASE_URL } from '../../../test/store/postgres-database.js';
import { openDatabase } from './database.js';

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
    await db.pool.end();
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
    await db.pool.end();
  });
});
