import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductCouponT } from '../../src/services/catalog/types.js';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  createCoupon,
  expectError,
  getStock,
  json,
  no,
  paths,
  type StockBundleT,
  sendBundle,
  setNotifyUrl,
} from './helpers.js';

/** D-21: with a sandbox review delay, new product coupons and their stocks are AUDITING until the clock passes it. */
let c: Running;
beforeAll(async () => {
  c = await startCoupond({ sandbox: true });
  await setNotifyUrl(c);
  c.app.ctx.deps.auditDelaySeconds = 30;
});
afterAll(() => c.close());

describe('sandbox review delay (D-21)', () => {
  it('AUDITING until the delay passes, then EFFECTIVE with SENDING stocks, bundles added meanwhile included', async () => {
    c.clock.freeze();
    try {
      const created = await createCoupon(c);
      const id = created.product_coupon_id;
      expect(created.state).toBe('AUDITING');
      expect(created.stock_bundle!.stock_list.map((s) => s.state)).toEqual(['AUDITING', 'AUDITING', 'AUDITING']);
      const added = await json<StockBundleT>(
        await c.send('POST', paths.bundles(id), {
          out_request_no: no('ADD'),
          brand_id: c.merchant.brandId,
          stock_bundle: bundleInput(c),
        }),
      );
      expect(added.stock_list.every((s) => s.state === 'AUDITING')).toBe(true);

      await expectError(
        await c.send('PATCH', paths.modify(id), {
          out_request_no: no('MOD'),
          brand_id: c.merchant.brandId,
          display_info: {
            name: '审核中修改',
            image_url: 'https://i.example.com/a',
            background_url: 'https://i.example.com/b',
          },
        }),
        400,
        'INVALID_REQUEST',
        /AUDITING/,
      );
      await sendBundle(c, created, 'o-early', 400);

      c.clock.advance(29);
      expect((await json<ProductCouponT>(await c.send('GET', paths.coupon(id, c.merchant.brandId)))).state).toBe(
        'AUDITING',
      );
      c.clock.advance(1);
      expect((await getStock(c, created, 2)).state).toBe('SENDING');
      expect((await json<ProductCouponT>(await c.send('GET', paths.coupon(id, c.merchant.brandId)))).state).toBe(
        'EFFECTIVE',
      );
      const page = await json<{ stock_list: { state: string }[] }>(
        await c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId })),
      );
      expect(page.stock_list.map((s) => s.state)).toEqual(Array(6).fill('SENDING'));
      await sendBundle(c, created, 'o-after');
    } finally {
      c.clock.reset();
    }
  });

  it('a review delay has no effect outside sandbox mode', async () => {
    const prod = await startCoupond({ sandbox: false });
    try {
      prod.app.ctx.deps.auditDelaySeconds = 30;
      await setNotifyUrl(prod);
      expect((await createCoupon(prod)).state).toBe('EFFECTIVE');
    } finally {
      await prod.close();
    }
  });
});
