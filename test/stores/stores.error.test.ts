import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedProductCouponT,
  createCoupon,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  setNotifyUrl,
} from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { addMerchant } from '../lifecycle/helpers.js';
import {
  associatedStores,
  bundleIdOf,
  changeBundle,
  createScoped,
  registerStores,
  stockIdsOf,
  storeList,
  storePaths,
} from './helpers.js';

let c: Running;
let x: CreatedProductCouponT;
let ids: string[];
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  x = await createScoped(c);
  ids = await registerStores(c, 2);
});
afterAll(() => c.close());

const DAY = 86_400;
const brand = () => c.merchant.brandId;
const body = (extra: Record<string, unknown> = {}) => ({ store_list: storeList(ids), brand_id: brand(), ...extra });
const bundlePath = (action: 'associate' | 'disassociate', id = x.product_coupon_id, bundleId = bundleIdOf(x)) =>
  storePaths.bundle(id, bundleId, action);
const list = (y: CreatedProductCouponT, query: Record<string, string | number> = {}, stockId = stockIdsOf(y)[0]!) =>
  c.send('GET', storePaths.list(y.product_coupon_id, stockId, { brand_id: brand(), ...query }));
const ACTIONS = ['associate', 'disassociate'] as const;

describe('400 PARAM_ERROR', () => {
  it('an empty store list, more than 200 stores, an over-long store id, a missing brand_id, an unknown field', async () => {
    for (const action of ACTIONS) {
      await expectParamError(await c.send('POST', bundlePath(action), body({ store_list: [] })), '/store_list');
      const many = storeList(Array.from({ length: 201 }, (_, i) => `S${i}`));
      await expectParamError(await c.send('POST', bundlePath(action), body({ store_list: many })), '/store_list');
      const long = storeList(['1'.repeat(41)]);
      await expectParamError(
        await c.send('POST', bundlePath(action), body({ store_list: long })),
        '/store_list/0/store_id',
      );
      await expectParamError(await c.send('POST', bundlePath(action), { store_list: storeList(ids) }), '/brand_id');
      await expectError(
        await c.send('POST', bundlePath(action), body({ out_request_no: no() })),
        400,
        'PARAM_ERROR',
        '请求中含有未在API文档中定义的参数',
      );
    }
    expect(await associatedStores(c, x.product_coupon_id, stockIdsOf(x)[0]!)).toEqual([]);
  });

  it('list: page_size outside 1–200, a page_token this list did not give', async () => {
    await expectParamError(await list(x, { page_size: 0 }), '/page_size', 'query');
    await expectParamError(await list(x, { page_size: 201 }), '/page_size', 'query');
    await expectParamError(await list(x, { page_token: 'bm9wZQ' }), '/page_token', 'query');
    await expectParamError(await list(x, { page_token: '!!!' }), '/page_token', 'query');
  });
});

describe('403 NO_AUTH and 404 NOT_FOUND', () => {
  it('a brand that has not authorized the caller', async () => {
    const other = await addMerchant(c);
    for (const action of ACTIONS)
      await expectError(
        await c.send('POST', bundlePath(action), body({ brand_id: other.merchant.brandId })),
        403,
        'NO_AUTH',
      );
    await expectError(await list(x, { brand_id: other.merchant.brandId }), 403, 'NO_AUTH');
  });

  it('an unknown product coupon, bundle or stock, or one of another product coupon', async () => {
    const y = await createScoped(c);
    const coupon = '未找到 product_coupon_id 对应的商品券';
    for (const action of ACTIONS) {
      await expectError(await c.send('POST', bundlePath(action, '1999999999'), body()), 404, 'NOT_FOUND', coupon);
      for (const bundleId of ['700000000000000000', bundleIdOf(y)])
        await expectError(
          await c.send('POST', bundlePath(action, x.product_coupon_id, bundleId), body()),
          404,
          'NOT_FOUND',
          '未找到 stock_bundle_id 对应的商品券批次组',
        );
      for (const stockId of ['700000000000000000', stockIdsOf(y)[0]!])
        await expectError(
          await c.send('POST', storePaths.stock(x.product_coupon_id, stockId, action), body()),
          404,
          'NOT_FOUND',
          '未找到 stock_id 对应的商品券批次',
        );
    }
    await expectError(await list({ ...x, product_coupon_id: '1999999999' }), 404, 'NOT_FOUND', coupon);
    await expectError(await list(x, {}, stockIdsOf(y)[0]), 404, 'NOT_FOUND', '未找到 stock_id 对应的商品券批次');
  });
});

describe('400 INVALID_REQUEST', () => {
  it('only SPECIFIC stocks: NONE and ALL are refused with the page’s words, and nothing is stored', async () => {
    for (const storeScope of ['NONE', 'ALL'] as const) {
      const y = await createCoupon(c, { storeScope });
      for (const action of ACTIONS) {
        const verb = action === 'associate' ? '关联' : '取消关联';
        await expectError(
          await changeBundle(c, y, action, ids),
          400,
          'INVALID_REQUEST',
          `只有 store_scope 为 SPECIFIC 的批次可以${verb}门店`,
        );
      }
      await expectError(await list(y), 400, 'INVALID_REQUEST', '只有 store_scope 为 SPECIFIC 的批次可以查询关联门店');
    }
  });

  it('expired stocks, before the scope check', async () => {
    for (const storeScope of ['SPECIFIC', 'NONE'] as const) {
      const now = c.clock.now().getTime();
      const y = await createCoupon(c, { storeScope, endMs: now + 2 * DAY * 1000 });
      c.clock.advance(3 * DAY);
      try {
        await expectError(
          await changeBundle(c, y, 'associate', ids),
          400,
          'INVALID_REQUEST',
          '已过期的批次不可关联门店',
        );
        await expectError(
          await changeBundle(c, y, 'disassociate', ids),
          400,
          'INVALID_REQUEST',
          '已过期的批次不可取消关联门店',
        );
        await expectError(await list(y), 400, 'INVALID_REQUEST', '已过期的批次不可查询关联门店');
      } finally {
        c.clock.advance(-3 * DAY);
      }
    }
  });

  it('deactivated stocks: 传入参数不符合业务规则', async () => {
    const y = await createScoped(c);
    await json(await changeBundle(c, y, 'associate', ids));
    await json(
      await c.send('POST', paths.deactivate(y.product_coupon_id), {
        out_request_no: no('DEACT'),
        deactivate_reason: '活动结束',
        brand_id: brand(),
      }),
    );
    for (const action of ACTIONS)
      await expectError(
        await changeBundle(c, y, action, ids),
        400,
        'INVALID_REQUEST',
        '传入参数不符合业务规则：批次已失效',
      );
    await expectError(await list(y), 400, 'INVALID_REQUEST', '传入参数不符合业务规则：批次已失效');
  });

  it('the stock-level endpoints refuse a stock of a bundle (D-82); its list still answers', async () => {
    await json(await changeBundle(c, x, 'associate', ids));
    for (const action of ACTIONS) {
      const verb = action === 'associate' ? '关联' : '取消关联';
      for (const stockId of stockIdsOf(x))
        await expectError(
          await c.send('POST', storePaths.stock(x.product_coupon_id, stockId, action), body()),
          400,
          'INVALID_REQUEST',
          `传入参数不符合业务规则：多次优惠批次组内的批次不可使用本接口，请使用批次组批量${verb}门店接口`,
        );
    }
    for (const stockId of stockIdsOf(x)) expect(await associatedStores(c, x.product_coupon_id, stockId)).toEqual(ids);
  });
});
