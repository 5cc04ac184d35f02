import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiMidnight } from '../../src/domain/clock.js';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createCoupon,
  getStock,
  json,
  no,
  paths,
  type StockBundleT,
  type StockPageT,
  type StockT,
  sendBundle,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const list = async (id: string, query: Record<string, string | number> = {}) =>
  json<StockPageT>(await c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId, ...query })));

describe('查询商品券指定批次', () => {
  it('returns the Stock object of its round', async () => {
    const created = await createCoupon(c);
    const stock = await getStock(c, created, 1);
    expect(stock).toEqual(created.stock_bundle!.stock_list[1]);
    expect(stock.progressive_bundle_usage_rule?.normal_coupon).toEqual({ threshold: 10000, discount_amount: 1500 });
  });
});

describe('查询商品券批次列表', () => {
  let created: CreatedProductCouponT;
  let second: StockBundleT;
  beforeAll(async () => {
    created = await createCoupon(c);
    const id = created.product_coupon_id;
    second = await json<StockBundleT>(
      await c.send('POST', paths.bundles(id), {
        out_request_no: no('ADD'),
        brand_id: c.merchant.brandId,
        stock_bundle: bundleInput(c),
      }),
    );
    await json(
      await c.send('POST', paths.bundles(id), {
        out_request_no: no('ADD'),
        brand_id: c.merchant.brandId,
        stock_bundle: bundleInput(c),
      }),
    );
  });

  it('pages through every stock in creation order; total_count only on the first page, no token on the last', async () => {
    const id = created.product_coupon_id;
    const seen: StockT[] = [];
    let page = await list(id, { page_size: 4 });
    expect(page.total_count).toBe(9);
    seen.push(...(page.stock_list ?? []));
    while (page.next_page_token) {
      page = await list(id, { page_size: 4, page_token: page.next_page_token });
      expect(page.total_count).toBeUndefined();
      seen.push(...(page.stock_list ?? []));
    }
    expect(seen.map((s) => s.stock_id)).toEqual(
      Array.from({ length: 9 }, (_, i) => id + String(i + 1).padStart(3, '0')),
    );
  });

  it('page_size defaults to 20; filters by bundle and by state', async () => {
    const id = created.product_coupon_id;
    const all = await list(id);
    expect(all.stock_list).toHaveLength(9);
    expect(all.next_page_token).toBeUndefined();
    const one = await list(id, { stock_bundle_id: second.stock_bundle_id });
    expect(one).toEqual({ total_count: 3, stock_list: second.stock_list });
    expect(await list(id, { state: 'DEACTIVATED' })).toEqual({ total_count: 0, stock_list: [] });
    expect((await list(id, { state: 'SENDING' })).total_count).toBe(9);
    expect(await list(id, { stock_bundle_id: '700000000000000000' })).toEqual({ total_count: 0, stock_list: [] });
  });
});

describe('sent_count_info (D-11, D-13)', () => {
  it('counts each issued bundle on stock #0 only, exactly, and today_count follows the Asia/Shanghai day', async () => {
    const evening = new Date(shanghaiMidnight(new Date(), 1).getTime() - 60_000);
    c.clock.freeze(evening);
    try {
      const created = await createCoupon(c, { maxCount: 100, maxCountPerDay: 10, maxCountPerUser: 1 });
      for (const openid of ['o-s1', 'o-s2', 'o-s3']) await sendBundle(c, created, openid);
      expect((await getStock(c, created, 0)).sent_count_info).toEqual({ total_count: 3, today_count: 3 });
      expect((await getStock(c, created, 1)).sent_count_info).toEqual({ total_count: 0, today_count: 0 });

      c.clock.advance(120);
      expect((await getStock(c, created, 0)).sent_count_info).toEqual({ total_count: 3, today_count: 0 });
      await sendBundle(c, created, 'o-s4');
      const page = await list(created.product_coupon_id);
      expect(page.stock_list?.map((s) => s.sent_count_info)).toEqual([
        { total_count: 4, today_count: 1 },
        { total_count: 0, today_count: 0 },
        { total_count: 0, today_count: 0 },
      ]);
    } finally {
      c.clock.reset();
    }
  });
});

describe('stock state (docs/fidelity.md, States)', () => {
  it('a SENDING stock becomes STOPPED when its end time passes, and the state filter follows', async () => {
    const now = c.clock.now().getTime();
    const created = await createCoupon(c, { endMs: now + 60_000 });
    const id = created.product_coupon_id;
    expect((await list(id, { state: 'STOPPED' })).total_count).toBe(0);
    c.clock.freeze(new Date(now + 120_000));
    try {
      expect((await getStock(c, created, 0)).state).toBe('STOPPED');
      const stopped = await list(id, { state: 'STOPPED', page_size: 2 });
      expect(stopped.total_count).toBe(3);
      expect(stopped.stock_list?.map((s) => s.state)).toEqual(['STOPPED', 'STOPPED']);
      const rest = await list(id, { state: 'STOPPED', page_size: 2, page_token: stopped.next_page_token! });
      expect(rest.stock_list?.map((s) => s.stock_id)).toEqual([`${id}003`]);
      expect(rest.next_page_token).toBeUndefined();
      expect((await list(id, { state: 'SENDING' })).total_count).toBe(0);
    } finally {
      c.clock.reset();
    }
  });
});
