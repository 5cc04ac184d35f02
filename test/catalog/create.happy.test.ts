import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedBody } from '../api/verify-response.js';
import { type Running, startCoupond } from '../harness.js';
import { type CreatedProductCouponT, createBody, json, no, paths, type StockPageT, setNotifyUrl } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

describe('创建商品券', () => {
  it('creates an EFFECTIVE product coupon with one SENDING stock per round, signed by the platform key', async () => {
    const body = createBody(c, { maxCount: 5000, maxCountPerDay: 100, maxCountPerUser: 2 });
    const res = await c.send('POST', paths.create, body);
    expect(res.status).toBe(200);
    const created = JSON.parse(await verifiedBody(res, c.platform.publicKey)) as CreatedProductCouponT;

    expect(created.product_coupon_id).toMatch(/^1\d{9}$/);
    expect(created).toMatchObject({
      scope: 'ALL',
      type: 'NORMAL',
      usage_mode: 'PROGRESSIVE_BUNDLE',
      progressive_bundle_usage_info: { count: 3, interval_days: 0 },
      display_info: body.display_info,
      out_product_no: 'Product_1234567890',
      state: 'EFFECTIVE',
      brand_id: c.merchant.brandId,
    });
    const { stock_bundle_id, stock_list } = created.stock_bundle!;
    expect(stock_bundle_id).toMatch(/^7\d{17}$/);
    expect(stock_list.map((s) => s.stock_id)).toEqual(['001', '002', '003'].map((n) => created.product_coupon_id + n));
    expect(stock_list.map((s) => s.stock_bundle_info)).toEqual(
      [0, 1, 2].map((stock_bundle_index) => ({ stock_bundle_id, stock_bundle_index })),
    );
    expect(stock_list.map((s) => s.progressive_bundle_usage_rule?.normal_coupon?.discount_amount)).toEqual([
      1000, 1500, 2000,
    ]);
    expect(stock_list.map((s) => s.stock_send_rule)).toEqual([
      { max_count: 5000, max_count_per_day: 100, max_count_per_user: 2 },
      { max_count: 5000, max_count_per_user: 2 },
      { max_count: 5000, max_count_per_user: 2 },
    ]);
    for (const s of stock_list) {
      expect(s).toMatchObject({
        product_coupon_id: created.product_coupon_id,
        remark: '测试批次组',
        coupon_code_mode: 'WECHATPAY',
        usage_rule_display_info: body.stock_bundle?.usage_rule_display_info,
        coupon_display_info: body.stock_bundle?.coupon_display_info,
        notify_config: { notify_appid: c.merchant.appid },
        store_scope: 'NONE',
        sent_count_info: { total_count: 0, today_count: 0 },
        state: 'SENDING',
        brand_id: c.merchant.brandId,
      });
      expect(s.progressive_bundle_usage_rule?.coupon_available_period).toEqual(
        body.stock_bundle?.progressive_bundle_usage_rule.coupon_available_period,
      );
    }
  });

  it('creates DISCOUNT and EXCHANGE coupons with the documented strength rule, round 1 exempt', async () => {
    const discount = createBody(c);
    discount.type = 'DISCOUNT';
    const rules = discount.stock_bundle!.progressive_bundle_usage_rule;
    delete rules.normal_coupon_list;
    rules.discount_coupon_list = [50, 20, 30].map((percent_off) => ({ threshold: 10000, percent_off }));
    const d = await json<CreatedProductCouponT>(await c.send('POST', paths.create, discount));
    expect(d.stock_bundle!.stock_list.map((s) => s.progressive_bundle_usage_rule?.discount_coupon)).toEqual(
      rules.discount_coupon_list,
    );

    const exchange = createBody(c);
    Object.assign(exchange, { scope: 'SINGLE', type: 'EXCHANGE' });
    exchange.display_info.combo_package_list = [
      { name: '咖啡任选', pick_count: 1, choice_list: [{ name: '拿铁', price: 3200, count: 1 }] },
    ];
    const xr = exchange.stock_bundle!.progressive_bundle_usage_rule;
    delete xr.normal_coupon_list;
    xr.exchange_coupon_list = [900, 1000, 500].map((exchange_price) => ({ threshold: 0, exchange_price }));
    const x = await json<CreatedProductCouponT>(await c.send('POST', paths.create, exchange));
    expect(
      x.stock_bundle!.stock_list.map((s) => s.progressive_bundle_usage_rule?.exchange_coupon?.exchange_price),
    ).toEqual([900, 1000, 500]);
    expect(x.display_info.combo_package_list).toEqual(exchange.display_info.combo_package_list);
  });

  it('accepts the documented boundaries: 15 rounds, caps 1e8 / 100, exactly 365 days', async () => {
    const now = c.clock.now().getTime();
    const body = createBody(c, {
      rounds: Array.from({ length: 15 }, (_, i) => 100 + i),
      maxCount: 100_000_000,
      maxCountPerDay: 100_000_000,
      maxCountPerUser: 100,
      beginMs: now,
      endMs: now + 365 * 86_400_000,
    });
    const created = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    expect(created.stock_bundle!.stock_list).toHaveLength(15);
    expect(created.stock_bundle!.stock_list.at(-1)?.stock_bundle_info?.stock_bundle_index).toBe(14);
  });

  it('UPLOAD mode shows an empty code pool on every stock', async () => {
    const body = createBody(c);
    body.stock_bundle!.coupon_code_mode = 'UPLOAD';
    const created = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    for (const s of created.stock_bundle!.stock_list)
      expect(s.coupon_code_count_info).toEqual({ total_count: 0, available_count: 0 });
  });
});

describe('request numbers (D-5)', () => {
  it('the same number and body (in any key order) replays the first answer; nothing new is created', async () => {
    const body = createBody(c);
    const first = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await json<CreatedProductCouponT>(await c.send('POST', paths.create, reordered));
    expect(again).toEqual(first);
    const page = await json<StockPageT>(
      await c.send('GET', paths.stocks(first.product_coupon_id, { brand_id: c.merchant.brandId })),
    );
    expect(page.total_count).toBe(3);
  });

  it('concurrent identical creates make one product coupon', async () => {
    const body = createBody(c);
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => json<CreatedProductCouponT>(await c.send('POST', paths.create, body))),
    );
    expect(new Set(answers.map((a) => a.product_coupon_id)).size).toBe(1);
  });

  it('a request refused before it was recorded can be fixed and retried with the same number', async () => {
    const requestNo = no('RETRY');
    const broken = createBody(c, { rounds: [1000, 1500, 1200] }, requestNo);
    expect((await c.send('POST', paths.create, broken)).status).toBe(400);
    const fixed = createBody(c, {}, requestNo);
    await json<CreatedProductCouponT>(await c.send('POST', paths.create, fixed));
  });

  it('numbers are per brand: another brand may reuse one', async () => {
    const requestNo = no('BRAND');
    await json(await c.send('POST', paths.create, createBody(c, {}, requestNo)));
    await c.store.insertBrand({
      brandId: 'B-SECOND',
      name: 'second',
      secret: 's',
      createdAt: '2025-01-01T00:00:00+08:00',
    });
    await c.store.authorizeBrand('B-SECOND', c.merchant.mchid, '2025-01-01T00:00:00+08:00');
    const other = { ...createBody(c, {}, requestNo), brand_id: 'B-SECOND' };
    const created = await json<CreatedProductCouponT>(await c.send('POST', paths.create, other));
    expect(created.brand_id).toBe('B-SECOND');
  });
});
