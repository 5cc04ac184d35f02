import { beforeAll, describe, expect, it } from 'vitest';
import { toRfc3339 } from '../../src/domain/clock.js';
import { singleStockRecord } from '../../src/services/catalog/build-single.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createSingleCoupon,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  singleCreateBody,
  singleModeSuite,
  singleStockInput,
} from './helpers.js';

/** Every documented error of 创建商品券 (SINGLE) and 添加商品券批次, and the wrong-mode answers (D-71, D-72). */
const live = singleModeSuite();
let single: CreatedProductCouponT;
beforeAll(async () => {
  single = await createSingleCoupon(live.c);
});

const brand = () => live.c.merchant.brandId;
const create = (body: unknown) => live.c.send('POST', paths.create, body);
const addStock = (id: string, stock: unknown = singleStockInput(live.c), extra: Record<string, unknown> = {}) =>
  live.c.send('POST', paths.addStock(id), { out_request_no: no('ADDS'), brand_id: brand(), stock, ...extra });
const BUSINESS = /传入参数不符合业务规则/;

describe('400 PARAM_ERROR', () => {
  it('create: the bundle parts, a missing stock, the discount in the wrong place', async () => {
    const body = () => singleCreateBody(live.c);
    await expectParamError(
      await create({ ...body(), progressive_bundle_usage_info: { count: 3 } }),
      '/progressive_bundle_usage_info',
    );
    await expectParamError(await create({ ...body(), stock_bundle: bundleInput(live.c) }), '/stock_bundle');
    await expectParamError(await create({ ...body(), stock: undefined }), '/stock');
    await expectParamError(await create({ ...body(), single_usage_info: undefined }), '/single_usage_info');
    const ruled = body();
    ruled.stock!.single_usage_rule.normal_coupon = { threshold: 0, discount_amount: 1 };
    await expectParamError(await create(ruled), '/stock/single_usage_rule/normal_coupon');
    const unknown = body();
    (unknown.stock as Record<string, unknown>).stock_bundle_info = {};
    await expectError(await create(unknown), 400, 'PARAM_ERROR', /未在API文档中定义/);
    const early = body();
    early.stock!.single_usage_rule.coupon_available_period.available_end_time = '2020-01-01T00:00:00+08:00';
    await expectParamError(await create(early), '/stock/single_usage_rule/coupon_available_period/available_end_time');
  });

  it('add stock: a missing single_usage_rule, a discount on a whole-store coupon, a bad cap', async () => {
    const { single_usage_rule: _, ...withoutRule } = singleStockInput(live.c);
    await expectParamError(await addStock(single.product_coupon_id, withoutRule), '/stock/single_usage_rule');
    const ruled = singleStockInput(live.c, { discountAmount: 100 });
    await expectParamError(await addStock(single.product_coupon_id, ruled), '/stock/single_usage_rule/normal_coupon');
    const capped = singleStockInput(live.c, { maxCountPerUser: 101 });
    await expectParamError(
      await addStock(single.product_coupon_id, capped),
      '/stock/stock_send_rule/max_count_per_user',
    );
  });
});

describe('authorization (D-2)', () => {
  it('403 NO_AUTH, 404 for another brand, 传入的AppID非法 for the notify AppID', async () => {
    await live.c.store.insertBrand({
      brandId: 'B-SINGLE',
      name: 'x',
      secret: 'x',
      createdAt: '2025-01-01T00:00:00+08:00',
    });
    await expectError(
      await create({ ...singleCreateBody(live.c), brand_id: 'B-SINGLE' }),
      403,
      'NO_AUTH',
      '服务商没有此接口权限',
    );
    await expectError(await addStock(single.product_coupon_id, undefined, { brand_id: 'B-SINGLE' }), 403, 'NO_AUTH');
    const stranger = singleCreateBody(live.c);
    stranger.stock!.notify_config.notify_appid = 'wx0000000000000000';
    const error = await expectError(await create(stranger), 400, 'INVALID_REQUEST', '传入的AppID非法');
    expect(error.detail?.field).toBe('/stock/notify_config/notify_appid');
    const input = singleStockInput(live.c);
    input.notify_config.notify_appid = 'wx0000000000000000';
    const addError = await expectError(
      await addStock(single.product_coupon_id, input),
      400,
      'INVALID_REQUEST',
      '传入的AppID非法',
    );
    expect(addError.detail?.field).toBe('/stock/notify_config/notify_appid');
  });

  it('404 NOT_FOUND for an unknown product coupon', async () => {
    await expectError(await addStock('1999999999'), 404, 'NOT_FOUND', '未找到 product_coupon_id 对应的商品券');
  });
});

