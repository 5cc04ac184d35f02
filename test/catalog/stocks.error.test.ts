import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import {
  type CreatedProductCouponT,
  createCoupon,
  expectError,
  expectParamError,
  paths,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
let a: CreatedProductCouponT;
let b: CreatedProductCouponT;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  a = await createCoupon(c);
  b = await createCoupon(c);
  await c.store.insertBrand({ brandId: 'B-OTHER', name: 'x', secret: 'x', createdAt: '2025-01-01T00:00:00+08:00' });
  await c.store.authorizeBrand('B-OTHER', c.merchant.mchid, '2025-01-01T00:00:00+08:00');
});
afterAll(() => c.close());

const list = (id: string, query: Record<string, string | number> = {}) =>
  c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId, ...query }));

describe('查询商品券批次列表 / 指定批次 errors', () => {
  it('404 for an unknown product coupon or one of another brand', async () => {
    const message = '未找到 product_coupon_id 对应的商品券';
    await expectError(await list('1999999999'), 404, 'NOT_FOUND', message);
    await expectError(
      await c.send('GET', paths.stocks(a.product_coupon_id, { brand_id: 'B-OTHER' })),
      404,
      'NOT_FOUND',
      message,
    );
    const stockId = a.stock_bundle!.stock_list[0]!.stock_id;
    await expectError(
      await c.send('GET', paths.stock('1999999999', stockId, c.merchant.brandId)),
      404,
      'NOT_FOUND',
      message,
    );
  });

  it('404 未找到 stock_id 对应的商品券批次 for an unknown stock or a stock of another product coupon', async () => {
    const message = '未找到 stock_id 对应的商品券批次';
    for (const stockId of ['1999999999001', b.stock_bundle!.stock_list[0]!.stock_id])
      await expectError(
        await c.send('GET', paths.stock(a.product_coupon_id, stockId, c.merchant.brandId)),
        404,
        'NOT_FOUND',
        message,
      );
  });

  it('PARAM_ERROR in the query: page_size 0 or 51, an unknown state, a page_token of nothing, no brand_id', async () => {
    await expectParamError(await list(a.product_coupon_id, { page_size: 51 }), '/page_size', 'query');
    await expectParamError(await list(a.product_coupon_id, { page_size: 0 }), '/page_size', 'query');
    await expectParamError(await list(a.product_coupon_id, { state: 'EFFECTIVE' }), '/state', 'query');
    await expectParamError(await list(a.product_coupon_id, { page_token: 'bm90LWEtdG9rZW4' }), '/page_token', 'query');
    const foreign = Buffer.from(`stock:${b.stock_bundle!.stock_list[0]!.stock_id}`).toString('base64url');
    await expectParamError(await list(a.product_coupon_id, { page_token: foreign }), '/page_token', 'query');
    await expectParamError(await c.send('GET', paths.addStock(a.product_coupon_id)), '/brand_id', 'query');
  });
});
