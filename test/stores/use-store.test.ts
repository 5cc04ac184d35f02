import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedProductCouponT,
  createCoupon,
  expectError,
  json,
  no,
  sendBundle,
  setNotifyUrl,
} from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { paths } from '../lifecycle/helpers.js';
import { changeBundle, createScoped, registerStores, stockIdsOf } from './helpers.js';

let c: Running;
let ids: string[];
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  ids = await registerStores(c, 3);
});
afterAll(() => c.close());

/** Issues the bundle to a fresh user and confirms coupon #0: a coupon ready to be used. */
async function usableCoupon(x: CreatedProductCouponT) {
  const openid = `o_store_${no('U')}`;
  const sent = await (await sendBundle(c, x, openid)).json();
  const code = sent.user_product_coupon_list[0].coupon_code as string;
  const ref = {
    product_coupon_id: x.product_coupon_id,
    stock_id: stockIdsOf(x)[0]!,
    appid: c.merchant.appid,
    brand_id: c.merchant.brandId,
  };
  await json(await c.send('POST', paths.confirm(openid, code), { ...ref, out_request_no: no('CF') }));
  const use = (store_id?: string) =>
    c.send('POST', paths.use(openid, code), {
      ...ref,
      use_time: '2025-05-20T13:29:35+08:00',
      out_request_no: no('USE'),
      associated_order_info: { transaction_id: '4200000000000000000000000001' },
      ...(store_id !== undefined ? { store_id } : {}),
    });
  return use;
}

describe('核销用户商品券 at a store (store_scope, D-83)', () => {
  it('SPECIFIC: only at an associated store of the brand', async () => {
    const x = await createScoped(c);
    await json(await changeBundle(c, x, 'associate', [ids[0]!]));
    const use = await usableCoupon(x);
    await expectError(
      await use(ids[1]),
      400,
      'INVALID_REQUEST',
      '传入参数不符合业务规则：核销门店不在批次的可用门店范围内',
    );
    await expectError(
      await use('unregistered'),
      400,
      'INVALID_REQUEST',
      '传入参数不符合业务规则：门店ID非法或不属于当前品牌',
    );
    expect((await json<{ coupon_state: string }>(await use(ids[0]))).coupon_state).toBe('USED');
  });

  it('SPECIFIC: a store disassociated before the use is refused; without store_id the use goes through', async () => {
    const x = await createScoped(c);
    await json(await changeBundle(c, x, 'associate', ids));
    await json(await changeBundle(c, x, 'disassociate', [ids[2]!]));
    const use = await usableCoupon(x);
    await expectError(await use(ids[2]), 400, 'INVALID_REQUEST', '核销门店不在批次的可用门店范围内');
    expect((await json<{ coupon_state: string }>(await use())).coupon_state).toBe('USED');
  });

  for (const storeScope of ['NONE', 'ALL'] as const)
    it(`${storeScope}: any store of the brand, never another`, async () => {
      const x = await createCoupon(c, { storeScope });
      const use = await usableCoupon(x);
      await expectError(await use('unregistered'), 400, 'INVALID_REQUEST', '门店ID非法或不属于当前品牌');
      expect((await json<{ coupon_state: string }>(await use(ids[1]))).coupon_state).toBe('USED');
    });
});