describe('wrong mode and state: 400 INVALID_REQUEST 传入参数不符合业务规则', () => {
  it('add stock on a bundle coupon; bundle APIs on a single coupon', async () => {
    await expectError(await addStock(live.bundle.product_coupon_id), 400, 'INVALID_REQUEST', BUSINESS);
    const id = single.product_coupon_id;
    const body = { out_request_no: no('B'), brand_id: brand() };
    await expectError(
      await live.c.send('POST', paths.bundles(id), { ...body, stock_bundle: bundleInput(live.c) }),
      400,
      'INVALID_REQUEST',
      BUSINESS,
    );
    // The single coupon's stock group has the coupon's id; it is never a bundle.
    await expectError(await live.c.send('PATCH', paths.bundle(id, id), body), 400, 'INVALID_REQUEST', BUSINESS);
    const budget = { ...body, update_mode: 'MAX_COUNT', current_max_count: 1000, target_max_count: 2000 };
    await expectError(await live.c.send('POST', paths.budget(id, id), budget), 400, 'INVALID_REQUEST', BUSINESS);
    await expectError(
      await live.c.send('PATCH', paths.bundle(live.bundle.product_coupon_id, id), body),
      404,
      'NOT_FOUND',
    );
  });

  it('add stock on a deactivated coupon; a replay still gets its first answer', async () => {
    const doomed = await createSingleCoupon(live.c);
    const requestNo = no('BEFORE');
    const input = singleStockInput(live.c);
    const first = await json(await addStock(doomed.product_coupon_id, input, { out_request_no: requestNo }));
    await json(
      await live.c.send('POST', paths.deactivate(doomed.product_coupon_id), {
        out_request_no: no('DEACT'),
        deactivate_reason: '活动结束',
        brand_id: brand(),
      }),
    );
    await expectError(await addStock(doomed.product_coupon_id), 400, 'INVALID_REQUEST', BUSINESS);
    expect(await json(await addStock(doomed.product_coupon_id, input, { out_request_no: requestNo }))).toEqual(first);
  });

  it('at most 200 stocks in effect per product coupon', async () => {
    const full = await createSingleCoupon(live.c);
    const id = full.product_coupon_id;
    const at = toRfc3339(live.c.clock.now());
    const owner = { mchid: live.c.merchant.mchid, brandId: brand() };
    for (let n = 1; n < 200; n++) {
      const stock = singleStockRecord(singleStockInput(live.c), owner, {
        productCouponId: id,
        existingStocks: n,
        state: 'SENDING',
        at,
      });
      const request = {
        ...owner,
        api: 'seed',
        requestNo: `SEED_${n}`,
        fingerprint: '',
        status: 200,
        response: '{}',
        createdAt: at,
      };
      await live.c.store.addStock(request, stock);
    }
    await expectError(await addStock(id), 400, 'INVALID_REQUEST', /最多只能有200个生效中的批次/);
  });
});

describe('400 ALREADY_EXISTS', () => {
  it('the same number with another body: 商品券已存在 / 商品券批次已存在', async () => {
    const requestNo = no('DUP');
    await json(await create(singleCreateBody(live.c, {}, requestNo)));
    await expectError(
      await create(singleCreateBody(live.c, { maxCount: 3 }, requestNo)),
      400,
      'ALREADY_EXISTS',
      '商品券已存在',
    );
    const stockNo = no('DUPS');
    await json(await addStock(single.product_coupon_id, singleStockInput(live.c), { out_request_no: stockNo }));
    const other = singleStockInput(live.c, { maxCount: 3 });
    await expectError(
      await addStock(single.product_coupon_id, other, { out_request_no: stockNo }),
      400,
      'ALREADY_EXISTS',
      '商品券批次已存在',
    );
  });
});
