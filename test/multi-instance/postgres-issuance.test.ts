import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/port.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { createCatalog, request } from '../fixtures/catalog.js';
import { tally } from '../store/contract/concurrency.js';
import { DAY, issueCommand, LATER } from '../store/contract/fixtures.js';
import { openTestDatabase, postgresReachable, TEST_DATABASE_URL } from '../store/postgres-database.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

/**
 * Three instances = three independent stores (own pools) on one database schema, as three server processes
 * would be. D-12 must hold across them.
 */
describe.skipIf(!(await postgresReachable()))('several instances on one PostgreSQL database', () => {
  let t: TestDb;
  let instances: Store[];
  beforeAll(async () => {
    t = await openTestDatabase();
    instances = await Promise.all(
      [0, 1, 2].map(() => createPostgresStore(TEST_DATABASE_URL, { schema: t.schema, poolSize: 8 })),
    );
  });
  afterAll(async () => {
    await Promise.all(instances.map((s) => s.close()));
    await t.close();
  });

  const count = async (sql: string, values: unknown[]) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, values))[0]!.n;
  /** Coupons of a bundle's product coupon as the console's hourly counters have them (D-61). */
  const hourlyCount = async (stockBundleId: string) =>
    (
      await t.db.query<{ n: number }>(
        `SELECT coalesce(sum(count), 0)::int AS n FROM issuance_hours
         WHERE product_coupon_id = (SELECT product_coupon_id FROM stock_bundles WHERE stock_bundle_id = $1)`,
        [stockBundleId],
      )
    )[0]!.n;

  it('600 attempts from 3 instances on max_count 100 issue exactly 100; counters equal rows', async () => {
    const f = await createCatalog(instances[0]!, { maxCount: 100, maxCountPerDay: 1000 });
    const commands = Array.from({ length: 600 }, () => issueCommand(f.stocks));
    const outcomes = await Promise.all(commands.map((c, n) => instances[n % 3]!.issueBundle(c)));
    expect(tally(outcomes)).toEqual({ ISSUED: 100, SOLD_OUT: 500 });

    const bundle = [f.bundle.stockBundleId];
    const stock = await instances[1]!.getStock(f.stocks[0]!.stockId, DAY);
    expect(stock).toMatchObject({ totalCount: 100, todayCount: 100 });
    expect(await count('issuances WHERE stock_bundle_id = $1', bundle)).toBe(100);
    expect(await count('user_coupon_bundles WHERE stock_bundle_id = $1', bundle)).toBe(100);
    expect(await count('user_coupons WHERE stock_bundle_id = $1', bundle)).toBe(100);
    expect(
      await count(
        "outbox WHERE resource->>'user_coupon_bundle_id' IN (SELECT user_coupon_bundle_id FROM user_coupon_bundles WHERE stock_bundle_id = $1)",
        bundle,
      ),
    ).toBe(100);
    const users = await t.db.query<{ total: number }>(
      'SELECT COALESCE(sum(count), 0)::int AS total FROM user_counts WHERE stock_id = $1',
      [f.stocks[0]!.stockId],
    );
    expect(users[0]!.total).toBe(100);
    expect(await hourlyCount(f.bundle.stockBundleId)).toBe(100);
  });

  // A batch takes units before it locks the stock and checks them under the lock (D-127). Each instance's batch of
  // 20 fits the daily cap of 40 as read; under the lock the third no longer fits, runs again holding it, and refuses.
  it('60 attempts from 3 instances on a daily cap of 40 issue exactly 40; day, hour and total counters agree', async () => {
    const f = await createCatalog(instances[0]!, { maxCount: 1000, maxCountPerDay: 40 });
    const commands = Array.from({ length: 60 }, () => issueCommand(f.stocks));
    const outcomes = await Promise.all(commands.map((c, n) => instances[n % 3]!.issueBundle(c)));
    expect(tally(outcomes)).toEqual({ ISSUED: 40, DAILY_SOLD_OUT: 20 });
    expect(await instances[2]!.getStock(f.stocks[0]!.stockId, DAY)).toMatchObject({ totalCount: 40, todayCount: 40 });
    expect(await count('user_coupons WHERE stock_bundle_id = $1', [f.bundle.stockBundleId])).toBe(40);
    expect(await hourlyCount(f.bundle.stockBundleId)).toBe(40);
  });

  it('per-user limit and request numbers hold across instances', async () => {
    const f = await createCatalog(instances[0]!, { maxCount: 1000, maxCountPerUser: 3 });
    const oneUser = Array.from({ length: 60 }, () => issueCommand(f.stocks, { openid: 'o-shared' }));
    const sameNo = Array.from({ length: 60 }, () => issueCommand(f.stocks, { sendRequestNo: 'shared-send-no' }));
    const [a, b] = await Promise.all([
      Promise.all(oneUser.map((c, n) => instances[n % 3]!.issueBundle(c))),
      Promise.all(sameNo.map((c, n) => instances[(n + 1) % 3]!.issueBundle(c))),
    ]);
    expect(tally(a)).toEqual({ ISSUED: 3, USER_LIMIT_REACHED: 57 });
    expect(tally(b)).toEqual({ ISSUED: 1, EXISTING: 59 });
    expect(await instances[2]!.getUserCount(f.stocks[0]!.stockId, 'o-shared')).toBe(3);
    expect((await instances[0]!.getStock(f.stocks[0]!.stockId, DAY))?.totalCount).toBe(4);
    expect(await count('issuances WHERE stock_bundle_id = $1', [f.bundle.stockBundleId])).toBe(4);
  });

  it('a pool of 40 codes claimed 240 times from 3 instances hands each code out once (D-86)', async () => {
    const f = await createCatalog(instances[0]!, { maxCount: 1000, codeMode: 'UPLOAD' });
    const s0 = f.stocks[0]!.stockId;
    const codes = Array.from({ length: 40 }, (_, n) => `${s0}-multi-${n}`);
    const uploads = await Promise.all(
      instances.map((s, n) => {
        const { response: _, ...req } = request('upload-coupon-codes', `multi-up-${s0}-${n}`);
        return s.uploadCouponCodes(req, s0, codes, (stored) => ({ stored }));
      }),
    );
    expect(uploads.flatMap((u) => (u.ran ? u.value : [])).sort()).toEqual([...codes].sort());
    const commands = Array.from({ length: 240 }, () => ({ ...issueCommand(f.stocks), fromPool: true as const }));
    const outcomes = await Promise.all(commands.map((c, n) => instances[n % 3]!.issueBundle(c)));
    expect(tally(outcomes)).toEqual({ ISSUED: 40, NO_CODES: 200 });
    const handedOut = outcomes.flatMap((o) => (o.kind === 'ISSUED' ? [o.couponCode] : []));
    expect(handedOut.sort()).toEqual([...codes].sort());
    expect(await count('user_coupons WHERE stock_id = $1', [s0])).toBe(40);
    expect((await instances[2]!.getStock(s0, DAY))?.data.coupon_code_count_info).toEqual({
      total_count: 40,
      available_count: 0,
    });
    expect((await instances[1]!.getStock(s0, DAY))?.totalCount).toBe(40);
  });

  it('a budget change sent to every instance at once applies once', async () => {
    const f = await createCatalog(instances[0]!, { maxCount: 100 });
    const results = await Promise.all(
      instances.flatMap((s) =>
        [1, 2, 3].map(() =>
          s.updateBundleBudget(request('update-budget'), f.bundle.stockBundleId, 'max_count', 100, 150, DAY, LATER),
        ),
      ),
    );
    expect(results.filter((r) => r.ran && r.value.ok)).toHaveLength(1);
    expect((await instances[2]!.getStock(f.stocks[2]!.stockId, DAY))?.maxCount).toBe(150);
  });

  it('a nonce seen by one instance is a replay on the others', async () => {
    const now = new Date('2026-03-01T02:00:00Z');
    const until = new Date('2026-03-01T02:05:00Z');
    const results = await Promise.all(instances.map((s) => s.rememberNonce('1900000001', 'nonce-x', now, until)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
