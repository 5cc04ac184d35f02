import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../test/fixtures/catalog.js';
import { openTestDatabase, postgresReachable, TEST_DATABASE_URL } from '../../../test/store/postgres-database.js';
import { createPostgresStore } from './index.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

/** D-12's last line of defence: even a buggy statement cannot overissue. */
describe.skipIf(!(await postgresReachable()))('postgres constraints', () => {
  let t: TestDb;
  let stockId: string;
  beforeAll(async () => {
    t = await openTestDatabase();
    const store = await createPostgresStore(TEST_DATABASE_URL, { schema: t.schema });
    const f = await createCatalog(store, { maxCount: 5, maxCountPerDay: 3 });
    stockId = f.stocks[0]!.stockId;
    await store.close();
  });
  afterAll(() => t.close());

  const violation = (sql: string, values: unknown[]) =>
    expect(t.db.query(sql, values)).rejects.toMatchObject({ code: '23514' });

  it('total_count cannot exceed max_count, nor go negative', async () => {
    await violation('UPDATE stocks SET total_count = 6 WHERE stock_id = $1', [stockId]);
    await violation('UPDATE stocks SET total_count = -1 WHERE stock_id = $1', [stockId]);
    await t.db.query('UPDATE stocks SET total_count = 5 WHERE stock_id = $1', [stockId]);
    await violation('UPDATE stocks SET max_count = 4 WHERE stock_id = $1', [stockId]);
  });

  it('day and per-user counters cannot exceed their caps', async () => {
    await violation("INSERT INTO stock_day_counts (stock_id, day, count, cap) VALUES ($1, '2026-03-01', 4, 3)", [
      stockId,
    ]);
    await violation("INSERT INTO user_counts (stock_id, user_key, count, cap) VALUES ($1, 'u', 2, 1)", [stockId]);
  });

  it('caps stay within the documented ranges', async () => {
    await violation('UPDATE stocks SET max_count_per_user = 101 WHERE stock_id = $1', [stockId]);
    await violation('UPDATE stocks SET max_count_per_day = 0 WHERE stock_id = $1', [stockId]);
    await violation("UPDATE stocks SET state = 'GONE' WHERE stock_id = $1", [stockId]);
  });
});
