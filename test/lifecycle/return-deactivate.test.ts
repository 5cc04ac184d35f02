import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import {
  bundleCoupons,
  call,
  confirmAndUse,
  confirmBody,
  deactivateBody,
  type Env,
  paths,
  returnBody,
  sendBundle,
  startWithReceiver,
  until,
  useBody,
} from './helpers.js';

let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('return (退券, D-15)', () => {
  it('restores EFFECTIVE, keeps the round the use issued, and counts used_count exactly', async () => {
    const { c, receiver } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-return';
    const { bundleId, code0 } = await sendBundle(c, s, openid);
    await confirmAndUse(c, s, openid, code0, 0);
    const [, round1] = await bundleCoupons(c, bundleId);
    expect(round1?.state).toBe('CONFIRMING');

    const body = returnBody(c, s, 0);
    const returned = await call(c, paths.return(openid, code0), body);
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      coupon_state: 'EFFECTIVE',
      progressive_bundle_usage_detail: { return_request_no: body.out_request_no },
      user_product_coupon_bundle_info: { user_coupon_bundle_index: 0, used_count: 0, total_count: 3 },
    });
    expect(returned.body.progressive_bundle_usage_detail.return_time).toBeTruthy();
    expect((await bundleCoupons(c, bundleId)).map((x) => x.state)).toEqual(['EFFECTIVE', 'CONFIRMING']);
    expect((await c.store.getUserCouponBundle(bundleId))?.usedCount).toBe(0);

    await until(async () => (await c.store.listDeliveries({ state: 'PENDING', offset: 0, limit: 1 })).total === 0);
    const events = receiver.received.length;
    const again = await call(c, paths.use(openid, code0), useBody(c, s, 0));
    expect(again.body).toMatchObject({
      coupon_state: 'USED',
      user_product_coupon_bundle_info: { used_count: 1 },
    });
    expect(again.body.progressive_bundle_usage_detail.return_request_no).toBe(body.out_request_no);
    expect(await bundleCoupons(c, bundleId)).toHaveLength(2);
    await sleep(400);
    expect(receiver.received).toHaveLength(events);
  });
});

describe('deactivate a user coupon bundle (失效用户商品券组, D-15)', () => {
  it('deactivates what is not used yet, keeps USED, and issues no further rounds', async () => {
    const { c } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-deactivate';
    const { bundleId, code0 } = await sendBundle(c, s, openid);
    await confirmAndUse(c, s, openid, code0, 0);
    const round1 = (await bundleCoupons(c, bundleId))[1]!;
    await call(c, paths.confirm(openid, round1.couponCode), confirmBody(c, s, 1));

    const body = deactivateBody(c, s);
    const res = await call(c, paths.deactivate(openid, bundleId), body);
    expect(res.status).toBe(200);
    expect(res.body.user_coupon_bundle_id).toBe(bundleId);
    const [first, second] = res.body.user_product_coupon_list;
    expect(first).toMatchObject({ coupon_code: code0, coupon_state: 'USED' });
    expect(first.deactivate_request_no).toBeUndefined();
    expect(second).toMatchObject({
      coupon_code: round1.couponCode,
      coupon_state: 'DEACTIVATED',
      deactivate_request_no: body.out_request_no,
      deactivate_reason: body.deactivate_reason,
      user_product_coupon_bundle_info: { user_coupon_bundle_id: bundleId, user_coupon_bundle_index: 1, used_count: 1 },
      stock: {
        stock_id: s.stockIds[1],
        stock_bundle_info: { stock_bundle_id: s.stockBundleId, stock_bundle_index: 1 },
      },
    });
    expect(second.deactivate_time).toBeTruthy();

    const use = await call(c, paths.use(openid, round1.couponCode), useBody(c, s, 1));
    expect([use.status, use.body.message]).toEqual([400, '用户券状态非法']);
    const giveBack = await call(c, paths.return(openid, code0), returnBody(c, s, 0));
    expect([giveBack.status, giveBack.body.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await bundleCoupons(c, bundleId)).map((x) => x.state)).toEqual(['USED', 'DEACTIVATED']);
    expect(await c.store.getUserCouponBundle(bundleId)).toMatchObject({ state: 'DEACTIVATED', usedCount: 1 });

    const replay = await call(c, paths.deactivate(openid, bundleId), body);
    expect(replay.text).toBe(res.text);
    const again = await call(c, paths.deactivate(openid, bundleId), deactivateBody(c, s));
    expect([again.status, again.body.message]).toEqual([400, '传入参数不符合业务规则']);
  });

  it('deactivates a fresh bundle’s CONFIRMING coupon #0', async () => {
    const { c } = env;
    const s = await seedBundle(c);
    const { bundleId } = await sendBundle(c, s, 'o-deactivate-fresh');
    const res = await call(c, paths.deactivate('o-deactivate-fresh', bundleId), deactivateBody(c, s));
    expect(res.body.user_product_coupon_list.map((x: { coupon_state: string }) => x.coupon_state)).toEqual([
      'DEACTIVATED',
    ]);
  });
});
