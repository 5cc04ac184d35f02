import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import { openTestStore, postgresReachable } from '../store/postgres-database.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createBody,
  createCoupon,
  getStock,
  json,
  no,
  paths,
  type StockBundleT,
  type StockPageT,
  sendBundle,
  setNotifyUrl,
} from './helpers.js';

/** The catalog's races on PostgreSQL, where requests really run in parallel transactions. */
describe.skipIf(!(await postgresReachable()))('catalog on PostgreSQL', () => {
  let c: Running;
  beforeAll(async () => {
    c = await startCoupond({ store: await openTestStore() });
    await setNotifyUrl(c);
  });
  afterAll(() => c.close());

  it('20 concurrent update-budget calls with the same current_max_count change the budget once', async () => {
    const created = await createCoupon(c, { maxCount: 100 });
    const path = paths.budget(created.product_coupon_id, created.stock_bundle!.stock_bundle_id);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await c.send('POST', path, {
          out_request_no: no(`PGRACE${i}`),
          brand_id: c.merchant.brandId,
          update_mode: 'MAX_COUNT',
          current_max_count: 100,
          target_max_count: 300 + i,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(19);
    const max = (await getStock(c, created, 0)).stock_send_rule.max_count;
    expect(max).toBeGreaterThanOrEqual(300);
    expect((await getStock(c, created, 2)).stock_send_rule.max_count).toBe(max);
  });

  it('concurrent identical creates make one product coupon; concurrent adds all get distinct stocks', async () => {
    const body = createBody(c);
    const created = await Promise.all(
      Array.from({ length: 6 }, async () => json<CreatedProductCouponT>(await c.send('POST', paths.create, body))),
    );
    expect(new Set(created.map((x) => x.product_coupon_id)).size).toBe(1);
    const id = created[0]!.product_coupon_id;
    const added = await Promise.all(
      Array.from({ length: 6 }, async () =>
        json<StockBundleT>(
          await c.send('POST', paths.bundles(id), {
            out_request_no: no('PGADD'),
            brand_id: c.merchant.brandId,
            stock_bundle: bundleInput(c),
          }),
        ),
      ),
    );
    expect(new Set(added.flatMap((b) => b.stock_list.map((s) => s.stock_id))).size).toBe(18);
    const page = await json<StockPageT>(
      await c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId, page_size: 50 })),
    );
    expect(page.total_count).toBe(21);
  });

  it('a budget lowered to what was issued stops issuance; sent counts stay exact', async () => {
    const created = await createCoupon(c, { maxCount: 100, maxCountPerUser: 1 });
    for (const openid of ['o-pg1', 'o-pg2']) await sendBundle(c, created, openid);
    await json(
      await c.send('POST', paths.budget(created.product_coupon_id, created.stock_bundle!.stock_bundle_id), {
        out_request_no: no('PGLOW'),
        brand_id: c.merchant.brandId,
        update_mode: 'MAX_COUNT',
        current_max_count: 100,
        target_max_count: 2,
      }),
    );
    await sendBundle(c, created, 'o-pg3', 403);
    expect((await getStock(c, created, 0)).sent_count_info.total_count).toBe(2);
  });
});
