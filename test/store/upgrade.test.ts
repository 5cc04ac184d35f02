import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../src/domain/clock.js';
import { randomIds } from '../../src/domain/ids.js';
import { addStockBundle } from '../../src/services/catalog/bundles.js';
import { demoBody } from '../../src/services/catalog/demo.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import type { Store } from '../../src/store/port.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { dropSchema, postgresReachable, randomSchema, TEST_DATABASE_URL } from './postgres-database.js';

/**
 * Databases written by an earlier coupond (SQLite migrations 1–4, PostgreSQL 1–5; see test/fixtures/upgrade), opened
 * by today's code: every later migration runs and the data reads back as the earlier version served it.
 */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/upgrade/${name}`, import.meta.url), 'utf8');

const MCHID = '1900000109';
const BRAND = '120344';
const DAY = '2026-11-20';

/** What the earlier version answered, read from its own tables before the upgrade. */
interface Before {
  productCouponId: string;
  /** Every stock in the order the earlier version listed them (bundle order, then index). */
  stocks: { stock_id: string; total_count: number }[];
  migrations: number;
}

const BEFORE_SQL = {
  productCoupon: `SELECT value FROM settings WHERE name = 'demo_product_coupon_id'`,
  stocks: `SELECT s.stock_id, s.total_count FROM stocks s JOIN stock_bundles b ON b.stock_bundle_id = s.stock_bundle_id
    ORDER BY b.seq, s.idx`,
  migrations: 'SELECT count(*) AS n FROM schema_migrations',
};

function upgradeSuite(open: () => Promise<{ before: Before; store: Store; versions: () => Promise<number[]> }>) {
  let before: Before;
  let store: Store;
  let versions: () => Promise<number[]>;
  beforeAll(async () => {
    ({ before, store, versions } = await open());
  });
  afterAll(() => store?.close());

  it('started from the earlier schema and applied every later migration', async () => {
    expect(before.migrations).toBeLessThan(6);
    expect(before.stocks.map((s) => s.total_count)).toEqual([2, 1, 0, 2, 0, 0]);
    expect(await versions()).toEqual(expect.arrayContaining([40, 50, 51]));
  });

  it('keeps tenancy and settings', async () => {
    expect((await store.getMerchant(MCHID))?.notifyUrl).toBe('http://127.0.0.1:8080/sandbox/v1/notify-sink');
    expect(await store.isBrandAuthorized(BRAND, MCHID)).toBe(true);
    expect(await store.getPlatformKey()).not.toBeNull();
  });

  it('lists the stocks in the earlier order, page by page, with their counters', async () => {
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const { stocks, total } = await store.listStocks({
        productCouponId: before.productCouponId,
        limit: 4,
        day: DAY,
        ...(after ? { afterStockId: after } : {}),
      });
      expect(total).toBe(6);
      if (stocks.length === 0) break;
      pages.push(stocks.map((s) => s.stockId));
      after = stocks.at(-1)!.stockId;
    }
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(before.stocks.map((s) => s.stock_id));
    for (const { stock_id, total_count } of before.stocks) {
      const stock = await store.getStock(stock_id, DAY);
      expect([stock?.totalCount, stock?.todayCount]).toEqual([total_count, total_count]);
    }
  });

  it('lists a bundle added after the upgrade after the earlier ones', async () => {
    const clock = new TestClock();
    clock.freeze(new Date('2026-11-21T02:00:00Z'));
    const deps: ServiceDeps = { store, clock, ids: randomIds, sandbox: true };
    const body = demoBody(clock.now(), 'http://127.0.0.1:8080/');
    const added = await addStockBundle(deps, MCHID, before.productCouponId, {
      out_request_no: 'UPGRADE_BUNDLE_3',
      brand_id: BRAND,
      stock_bundle: body.stock_bundle!,
    });
    const { stocks } = await store.listStocks({ productCouponId: before.productCouponId, limit: 20, day: DAY });
    expect(stocks.map((s) => s.stockId)).toEqual([
      ...before.stocks.map((s) => s.stock_id),
      ...added.stock_list.map((s) => s.stock_id),
    ]);
  });

  it('keeps issuances, coupons and their request records', async () => {
    const claimed = await store.getIssuance(MCHID, BRAND, 'UPGRADE_PRESEND_3');
    expect([claimed?.channel, claimed?.attach]).toEqual(['RECEIVE_COMPONENT', 'claimed']);
    const { coupons, total } = await store.listUserCoupons({
      mchid: MCHID,
      brandId: BRAND,
      openid: 'o-upgrade-user-0',
      offset: 0,
      limit: 10,
      now: new Date(),
    });
    expect(total).toBe(2);
    expect(coupons.map((c) => [c.index, c.state]).sort()).toEqual([
      [0, 'USED'],
      [1, 'CONFIRMING'],
    ]);
    const used = coupons.find((c) => c.state === 'USED')!;
    expect(used.detail).toMatchObject({
      confirm_request_no: 'UPGRADE_CONFIRM_0',
      progressive_bundle_usage_detail: { use_request_no: 'UPGRADE_USE_0' },
    });
    expect((await store.getUserCouponBundle(used.userCouponBundleId))?.usedCount).toBe(1);
    const request = { mchid: MCHID, brandId: BRAND, api: 'useUserCoupon', requestNo: 'UPGRADE_USE_0' };
    expect((await store.getRequestRecord(request))?.status).toBe(200);
  });

  it('keeps the callbacks, their attempts and their lanes', async () => {
    const { deliveries, total } = await store.listDeliveries({ offset: 0, limit: 10 });
    expect(total).toBe(5);
    expect(deliveries.map((d) => [d.state, d.attempts])).toEqual([
      ['PENDING', 0],
      ['PENDING', 0],
      ['PENDING', 0],
      ['PENDING', 1],
      ['DELIVERED', 1],
    ]);
    const attempts = await store.listDeliveryAttempts(deliveries.map((d) => d.eventId));
    expect(attempts.map((a) => a.status)).toEqual([200, 500]);
    const claimed = await store.claimDueEvents(
      '2026-11-21T00:00:00+08:00',
      '2026-11-20T03:45:00.000Z',
      '2026-11-20T03:46:00.000Z',
      10,
      8,
    );
    expect(claimed).toHaveLength(4);
  });

  it('counts the earlier coupons in the console: overview and issuance per hour', async () => {
    const overview = await store.consoleOverview(DAY);
    expect([overview.issued, overview.issuedToday, overview.merchants]).toEqual([5, 5, 1]);
    expect(overview.deliveries).toEqual({ PENDING: 4, DELIVERED: 1, FAILED: 0 });
    const hours = await store.countIssuedPerHour(before.productCouponId, '2026-11-20T00', '2026-11-20T23');
    expect(hours).toEqual([
      { hour: '2026-11-20T10', count: 3 },
      { hour: '2026-11-20T11', count: 2 },
    ]);
  });
}

describe('sqlite data folder from an earlier version', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  upgradeSuite(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coupond-upgrade-'));
    const path = join(dir, 'coupond.db');
    const old = new Database(path);
    old.exec(fixture('sqlite.sql'));
    const before: Before = {
      productCouponId: old.prepare(BEFORE_SQL.productCoupon).pluck().get() as string,
      stocks: old.prepare(BEFORE_SQL.stocks).all() as Before['stocks'],
      migrations: old.prepare(BEFORE_SQL.migrations).pluck().get() as number,
    };
    old.close();
    const store = createSqliteStore(path);
    const versions = async () => {
      const db = new Database(path, { readonly: true });
      const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
      db.close();
      expect(applied).toEqual(migrationsFor('sqlite').map((m) => m.version));
      return applied;
    };
    return { before, store, versions };
  });
});

describe.skipIf(!(await postgresReachable()))('postgres schema from an earlier version', () => {
  const schema = randomSchema();
  afterAll(() => dropSchema(schema));
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  upgradeSuite(async () => {
    await query(`CREATE SCHEMA ${schema}`);
    await query(fixture('postgres.sql'));
    const before: Before = {
      productCouponId: (await query<{ value: string }>(BEFORE_SQL.productCoupon))[0]!.value,
      stocks: await query<Before['stocks'][number]>(BEFORE_SQL.stocks),
      migrations: Number((await query<{ n: string }>(BEFORE_SQL.migrations))[0]!.n),
    };
    const store = await createPostgresStore(TEST_DATABASE_URL, { schema });
    const versions = async () => {
      const rows = await query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      const applied = rows.map((r) => r.version);
      expect(applied).toEqual(migrationsFor('postgres').map((m) => m.version));
      return applied;
    };
    return { before, store, versions };
  });
});
