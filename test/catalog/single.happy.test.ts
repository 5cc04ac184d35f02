import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import {
  type CreatedProductCouponT,
  createSingleCoupon,
  json,
  no,
  paths,
  type StockPageT,
  type StockT,
  setNotifyUrl,
  singleCreateBody,
  singleStockInput,
} from './helpers.js';

/** 创建商品券 (usage_mode=SINGLE), 添加商品券批次, and the query APIs on single-mode stocks (D-70). */
let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const brand = () => c.merchant.brandId;
const addStock = (id: string, stock = singleStockInput(c), out_request_no = no('ADDS')) =>
  c.send('POST', paths.addStock(id), { out_request_no, brand_id: brand(), stock });

describe('创建商品券 in single mode', () => {
  it('answers the product coupon with its first stock in WeChat shape', async () => {
    const body = singleCreateBody(c, { maxCount: 50, maxCountPerDay: 10, maxCountPerUser: 2, codeMode: 'UPLOAD' });
    const created = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    const id = created.product_coupon_id;
    expect(created).toMatchObject({
      usage_mode: 'SINGLE',
      scope: 'ALL',
      type: 'NORMAL',
      single_usage_info: body.single_usage_info,
      state: 'EFFECTIVE',
      brand_id: brand(),
    });
    expect(created.stock_bundle).toBeUndefined();
    expect(created.progressive_bundle_usage_info).toBeUndefined();
    const stock = created.stock!;
    expect(stock).toMatchObject({
      product_coupon_id: id,
      stock_id: `${id}001`,
      coupon_code_mode: 'UPLOAD',
      coupon_code_count_info: { total_count: 0, available_count: 0 },
      stock_send_rule: { max_count: 50, max_count_per_day: 10, max_count_per_user: 2 },
      single_usage_rule: body.stock!.single_usage_rule,
      sent_count_info: { total_count: 0, today_count: 0 },
      state: 'SENDING',
      brand_id: brand(),
    });
    expect(stock.stock_bundle_info).toBeUndefined();
    expect(stock.progressive_bundle_usage_rule).toBeUndefined();

    const { stock: _, ...coupon } = created;
    expect(await json(await c.send('GET', paths.coupon(id, brand())))).toEqual(coupon);
    expect(await json(await c.send('GET', paths.stock(id, stock.stock_id, brand())))).toEqual(stock);
    const page = await json<StockPageT>(await c.send('GET', paths.stocks(id, { brand_id: brand() })));
    expect(page).toEqual({ total_count: 1, stock_list: [stock] });
  });

  it('replays an identical create and gives a partial-goods coupon its discount in the stock', async () => {
    const body = singleCreateBody(c, { discountAmount: 500 });
    body.scope = 'SINGLE';
    delete body.single_usage_info;
    body.display_info.combo_package_list = [
      { name: '咖啡套餐', pick_count: 1, choice_list: [{ name: '拿铁', price: 3000, count: 1 }] },
    ];
    const first = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    expect(first.stock!.single_usage_rule?.normal_coupon).toEqual({ threshold: 10000, discount_amount: 500 });
    expect(await json(await c.send('POST', paths.create, body))).toEqual(first);
  });
});

describe('添加商品券批次', () => {
  it('numbers stocks across the product coupon and lists them in creation order', async () => {
    const created = await createSingleCoupon(c);
    const id = created.product_coupon_id;
    const input = singleStockInput(c, { maxCount: 7, maxCountPerUser: 1, codeMode: 'API_ASSIGN' });
    const added = await json<StockT>(await addStock(id, input));
    expect(added).toMatchObject({
      product_coupon_id: id,
      stock_id: `${id}002`,
      coupon_code_mode: 'API_ASSIGN',
      stock_send_rule: { max_count: 7, max_count_per_user: 1 },
      single_usage_rule: input.single_usage_rule,
      state: 'SENDING',
    });
    expect(added.coupon_code_count_info).toBeUndefined();
    expect(added.stock_send_rule.max_count_per_day).toBeUndefined();
    const third = await json<StockT>(await addStock(id));
    expect(third.stock_id).toBe(`${id}003`);
    const page = await json<StockPageT>(await c.send('GET', paths.stocks(id, { brand_id: brand(), page_size: 2 })));
    expect(page.total_count).toBe(3);
    expect(page.stock_list!.map((s) => s.stock_id)).toEqual([`${id}001`, `${id}002`]);
    const rest = await json<StockPageT>(
      await c.send('GET', paths.stocks(id, { brand_id: brand(), page_token: page.next_page_token! })),
    );
    expect(rest.stock_list!.map((s) => s.stock_id)).toEqual([`${id}003`]);
    expect(await json(await c.send('GET', paths.stock(id, added.stock_id, brand())))).toEqual(added);
  });

  it('replays an identical request with the same number (D-5)', async () => {
    const created = await createSingleCoupon(c);
    const input = singleStockInput(c);
    const requestNo = no('REPLAY');
    const first = await json<StockT>(await addStock(created.product_coupon_id, input, requestNo));
    expect(await json(await addStock(created.product_coupon_id, input, requestNo))).toEqual(first);
    const page = await json<StockPageT>(
      await c.send('GET', paths.stocks(created.product_coupon_id, { brand_id: brand() })),
    );
    expect(page.total_count).toBe(2);
  });

  it('concurrent calls with one number add one stock; with distinct numbers, one stock each', async () => {
    const created = await createSingleCoupon(c);
    const id = created.product_coupon_id;
    const input = singleStockInput(c);
    const requestNo = no('RACE');
    const same = await Promise.all(Array.from({ length: 8 }, () => addStock(id, input, requestNo).then(json<StockT>)));
    expect(new Set(same.map((s) => JSON.stringify(s))).size).toBe(1);
    const distinct = await Promise.all(Array.from({ length: 5 }, () => addStock(id).then(json<StockT>)));
    const ids = distinct.map((s) => s.stock_id).sort();
    expect(ids).toEqual(['003', '004', '005', '006', '007'].map((n) => `${id}${n}`));
    const page = await json<StockPageT>(await c.send('GET', paths.stocks(id, { brand_id: brand() })));
    expect(page.total_count).toBe(7);
  });
});
