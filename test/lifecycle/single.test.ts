import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import {
  call,
  confirmBody,
  couponRef,
  deactivateBody,
  deactivateCouponBody,
  type Env,
  get,
  paths,
  returnBody,
  seedSingleStocks,
  sendBundle,
  sendSingle,
  startWithReceiver,
  until,
  useBody,
} from './helpers.js';

/** Confirm, use, return, query, list and deactivate of single coupons (D-106, D-107), as WeChat answers them. */
let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

const BUSINESS = /^传入参数不符合业务规则/;
const queryOf = (ref: Record<string, string>) => new URLSearchParams(ref).toString();

describe('a single coupon through its lifecycle (D-106)', () => {
  it('confirms, uses once without a next round, returns, and answers without bundle info', async () => {
    const { c, receiver } = env;
    const s = await seedSingleStocks(c, { stocks: 3 });
    const openid = 'o-single-life';
    const code = await sendSingle(c, s, openid);
    await until(() => receiver.received.some((r) => r.resource?.coupon_code === code));

    const confirmed = await call(c, paths.confirm(openid, code), confirmBody(c, s, 0));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ coupon_code: code, coupon_state: 'EFFECTIVE', single_usage_detail: {} });
    expect(confirmed.body.product_coupon.usage_mode).toBe('SINGLE');
    expect(confirmed.body.stock.single_usage_rule).toBeDefined();
    for (const absent of ['user_product_coupon_bundle_info', 'progressive_bundle_usage_detail'])
      expect(confirmed.body).not.toHaveProperty(absent);

    const use = useBody(c, s, 0, { use_time: '2026-12-01T06:00:00.5Z' });
    const used = await call(c, paths.use(openid, code), use);
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({
      coupon_state: 'USED',
      single_usage_detail: {
        use_request_no: use.out_request_no,
        use_time: '2026-12-01T14:00:00+08:00',
        associated_order_info: use.associated_order_info,
        saved_amount: 1000,
      },
    });
    expect(used.body).not.toHaveProperty('user_product_coupon_bundle_info');
    await expectNoNextRound(s, openid);

    const ret = returnBody(c, s, 0);
    const returned = await call(c, paths.return(openid, code), ret);
    expect(returned.status).toBe(200);
    expect(returned.body.coupon_state).toBe('EFFECTIVE');
    expect(returned.body.single_usage_detail).toEqual({
      return_request_no: ret.out_request_no,
      return_time: returned.body.single_usage_detail.return_time,
    });
    const again = await call(c, paths.use(openid, code), useBody(c, s, 0));
    expect(again.body.coupon_state).toBe('USED');
    await expectNoNextRound(s, openid);

    const detail = await get(c, `${paths.coupon(openid, code)}?${queryOf(couponRef(c, s, 0))}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(again.body);
    const listed = await get(c, paths.list(openid, { appid: c.merchant.appid, brand_id: c.merchant.brandId }));
    expect(listed.body).toMatchObject({ total_count: 1, user_coupon_list: [again.body] });
  });

  it('refuses a use outside the stock’s own weekly days (single_usage_rule)', async () => {
    const { c } = env;
    const today = new Date(c.clock.now().getTime() + 8 * 3600_000).getUTCDay();
    const other = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'][(today + 1) % 7]!;
    const s = await seedSingleStocks(c, { weeklyDays: [other] });
    const openid = 'o-single-weekly';
    const code = await sendSingle(c, s, openid);
    expect((await call(c, paths.confirm(openid, code), confirmBody(c, s, 0))).status).toBe(200);
    const refused = await call(c, paths.use(openid, code), useBody(c, s, 0));
    expect(refused).toMatchObject({ status: 403, body: { code: 'NOT_ENOUGH', message: '用户商品券当前无法使用' } });
  });

  /** No stock of the product coupon but the coupon's own has issued anything, and the user holds one coupon. */
  async function expectNoNextRound(s: Awaited<ReturnType<typeof seedSingleStocks>>, openid: string) {
    const { c } = env;
    const day = new Date(c.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const counts = await Promise.all(s.stockIds.map(async (id) => (await c.store.getStock(id, day))!.totalCount));
    expect(counts).toEqual([1, 0, 0]);
    const mine = await c.store.listUserCoupons({
      brandId: c.merchant.brandId,
      mchid: c.merchant.mchid,
      openid,
      offset: 0,
      limit: 10,
      now: c.clock.now(),
    });
    expect(mine.total).toBe(1);
  }
});

describe('失效用户商品券 (D-107)', () => {
  it('deactivates one single coupon, replays a repeat, and leaves it neither usable nor returnable', async () => {
    const { c } = env;
    const s = await seedSingleStocks(c);
    const openid = 'o-single-deact';
    const code = await sendSingle(c, s, openid);
    const body = deactivateCouponBody(c, s, 0);
    const done = await call(c, paths.deactivateCoupon(openid, code), body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      coupon_code: code,
      coupon_state: 'DEACTIVATED',
      deactivate_request_no: body.out_request_no,
      deactivate_reason: body.deactivate_reason,
    });
    expect(done.body.deactivate_time).toMatch(/\+08:00$/);
    expect(done.body).not.toHaveProperty('user_product_coupon_bundle_info');
    expect(await call(c, paths.deactivateCoupon(openid, code), body)).toMatchObject({ status: 200, body: done.body });

    const detail = await get(c, `${paths.coupon(openid, code)}?${queryOf(couponRef(c, s, 0))}`);
    expect(detail.body).toEqual(done.body);
    const refusals = [
      await call(c, paths.confirm(openid, code), confirmBody(c, s, 0)),
      await call(c, paths.use(openid, code), useBody(c, s, 0)),
      await call(c, paths.return(openid, code), returnBody(c, s, 0)),
      await call(c, paths.deactivateCoupon(openid, code), deactivateCouponBody(c, s, 0)),
    ];
    expect(refusals.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([400, 'INVALID_REQUEST']));
    expect(refusals[3]!.body.message).toMatch(BUSINESS);

    const other = await sendSingle(c, s, openid);
    const conflict = await call(c, paths.deactivateCoupon(openid, other), body);
    expect(conflict).toMatchObject({ status: 400, body: { code: 'ALREADY_EXISTS' } });
    expect((await c.store.getUserCoupon(other))?.state).toBe('CONFIRMING');
  });

  it('refuses a used coupon; a returned one can be deactivated and keeps only its return', async () => {
    const { c } = env;
    const s = await seedSingleStocks(c);
    const openid = 'o-single-deact-used';
    const code = await sendSingle(c, s, openid);
    await call(c, paths.confirm(openid, code), confirmBody(c, s, 0));
    await call(c, paths.use(openid, code), useBody(c, s, 0));
    const refused = await call(c, paths.deactivateCoupon(openid, code), deactivateCouponBody(c, s, 0));
    expect(refused).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(refused.body.message).toMatch(BUSINESS);
    const ret = returnBody(c, s, 0);
    await call(c, paths.return(openid, code), ret);
    const done = await call(c, paths.deactivateCoupon(openid, code), deactivateCouponBody(c, s, 0));
    expect(done.status).toBe(200);
    expect(done.body.single_usage_detail).toEqual({
      return_request_no: ret.out_request_no,
      return_time: done.body.single_usage_detail.return_time,
    });
  });

  it('of concurrent deactivations with different numbers exactly one succeeds', async () => {
    const { c } = env;
    const s = await seedSingleStocks(c);
    const openid = 'o-single-deact-race';
    const code = await sendSingle(c, s, openid);
    const bodies = Array.from({ length: 8 }, () => deactivateCouponBody(c, s, 0));
    const answers = await Promise.all(bodies.map((b) => call(c, paths.deactivateCoupon(openid, code), b)));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== 200))
      expect(lost).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    const stored = await c.store.getUserCoupon(code);
    expect(stored?.detail.deactivate_request_no).toBe(won[0]!.body.deactivate_request_no);
    const bound = await Promise.all(
      bodies.map((b) =>
        c.store.getRequestRecord({
          mchid: c.merchant.mchid,
          brandId: c.merchant.brandId,
          api: 'deactivateUserCoupon',
          requestNo: b.out_request_no,
        }),
      ),
    );
    expect(bound.filter((r) => r !== null)).toHaveLength(1);
  });

  it('404 for an unknown product coupon, stock or code, and for another user’s coupon', async () => {
    const { c } = env;
    const s = await seedSingleStocks(c, { stocks: 2 });
    const openid = 'o-single-deact-404';
    const code = await sendSingle(c, s, openid);
    const cases: [string, string, Record<string, unknown>, string][] = [
      [openid, code, { product_coupon_id: '1999999999' }, '未找到 product_coupon_id 对应的商品券'],
      [openid, code, { stock_id: '1999999999001' }, '未找到 stock_id 对应的商品券批次'],
      [openid, code, { stock_id: s.stockIds[1] }, '未找到 stock_id 对应的商品券批次'],
      [openid, '7000000000000000000', {}, '未找到 coupon_code 对应的用户商品券'],
      ['o-someone-else', code, {}, '未找到 coupon_code 对应的用户商品券'],
    ];
    for (const [who, which, extra, message] of cases) {
      const res = await call(c, paths.deactivateCoupon(who, which), deactivateCouponBody(c, s, 0, extra));
      expect(res, message).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', message } });
    }
    const missing = deactivateCouponBody(c, s, 0);
    delete (missing as Record<string, unknown>).deactivate_reason;
    const param = await call(c, paths.deactivateCoupon(openid, code), missing);
    expect(param).toMatchObject({
      status: 400,
      body: { code: 'PARAM_ERROR', detail: { field: '/deactivate_reason' } },
    });
    const noAuth = await call(
      c,
      paths.deactivateCoupon(openid, code),
      deactivateCouponBody(c, s, 0, { appid: 'wx0000000000000000' }),
    );
    expect(noAuth).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', message: '传入的AppID非法' } });
  });
});

describe('the wrong mode', () => {
  it('失效用户商品券 on a bundle’s coupon and 失效用户商品券组 on a single coupon answer 400 INVALID_REQUEST', async () => {
    const { c } = env;
    const bundle = await seedBundle(c, { rounds: 3 });
    const openid = 'o-wrong-mode';
    const { bundleId, code0 } = await sendBundle(c, bundle, openid);
    const onBundle = await call(c, paths.deactivateCoupon(openid, code0), deactivateCouponBody(c, bundle, 0));
    expect(onBundle).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(onBundle.body.message).toMatch(/多次优惠的用户商品券不可使用本接口，请使用失效用户商品券组接口/);
    expect((await c.store.getUserCoupon(code0))?.state).toBe('CONFIRMING');

    const single = await seedSingleStocks(c);
    const code = await sendSingle(c, single, openid);
    const stored = await c.store.getUserCoupon(code);
    for (const body of [deactivateBody(c, single), deactivateBody(c, single, { stock_bundle_id: '7999999999' })]) {
      const onSingle = await call(c, paths.deactivate(openid, stored!.userCouponBundleId), body);
      expect(onSingle).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
      expect(onSingle.body.message).toMatch(BUSINESS);
    }
    expect((await c.store.getUserCoupon(code))?.state).toBe('CONFIRMING');
    expect((await c.store.getUserCouponBundle(bundleId))?.state).toBe('ACTIVE');
  });
});
