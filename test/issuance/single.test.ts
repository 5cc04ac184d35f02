import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedBody } from '../api/verify-response.js';
import { createCoupon, expectError, expectParamError, json, no, paths, seedSingle } from '../catalog/helpers.js';
import { UPLOAD_PATH, uploadBody } from '../codes/helpers.js';
import { type Env, startWithReceiver } from '../lifecycle/helpers.js';
import { claim, PRESEND, preview, SEND_SINGLE, type SeededSingle, singleBody } from './helpers.js';

/** 向用户发放商品券 (D-100 … D-102): one stock of a single-mode product coupon, one coupon, at once. */
let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

const send = (openid: string, s: SeededSingle, requestNo: string, extra: Record<string, unknown> = {}) =>
  env.c.send('POST', SEND_SINGLE(openid), singleBody(env.c, s, requestNo, extra));
const totalOf = async (s: SeededSingle) => (await env.c.store.getStock(s.stockId, '1970-01-01'))!.totalCount;

describe('向用户发放商品券', () => {
  it('answers the user coupon in WeChat shape, replays an identical repeat and calls back without bundle fields', async () => {
    const { c, receiver } = env;
    const s = await seedSingle(c, { maxCount: 5 });
    const body = singleBody(c, s, no('SINGLE'), { attach: 'single-attach' });
    const res = await c.send('POST', SEND_SINGLE('o-single-1'), body);
    expect(res.status).toBe(200);
    const coupon = JSON.parse(await verifiedBody(res, c.platform.publicKey));
    expect(coupon).toMatchObject({
      coupon_state: 'CONFIRMING',
      send_request_no: body.send_request_no,
      send_channel: 'API',
      attach: 'single-attach',
      product_coupon: { product_coupon_id: s.productCouponId, usage_mode: 'SINGLE' },
      stock: { stock_id: s.stockId, sent_count_info: { total_count: 1, today_count: 1 } },
      brand_id: c.merchant.brandId,
    });
    expect(coupon.coupon_code).toMatch(/^\d{22}$/);
    expect(coupon.user_product_coupon_bundle_info).toBeUndefined();
    expect(coupon.progressive_bundle_usage_detail).toBeUndefined();
    expect(coupon.valid_begin_time).toBe(coupon.receive_time);

    const replay = await json(await c.send('POST', SEND_SINGLE('o-single-1'), body));
    expect(replay).toEqual(coupon);
    expect(await totalOf(s)).toBe(1);

    const [callback] = await receiver.waitFor(1);
    expect(callback?.envelope?.event_type).toBe('PRODUCT_COUPON_SP.SEND');
    expect(callback?.resource).toEqual({
      coupon_code: coupon.coupon_code,
      brand_id: c.merchant.brandId,
      product_coupon_id: s.productCouponId,
      stock_id: s.stockId,
      appid: c.merchant.appid,
      openid: 'o-single-1',
      unionid: expect.stringMatching(/^o[\w-]{27}$/),
      receive_time: coupon.receive_time,
      send_request_no: body.send_request_no,
      send_channel: 'API',
      valid_begin_time: coupon.valid_begin_time,
      valid_end_time: coupon.valid_end_time,
      attach: 'single-attach',
    });
  });

  it('answers ALREADY_EXISTS for the number with other parameters, single and bundle numbers alike (D-102)', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const number = no('SHARE');
    expect((await send('o-share', s, number)).status).toBe(200);
    await expectError(await send('o-share', s, number, { attach: 'other' }), 400, 'ALREADY_EXISTS', /发券请求单号冲突/);
    await expectError(await send('o-other', s, number), 400, 'ALREADY_EXISTS');

    const bundle = await createCoupon(c);
    const bundleNo = no('BUNDLE');
    const sentBundle = await c.send('POST', paths.send('o-share'), {
      brand_id: c.merchant.brandId,
      product_coupon_id: bundle.product_coupon_id,
      stock_bundle_id: bundle.stock_bundle!.stock_bundle_id,
      appid: c.merchant.appid,
      send_request_no: bundleNo,
    });
    expect(sentBundle.status).toBe(200);
    await expectError(await send('o-share', s, bundleNo), 400, 'ALREADY_EXISTS');
    expect(await totalOf(s)).toBe(1);
  });

  it('answers 404 for an unknown product coupon or stock and 400 for a stock of a bundle', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const other = await seedSingle(c);
    const unknownCoupon = { product_coupon_id: '9999999999' };
    await expectError(await send('o-404', s, no(), unknownCoupon), 404, 'NOT_FOUND', /product_coupon_id/);
    await expectError(await send('o-404', s, no(), { stock_id: '9999999999001' }), 404, 'NOT_FOUND', /stock_id/);
    await expectError(await send('o-404', s, no(), { stock_id: other.stockId }), 404, 'NOT_FOUND', /stock_id/);

    const bundle = await createCoupon(c);
    const bundleStock = {
      product_coupon_id: bundle.product_coupon_id,
      stock_id: bundle.stock_bundle!.stock_list[0]!.stock_id,
    };
    await expectError(await send('o-400', s, no(), bundleStock), 400, 'INVALID_REQUEST', /向用户发放商品券批次组/);
  });

  it('answers the bundle issuance APIs on a single-mode product coupon 400, as the catalog’s bundle APIs (D-72)', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const body = {
      brand_id: c.merchant.brandId,
      product_coupon_id: s.productCouponId,
      stock_bundle_id: s.productCouponId,
      appid: c.merchant.appid,
      send_request_no: no('WRONG'),
    };
    for (const path of [paths.send('o-wrong'), PRESEND('o-wrong')])
      await expectError(await c.send('POST', path, body), 400, 'INVALID_REQUEST', /usage_mode 为 SINGLE/);
  });

  it('checks the fields: required ones, coupon_code only in API_ASSIGN mode, coupon_tag_info', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const { stock_id: _, ...noStock } = singleBody(c, s, no());
    await expectParamError(await c.send('POST', SEND_SINGLE('o-param'), noStock), '/stock_id');
    await expectParamError(await send('o-param', s, 'short'), '/send_request_no');
    await expectParamError(await send('o-param', s, no(), { coupon_code: 'MINE_001' }), '/coupon_code');
    await expectParamError(await send('o-param', s, no(), { coupon_code: 'bad code!' }), '/coupon_code');
    const member = { coupon_tag_info: { coupon_tag_list: ['MEMBER'] } };
    await expectParamError(await send('o-param', s, no(), member), '/coupon_tag_info/member_tag_info');
    await expectParamError(
      await send('o-param', await seedSingle(c, { codeMode: 'API_ASSIGN' }), no()),
      '/coupon_code',
    );
    expect(await totalOf(s)).toBe(0);
  });

  it('gives an API_ASSIGN coupon the caller’s code and refuses a code in use (ALREADY_EXISTS, D-101)', async () => {
    const { c } = env;
    const s = await seedSingle(c, { codeMode: 'API_ASSIGN' });
    const code = no('MYCODE');
    const sent = await json<{ coupon_code: string }>(await send('o-assign', s, no(), { coupon_code: code }));
    expect(sent.coupon_code).toBe(code);
    await expectError(
      await send('o-assign-2', s, no(), { coupon_code: code }),
      400,
      'ALREADY_EXISTS',
      /coupon_code 冲突/,
    );
    expect(await totalOf(s)).toBe(1);
  });

  it('enforces per-user, total and daily limits with WeChat’s errors', async () => {
    const { c } = env;
    const perUser = await seedSingle(c, { maxCountPerUser: 1 });
    expect((await send('o-limit', perUser, no())).status).toBe(200);
    await expectError(await send('o-limit', perUser, no()), 400, 'INVALID_REQUEST', '用户领取已达到上限');

    const total = await seedSingle(c, { maxCount: 1 });
    expect((await send('o-total-1', total, no())).status).toBe(200);
    await expectError(await send('o-total-2', total, no()), 403, 'NOT_ENOUGH', '商品券批次发放预算不足');

    const daily = await seedSingle(c, { maxCount: 10, maxCountPerDay: 1 });
    expect((await send('o-day-1', daily, no())).status).toBe(200);
    await expectError(await send('o-day-2', daily, no()), 403, 'NOT_ENOUGH', '商品券批次发放预算不足');
    expect(await totalOf(daily)).toBe(1);
  });

  it('takes UPLOAD-mode codes from the pool and answers 403 NOT_ENOUGH when it is empty', async () => {
    const { c } = env;
    const s = await seedSingle(c, { codeMode: 'UPLOAD' });
    await expectError(await send('o-pool', s, no()), 403, 'NOT_ENOUGH', '商品券批次预上传券Code剩余数量不足');
    const code = no('POOL');
    const uploaded = await c.send('POST', UPLOAD_PATH(s.productCouponId, s.stockId), uploadBody(c, [code]));
    expect(uploaded.status).toBe(200);
    const sent = await json<{ coupon_code: string }>(await send('o-pool', s, no()));
    expect(sent.coupon_code).toBe(code);
    await expectError(await send('o-pool-2', s, no()), 403, 'NOT_ENOUGH', '商品券批次预上传券Code剩余数量不足');
  });

  it('answers 400 传入参数不符合业务规则 once the product coupon is deactivated', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const off = await c.send('POST', paths.deactivate(s.productCouponId), {
      brand_id: c.merchant.brandId,
      out_request_no: no('OFF'),
      deactivate_reason: '活动结束',
    });
    expect(off.status).toBe(200);
    await expectError(await send('o-off', s, no()), 400, 'INVALID_REQUEST', /传入参数不符合业务规则/);
  });

  it('refuses a brand the provider is not authorized for (403 NO_AUTH)', async () => {
    const { c } = env;
    const s = await seedSingle(c);
    const res = await send('o-auth', s, no(), { brand_id: '999999' });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('NO_AUTH');
  });
});

describe('preview after a single send', () => {
  it('is unaffected: the component API answers TOKEN_INVALID for an unknown token', async () => {
    expect((await preview(env.c, 'not-a-token')).state).toBe('TOKEN_INVALID');
    expect((await claim(env.c, 'not-a-token')).result).toBe('TOKEN_INVALID');
  });
});
