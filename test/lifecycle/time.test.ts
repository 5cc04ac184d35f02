import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRfc3339, shanghaiDay, toRfc3339 } from '../../src/domain/clock.js';
import { type Seeded, seedBundle } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';
import {
  bundleCoupons,
  call,
  confirmAndUse,
  confirmBody,
  deactivateBody,
  type Env,
  get,
  paths,
  sendBundle,
  startWithReceiver,
  useBody,
} from './helpers.js';

let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

/** A Wednesday afternoon in Shanghai. */
const WEDNESDAY = parseRfc3339('2026-03-04T15:30:00+08:00')!;

const guard = (c: Running, tag: string) => ({
  mchid: c.merchant.mchid,
  brandId: c.merchant.brandId,
  api: 'test-setup',
  requestNo: `${tag}_${Math.random().toString(36).slice(2)}`,
  fingerprint: '',
  status: 200,
  response: '{}',
  createdAt: toRfc3339(c.clock.now()),
});

async function setIntervalDays(c: Running, s: Seeded, days: number) {
  const coupon = (await c.store.getProductCoupon(s.productCouponId))!;
  const info = { count: s.stockIds.length, interval_days: days };
  await c.store.updateProductCoupon(guard(c, 'INTERVAL'), {
    ...coupon,
    data: { ...coupon.data, progressive_bundle_usage_info: info },
  });
}

const list = (c: Running, openid: string, state: string) =>
  get(c, paths.list(openid, { appid: c.merchant.appid, brand_id: c.merchant.brandId, coupon_state: state }));

const codesOf = (body: { user_coupon_list?: { coupon_code: string }[] }) =>
  (body.user_coupon_list ?? []).map((x) => x.coupon_code);

