import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import {
  type CreatedProductCouponT,
  createCoupon,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
let live: CreatedProductCouponT;
let dead: CreatedProductCouponT;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  live = await createCoupon(c);
  dead = await createCoupon(c);
  await json(
    await c.send('POST', paths.deactivate(dead.product_coupon_id), {
      out_request_no: no('DEACT'),
      deactivate_reason: '活动结束',
      brand_id: c.merchant.brandId,
    }),
  );
  await c.store.insertBrand({ brandId: 'B-OTHER', name: 'x', secret: 'x', createdAt: '2025-01-01T00:00:00+08:00' });
  await c.store.authorizeBrand('B-OTHER', c.merchant.mchid, '2025-01-01T00:00:00+08:00');
  await c.store.insertBrand({ brandId: 'B-NOAUTH', name: 'x', secret: 'x', createdAt: '2025-01-01T00:00:00+08:00' });
});
afterAll(() => c.close());

const display = () => ({
  name: '全场满100立减',
  image_url: 'https://img.example.com/p.png',
  background_url: 'https://img.example.com/b.png',
});
const modify = (brand_id = c.merchant.brandId) => ({ out_request_no: no('MOD'), display_info: display(), brand_id });
const deactivate = (brand_id = c.merchant.brandId) => ({
  out_request_no: no('DEACT'),
  deactivate_reason: '活动结束',
  brand_id,
});
const NOT_FOUND = '未找到 product_coupon_id 对应的商品券';

describe('查询 / 修改 / 失效商品券: 404 NOT_FOUND, also for other brands’ coupons (D-2)', () => {
  it.each([
    ['an unknown id', 'unknown'],
    ['another brand of the same merchant', 'other-brand'],
  ] as const)('%s', async (_name, which) => {
    const id = which === 'unknown' ? '1999999999' : live.product_coupon_id;
    const brandId = which === 'unknown' ? c.merchant.brandId : 'B-OTHER';
    await expectError(await c.send('GET', paths.coupon(id, brandId)), 404, 'NOT_FOUND', NOT_FOUND);
    await expectError(await c.send('PATCH', paths.modify(id), modify(brandId)), 404, 'NOT_FOUND', NOT_FOUND);
    await expectError(await c.send('POST', paths.deactivate(id), deactivate(brandId)), 404, 'NOT_FOUND', NOT_FOUND);
  });

  it('403 NO_AUTH before existence when the brand has not authorized the caller', async () => {
    const id = live.product_coupon_id;
    await expectError(await c.send('GET', paths.coupon(id, 'B-NOAUTH')), 403, 'NO_AUTH');
    await expectError(await c.send('PATCH', paths.modify(id), modify('B-NOAUTH')), 403, 'NO_AUTH');
    await expectError(await c.send('POST', paths.deactivate(id), deactivate('B-NOAUTH')), 403, 'NO_AUTH');
  });
});

describe('validation', () => {
  it('GET without brand_id → PARAM_ERROR in the query', async () => {
    const res = await c.send('GET', paths.modify(live.product_coupon_id));
    await expectParamError(res, '/brand_id', 'query');
  });

  it('PATCH: a name over 15 characters, a missing display_info, combos on a whole-store coupon', async () => {
    const id = live.product_coupon_id;
    const long = { ...modify(), display_info: { ...display(), name: '满'.repeat(16) } };
    await expectParamError(await c.send('PATCH', paths.modify(id), long), '/display_info/name');
    const { display_info: _d, ...missing } = modify();
    await expectParamError(await c.send('PATCH', paths.modify(id), missing), '/display_info');
    const combos = {
      ...modify(),
      display_info: {
        ...display(),
        combo_package_list: [{ name: '套餐', pick_count: 1, choice_list: [{ name: '拿铁', price: 1, count: 1 }] }],
      },
    };
    await expectParamError(await c.send('PATCH', paths.modify(id), combos), '/display_info/combo_package_list');
  });

  it('deactivate: a reason over 150 characters, a missing reason', async () => {
    const id = live.product_coupon_id;
    const long = { ...deactivate(), deactivate_reason: '因'.repeat(151) };
    await expectParamError(await c.send('POST', paths.deactivate(id), long), '/deactivate_reason');
    const { deactivate_reason: _r, ...missing } = deactivate();
    await expectParamError(await c.send('POST', paths.deactivate(id), missing), '/deactivate_reason');
  });
});

describe('state (docs/fidelity.md, States): modify and deactivate need EFFECTIVE', () => {
  it('400 INVALID_REQUEST 传入参数不符合业务规则 on a DEACTIVATED product coupon', async () => {
    const id = dead.product_coupon_id;
    await expectError(
      await c.send('PATCH', paths.modify(id), modify()),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
    await expectError(
      await c.send('POST', paths.deactivate(id), deactivate()),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
  });
});

describe('request numbers (D-5)', () => {
  it('400 ALREADY_EXISTS for the same number with another body or another product coupon', async () => {
    const body = modify();
    await json(await c.send('PATCH', paths.modify(live.product_coupon_id), body));
    const changed = { ...body, display_info: { ...display(), name: '另一个名字' } };
    await expectError(await c.send('PATCH', paths.modify(live.product_coupon_id), changed), 400, 'ALREADY_EXISTS');
    const other = await createCoupon(c);
    await expectError(await c.send('PATCH', paths.modify(other.product_coupon_id), body), 400, 'ALREADY_EXISTS');
  });

  it('numbers are per API: a modify number may be reused to deactivate', async () => {
    const target = await createCoupon(c);
    const requestNo = no('SHARED');
    await json(
      await c.send('PATCH', paths.modify(target.product_coupon_id), { ...modify(), out_request_no: requestNo }),
    );
    const res = await c.send('POST', paths.deactivate(target.product_coupon_id), {
      ...deactivate(),
      out_request_no: requestNo,
    });
    expect((await json<{ state: string }>(res)).state).toBe('DEACTIVATED');
  });
});
