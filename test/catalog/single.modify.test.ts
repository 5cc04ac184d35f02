import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedProductCouponT,
  createSingleCoupon,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  type StockT,
  singleModeSuite,
  singleStockInput,
  stockIdOf,
} from './helpers.js';

/** 修改商品券批次 (single mode, D-73): the change, its replay, and every documented refusal. */
const live = singleModeSuite();
let single: CreatedProductCouponT;
beforeAll(async () => {
  single = await createSingleCoupon(live.c, { storeScope: 'ALL' });
});

const brand = () => live.c.merchant.brandId;
const stockOf = stockIdOf;
const modify = (id: string, stockId: string, extra: Record<string, unknown> = {}) =>
  live.c.send('PATCH', paths.singleStock(id, stockId), { out_request_no: no('MODS'), brand_id: brand(), ...extra });
const BUSINESS = /传入参数不符合业务规则/;

describe('修改商品券批次', () => {
  it('changes the given settings of the one stock, resets an omitted store_scope, and replays a repeat', async () => {
    const id = single.product_coupon_id;
    const before = single.stock!;
    const change = {
      out_request_no: no('MODS'),
      brand_id: brand(),
      remark: '新的备注',
      coupon_display_info: { code_display_mode: 'BARCODE', background_color: 'Color010' },
    };
    const changed = await json<StockT>(await live.c.send('PATCH', paths.singleStock(id, stockOf(single)), change));
    expect(changed).toEqual({
      ...before,
      remark: '新的备注',
      coupon_display_info: change.coupon_display_info,
      store_scope: 'NONE',
    });
    expect(await json(await live.c.send('GET', paths.stock(id, stockOf(single), brand())))).toEqual(changed);
    expect(await json(await live.c.send('PATCH', paths.singleStock(id, stockOf(single)), change))).toEqual(changed);
    await expectError(
      await live.c.send('PATCH', paths.singleStock(id, stockOf(single)), { ...change, remark: '另一个备注' }),
      400,
      'ALREADY_EXISTS',
    );
  });

  it("leaves the product coupon's other stocks untouched", async () => {
    const id = single.product_coupon_id;
    const added = await json<StockT>(
      await live.c.send('POST', paths.addStock(id), {
        out_request_no: no('ADDS'),
        brand_id: brand(),
        stock: singleStockInput(live.c),
      }),
    );
    await json(await modify(id, added.stock_id, { remark: '只改这个', store_scope: 'ALL' }));
    const first = await json<StockT>(await live.c.send('GET', paths.stock(id, stockOf(single), brand())));
    expect(first.remark).not.toBe('只改这个');
  });
});

describe('app_jump_type', () => {
  it('takes every documented value, USAGE_GUIDE (展示使用指引) with neither app_path nor passcode_link', async () => {
    const id = single.product_coupon_id;
    const shown = (app_jump_type: string, extra: Record<string, unknown> = {}) => ({
      usage_rule_display_info: {
        coupon_usage_method_list: ['APP'],
        usage_description: '前往APP使用',
        app_jump_type,
        ...extra,
      },
    });
    const guide = await json<StockT>(await modify(id, stockOf(single), shown('USAGE_GUIDE')));
    expect(guide.usage_rule_display_info.app_jump_type).toBe('USAGE_GUIDE');
    await json(await modify(id, stockOf(single), shown('H5', { app_path: 'https://app.example.com/coupon' })));
    await json(await modify(id, stockOf(single), shown('PASSCODE_LINK', { passcode_link: '￥口令￥' })));
    const wrong = await expectParamError(
      await modify(id, stockOf(single), shown('GUIDE')),
      '/usage_rule_display_info/app_jump_type',
    );
    expect(wrong.message).toContain('USAGE_GUIDE');
  });
});

describe('修改商品券批次: refusals', () => {
  it('404 NOT_FOUND for an unknown product coupon, an unknown stock, a stock of another product coupon', async () => {
    await expectError(
      await modify('1999999999', stockOf(single)),
      404,
      'NOT_FOUND',
      '未找到 product_coupon_id 对应的商品券',
    );
    const other = await createSingleCoupon(live.c);
    for (const stockId of ['1999999999001', stockOf(other)])
      await expectError(
        await modify(single.product_coupon_id, stockId),
        404,
        'NOT_FOUND',
        '未找到 stock_id 对应的商品券批次',
      );
  });

  it('400 INVALID_REQUEST for a stock of a bundle, naming the bundle API', async () => {
    const stockId = live.bundle.stock_bundle!.stock_list[0]!.stock_id;
    await expectError(
      await modify(live.bundle.product_coupon_id, stockId),
      400,
      'INVALID_REQUEST',
      /修改商品券批次组接口/,
    );
  });

  it('400 PARAM_ERROR for a missing out_request_no, MINI_PROGRAM without its AppID, an unknown store_scope', async () => {
    const id = single.product_coupon_id;
    await expectParamError(
      await live.c.send('PATCH', paths.singleStock(id, stockOf(single)), { brand_id: brand() }),
      '/out_request_no',
    );
    await expectParamError(
      await modify(id, stockOf(single), {
        usage_rule_display_info: { coupon_usage_method_list: ['MINI_PROGRAM'], usage_description: 'x' },
      }),
      '/usage_rule_display_info/mini_program_appid',
    );
    await expectParamError(await modify(id, stockOf(single), { store_scope: 'SOME' }), '/store_scope');
  });

  it('400 INVALID_REQUEST for an unrelated notify AppID, a deactivated product coupon, an ended stock', async () => {
    const id = single.product_coupon_id;
    await expectError(
      await modify(id, stockOf(single), { notify_config: { notify_appid: 'wx0000000000000000' } }),
      400,
      'INVALID_REQUEST',
      '传入的AppID非法',
    );
    const dead = await createSingleCoupon(live.c);
    await json(
      await live.c.send('POST', paths.deactivate(dead.product_coupon_id), {
        out_request_no: no('DEACT'),
        brand_id: brand(),
        deactivate_reason: '测试',
      }),
    );
    await expectError(await modify(dead.product_coupon_id, stockOf(dead)), 400, 'INVALID_REQUEST', BUSINESS);
    const now = live.c.clock.now().getTime();
    const ending = await createSingleCoupon(live.c, { endMs: now + 60_000 });
    live.c.clock.advance(120);
    await expectError(await modify(ending.product_coupon_id, stockOf(ending)), 400, 'INVALID_REQUEST', '批次已过期');
  });
});