describe('rounds and time (D-14)', () => {
  it('interval_days 0: the next round is usable at once', async () => {
    const { c } = env;
    c.clock.freeze(WEDNESDAY);
    const s = await seedBundle(c);
    const { bundleId, code0 } = await sendBundle(c, s, 'o-interval-0');
    await confirmAndUse(c, s, 'o-interval-0', code0, 0);
    const next = (await bundleCoupons(c, bundleId))[1]!;
    expect(next).toMatchObject({ state: 'CONFIRMING', validBeginTime: toRfc3339(WEDNESDAY), stockId: s.stockIds[1] });
    const confirmed = await call(c, paths.confirm('o-interval-0', next.couponCode), confirmBody(c, s, 1));
    expect(confirmed.body.coupon_state).toBe('EFFECTIVE');
  });

  it('interval_days 1: the next round starts at 00:00+08:00 the next day, PENDING until then', async () => {
    const { c } = env;
    c.clock.freeze(WEDNESDAY);
    const s = await seedBundle(c);
    await setIntervalDays(c, s, 1);
    const openid = 'o-interval-1';
    const { bundleId, code0 } = await sendBundle(c, s, openid);
    await confirmAndUse(c, s, openid, code0, 0);
    const next = (await bundleCoupons(c, bundleId))[1]!;
    expect(next.validBeginTime).toBe('2026-03-05T00:00:00+08:00');

    const confirmed = await call(c, paths.confirm(openid, next.couponCode), confirmBody(c, s, 1));
    expect(confirmed.body.coupon_state).toBe('PENDING');
    const early = await call(c, paths.use(openid, next.couponCode), useBody(c, s, 1));
    expect([early.status, early.body.code, early.body.message]).toEqual([403, 'NOT_ENOUGH', '用户商品券当前无法使用']);
    expect(codesOf((await list(c, openid, 'PENDING')).body)).toEqual([next.couponCode]);

    c.clock.advance(8.5 * 3600);
    const detail = await get(
      c,
      `${paths.coupon(openid, next.couponCode)}?${new URLSearchParams({
        product_coupon_id: s.productCouponId,
        stock_id: s.stockIds[1]!,
        appid: c.merchant.appid,
        brand_id: c.merchant.brandId,
      })}`,
    );
    expect(detail.body.coupon_state).toBe('EFFECTIVE');
    expect(codesOf((await list(c, openid, 'EFFECTIVE')).body)).toEqual([next.couponCode]);
    await c.app.jobs.sweeper.run();
    expect((await c.store.getUserCoupon(next.couponCode))?.state).toBe('EFFECTIVE');

    const used = await call(c, paths.use(openid, next.couponCode), useBody(c, s, 1));
    expect(used.status).toBe(200);
    expect((await bundleCoupons(c, bundleId))[2]?.validBeginTime).toBe('2026-03-06T00:00:00+08:00');
    const stock2 = await c.store.getStock(s.stockIds[2]!, shanghaiDay(c.clock.now()));
    expect([stock2?.totalCount, stock2?.todayCount]).toEqual([1, 1]);
  });

  it('expires an EFFECTIVE coupon after its end time: on read, in the list filter, and in the store', async () => {
    const { c } = env;
    c.clock.freeze(WEDNESDAY);
    const s = await seedBundle(c, { endDaysFromNow: 2 });
    const openid = 'o-expiry';
    const { code0 } = await sendBundle(c, s, openid);
    await call(c, paths.confirm(openid, code0), confirmBody(c, s, 0));
    const end = Date.parse((await c.store.getUserCoupon(code0))!.validEndTime);

    c.clock.freeze(new Date(end));
    expect(codesOf((await list(c, openid, 'EFFECTIVE')).body)).toEqual([code0]);
    c.clock.freeze(new Date(end + 1));
    expect(codesOf((await list(c, openid, 'EFFECTIVE')).body)).toEqual([]);
    expect(codesOf((await list(c, openid, 'EXPIRED')).body)).toEqual([code0]);
    await c.app.jobs.sweeper.run();
    expect((await c.store.getUserCoupon(code0))?.state).toBe('EXPIRED');

    const use = await call(c, paths.use(openid, code0), useBody(c, s, 0));
    expect([use.status, use.body.code]).toEqual([403, 'NOT_ENOUGH']);
    const bundleId = (await c.store.getUserCoupon(code0))!.userCouponBundleId;
    const deactivated = await call(c, paths.deactivate(openid, bundleId), deactivateBody(c, s));
    expect(deactivated.body.user_product_coupon_list[0].coupon_state).toBe('EXPIRED');
  });

  it('leaves an unconfirmed coupon CONFIRMING after its end time (WeChat documents no such move)', async () => {
    const { c } = env;
    c.clock.freeze(WEDNESDAY);
    const s = await seedBundle(c, { endDaysFromNow: 1 });
    const { code0 } = await sendBundle(c, s, 'o-unconfirmed');
    c.clock.advance(3 * 86_400);
    await c.app.jobs.sweeper.run();
    expect((await c.store.getUserCoupon(code0))?.state).toBe('CONFIRMING');
  });

  it('refuses a use outside the weekly periods with 403 NOT_ENOUGH', async () => {
    const { c } = env;
    c.clock.freeze(WEDNESDAY);
    const s = await seedBundle(c);
    const stock = (await c.store.getStock(s.stockIds[0]!, shanghaiDay(WEDNESDAY)))!;
    const rule = stock.data.progressive_bundle_usage_rule!;
    const period = {
      ...rule.coupon_available_period,
      weekly_available_period: { day_list: ['MONDAY' as const], day_period_list: [{ begin_time: 0, end_time: 3600 }] },
    };
    const data = { ...stock.data, progressive_bundle_usage_rule: { ...rule, coupon_available_period: period } };
    await c.store.updateStocksData(guard(c, 'WEEKLY'), [{ stockId: stock.stockId, data }], toRfc3339(WEDNESDAY));
    const { code0 } = await sendBundle(c, s, 'o-weekly');
    await call(c, paths.confirm('o-weekly', code0), confirmBody(c, s, 0));
    const use = await call(c, paths.use('o-weekly', code0), useBody(c, s, 0));
    expect([use.status, use.body.message]).toEqual([403, '用户商品券当前无法使用']);
    c.clock.freeze(parseRfc3339('2026-03-09T00:30:00+08:00')!);
    expect((await call(c, paths.use('o-weekly', code0), useBody(c, s, 0))).status).toBe(200);
  });
});
