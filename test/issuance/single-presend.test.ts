import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedProductCouponT,
  createCoupon,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  seedSingle,
  singleCreateBody,
} from '../catalog/helpers.js';
import { type Env, startWithReceiver } from '../lifecycle/helpers.js';
import {
  claim,
  PRESEND_SINGLE,
  preSendSingleToken,
  preview,
  SEND_SINGLE,
  type SeededSingle,
  singleBody,
} from './helpers.js';

/** 向用户预发放商品券 (D-100 … D-102): a token for one single-mode stock, redeemed by the receiving component. */
let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

const preSend = (openid: string, s: SeededSingle, requestNo: string, extra: Record<string, unknown> = {}) =>
  env.c.send('POST', PRESEND_SINGLE(openid), singleBody(env.c, s, requestNo, extra));

describe('向用户预发放商品券 and the receiving component', () => {
  it('previews the single coupon, receives it once, calls back, and opens a new token as 已领取', async () => {
    const { c, receiver } = env;
    const s = await seedSingle(c);
    const number = no('PRE');
    const token = await preSendSingleToken(c, s, 'o-pre-1', number, { attach: 'pre-attach' });
    const before = await preview(c, token);
    expect(before).toMatchObject({
      state: 'READY',
      coupon: {
        name: '全场满100立减',
        type: 'NORMAL',
        rounds: [{ index: 0, threshold: 10000, discount_amount: 1000 }],
      },
    });
    expect((before.coupon as { interval_days: number }).interval_days).toBe(0);

    const received = await claim(c, token);
    expect(received).toEqual({ result: 'RECEIVED', coupon_code: expect.stringMatching(/^\d{22}$/) });
    const code = received.coupon_code;
    expect(await claim(c, token)).toEqual({ result: 'ALREADY_RECEIVED', coupon_code: code });
    const again = await preSendSingleToken(c, s, 'o-pre-1', number, { attach: 'pre-attach' });
    expect(await preview(c, again)).toMatchObject({ state: 'ALREADY_RECEIVED', coupon_code: code });

    const [callback] = await receiver.waitFor(1);
    expect(callback?.resource).toMatchObject({
      coupon_code: code,
      stock_id: s.stockId,
      openid: 'o-pre-1',
      send_request_no: number,
      send_channel: 'RECEIVE_COMPONENT',
      attach: 'pre-attach',
    });
    expect(callback?.resource?.stock_bundle_id).toBeUndefined();
    expect(callback?.resource?.user_coupon_bundle_id).toBeUndefined();

    const sent = await c.send('POST', SEND_SINGLE('o-pre-1'), singleBody(c, s, number, { attach: 'pre-attach' }));
    expect((await sent.json()).coupon_code).toBe(code);
    expect((await c.store.getStock(s.stockId, '1970-01-01'))?.totalCount).toBe(1);
  });

  it('shows the discount of a partial-goods coupon from its stock (D-71)', async () => {
    const { c } = env;
    const body = singleCreateBody(c, { discountAmount: 700 });
    body.scope = 'SINGLE';
    delete body.single_usage_info;
    body.display_info.combo_package_list = [
      { name: '咖啡套餐', pick_count: 1, choice_list: [{ name: '拿铁', price: 3000, count: 1 }] },
    ];
    const created = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    const s = { productCouponId: created.product_coupon_id, stockId: created.stock!.stock_id };
    const scoped = await preview(c, await preSendSingleToken(c, s, 'o-pre-2', no('PRE')));
    expect(scoped).toMatchObject({
      state: 'READY',
      coupon: {
        rounds: [{ index: 0, threshold: 10000, discount_amount: 700 }],
        combo_package_list: [{ name: '咖啡套餐' }],
      },
    });
  });

  it('answers ALREADY_EXISTS for the number with other parameters, 404 and 400 as send does', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const number = no('PRE');
    expect((await claim(c, await preSendSingleToken(c, s, 'o-pre-3', number))).result).toBe('RECEIVED');
    await expectError(await preSend('o-pre-3', s, number, { attach: 'x' }), 400, 'ALREADY_EXISTS');
    await expectError(await preSend('o-pre-3', s, no(), { stock_id: '9999999999001' }), 404, 'NOT_FOUND', /stock_id/);
    await expectError(await preSend('o-pre-3', s, no(), { product_coupon_id: '9999999999' }), 404, 'NOT_FOUND');
    const bundle = await createCoupon(c);
    const bundleStock = {
      product_coupon_id: bundle.product_coupon_id,
      stock_id: bundle.stock_bundle!.stock_list[0]!.stock_id,
    };
    await expectError(
      await preSend('o-pre-3', s, no(), bundleStock),
      400,
      'INVALID_REQUEST',
      /向用户预发放商品券批次组/,
    );
    await expectParamError(await preSend('o-pre-3', s, no(), { coupon_code: 'MINE_001' }), '/coupon_code');
  });

  it('answers the limits: per user 400, budget 403, empty pool 403', async () => {
    const { c } = env;
    const perUser = await seedSingle(c, { maxCountPerUser: 1 });
    expect((await claim(c, await preSendSingleToken(c, perUser, 'o-lim', no()))).result).toBe('RECEIVED');
    await expectError(await preSend('o-lim', perUser, no()), 400, 'INVALID_REQUEST', '用户领取已达到上限');
    const total = await seedSingle(c, { maxCount: 1 });
    expect((await claim(c, await preSendSingleToken(c, total, 'o-lim-1', no()))).result).toBe('RECEIVED');
    await expectError(await preSend('o-lim-2', total, no()), 403, 'NOT_ENOUGH', '商品券批次发放预算不足');
    const pool = await seedSingle(c, { codeMode: 'UPLOAD' });
    await expectError(await preSend('o-lim', pool, no()), 403, 'NOT_ENOUGH', '商品券批次预上传券Code剩余数量不足');
  });

  it('gives an API_ASSIGN coupon the code named at pre-send, and refuses a code in use (D-101)', async () => {
    const { c } = env;
    const s = await seedSingle(c, { codeMode: 'API_ASSIGN' });
    const code = no('MINE');
    await expectParamError(await preSend('o-assign', s, no()), '/coupon_code');
    const token = await preSendSingleToken(c, s, 'o-assign', no(), { coupon_code: code });
    const racing = await preSendSingleToken(c, s, 'o-assign-2', no(), { coupon_code: code });
    expect((await preview(c, racing)).state).toBe('READY');
    expect(await claim(c, token)).toEqual({ result: 'RECEIVED', coupon_code: code });
    expect((await preview(c, racing)).state).toBe('NOT_AVAILABLE');
    expect(await claim(c, racing)).toEqual({ result: 'NOT_AVAILABLE' });
    await expectError(
      await preSend('o-assign-3', s, no(), { coupon_code: code }),
      400,
      'ALREADY_EXISTS',
      /coupon_code 冲突/,
    );
  });
});
