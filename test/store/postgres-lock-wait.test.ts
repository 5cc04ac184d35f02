import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../fixtures/catalog.js';
import { DAY, issueCommand } from './contract/fixtures.js';
import { openTestStore, postgresReachable, randomSchema, TEST_DATABASE_URL } from './postgres-database.js';

/** A claim batch that waits for stock #0's row past `lock_timeout` is run again (D-51), not failed. */
describe.skipIf(!(await postgresReachable()))('postgres claims behind a held stock row', () => {
  it('a claim whose call timed out waiting for the stock row issues once the row is free', async () => {
    const schema = randomSchema();
    const store = await openTestStore({ schema, timeouts: { lockMs: 100 } });
    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
    try {
      const f = await createCatalog(store);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM ${schema}.stocks WHERE stock_id = $1 FOR UPDATE`, [f.stocks[0]!.stockId]);
      const claim = store.issueBundle(issueCommand(f.stocks));
      await sleep(250);
      await holder.query('COMMIT');
      expect(await claim).toEqual({ kind: 'ISSUED' });
      expect((await store.getStock(f.stocks[0]!.stockId, DAY))?.totalCount).toBe(1);
    } finally {
      await holder.end().catch(() => {});
      await store.close();
    }
  });
});
