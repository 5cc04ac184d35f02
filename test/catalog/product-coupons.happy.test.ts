import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductCouponT } from '../../src/services/catalog/types.js';
import { type Running, startCoupond } from '../harness.js';
import { bundleInput, createCoupon, json, no, paths, type StockPageT, setNotifyUrl } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const display = {
  name: '新版满100立减',
  image_url: 'https://img.example.com/v2/product.png',
  background_url: 'https://img.example.com/v2/background.png',
  detail_image_url_list: ['https://img.example.com/v2/detail-1.png'],
};

describe('查询商品券', () => {
  it('returns the ProductCoupon object without stocks', async () => {
    const created = await createCoupon(c);
    const got = await json<ProductCouponT>(
      await c.send('GET', paths.coupon(created.product_coupon_id, c.merchant.brandId)),
    );
    const { stock_bundle: _bundle, ...expected } = created;
    expect(got).toEqual(expected);
  });
});

describe('修改商品券', () => {
  it('replaces display_info only; a replay returns the first answer', async () => {
    const created = await createCoupon(c);
    const body = { out_request_no: no('MODIFY'), display_info: display, brand_id: c.merchant.brandId };
    const modified = await json<ProductCouponT>(await c.send('PATCH', paths.modify(created.product_coupon_id), body));
    const { stock_bundle: _bundle, ...before } = created;
    expect(modified).toEqual({ ...before, display_info: display });
    expect(await json(await c.send('GET', paths.coupon(created.product_coupon_id, c.merchant.brandId)))).toEqual(
      modified,
    );
    expect(await json(await c.send('PATCH', paths.modify(created.product_coupon_id), body))).toEqual(modified);
  });
});

describe('失效商品券 (D-5)', () => {
  it('deactivates the product coupon and every stock of every bundle; a replay returns the first answer', async () => {
    c.clock.freeze();
    try {
      const created = await createCoupon(c);
      const id = created.product_coupon_id;
      await json(
        await c.send('POST', paths.bundles(id), {
          out_request_no: no('ADD'),
          brand_id: c.merchant.brandId,
          stock_bundle: bundleInput(c),
        }),
      );
      const body = {
        out_request_no: no('DEACT'),
        deactivate_reason: '批次信息有误，重新创建',
        brand_id: c.merchant.brandId,
      };
      const res = await json<ProductCouponT>(await c.send('POST', paths.deactivate(id), body));
      const at = new Date(Math.floor(c.clock.now().getTime() / 1000) * 1000);
      expect(res).toMatchObject({
        state: 'DEACTIVATED',
        deactivate_request_no: body.out_request_no,
        deactivate_reason: body.deactivate_reason,
      });
      expect(Date.parse(res.deactivate_time!)).toBe(at.getTime());

      const page = await json<StockPageT>(await c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId })));
      expect(page.total_count).toBe(6);
      for (const s of page.stock_list ?? [])
        expect(s).toMatchObject({
          state: 'DEACTIVATED',
          deactivate_request_no: body.out_request_no,
          deactivate_time: res.deactivate_time,
          deactivate_reason: body.deactivate_reason,
        });
      c.clock.advance(60);
      expect(await json(await c.send('POST', paths.deactivate(id), body))).toEqual(res);
    } finally {
      c.clock.reset();
    }
  });
});
