import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Seeded, seedBundle } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';
import {
  admin,
  call,
  confirmBody,
  couponRef,
  deactivateBody,
  type Env,
  get,
  paths,
  returnBody,
  sendBundle,
  startWithReceiver,
  useBody,
} from './helpers.js';

let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

const USE_FIELDS = [
  'use_request_no',
  'use_time',
  'associated_order_info',
  'associated_pay_score_order_info',
  'saved_amount',
];

/** The coupon as query and list answer it now. */
async function readBack(c: Running, s: Seeded, openid: string, code: string) {
  const ref = couponRef(c, s, 0);
  const query = new URLSearchParams({
    product_coupon_id: ref.product_coupon_id,
    stock_id: ref.stock_id,
    appid: ref.appid,
    brand_id: ref.brand_id,
  });
  const queried = await get(c, `${paths.coupon(openid, code)}?${query}`);
  const listed = await get(c, paths.list(openid, { appid: ref.appid, brand_id: ref.brand_id }));
  expect(queried.status).toBe(200);
  const item = listed.body.user_coupon_list.find((x: { coupon_code: string }) => x.coupon_code === code);
  return [queried.body, item];
}

async function confirmed(c: Running, s: Seeded, openid: string) {
  const sent = await sendBundle(c, s, openid);
  expect((await call(c, paths.confirm(openid, sent.code0), confirmBody(c, s, 0))).status).toBe(200);
  return sent;
}

const usage = (coupon: { progressive_bundle_usage_detail?: Record<string, unknown> }) =>
  coupon.progressive_bundle_usage_detail ?? {};

describe('use_time is written like every other time (D-75)', () => {
  it('answers whole seconds at +08:00 in use, query and list, and stores the same', async () => {
    const { c } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-use-time';
    const { code0 } = await confirmed(c, s, openid);
    const body = useBody(c, s, 0, { use_time: '2026-12-01T06:00:00.987654Z' });
    const used = await call(c, paths.use(openid, code0), body);
    expect(used.status).toBe(200);
    expect(usage(used.body).use_time).toBe('2026-12-01T14:00:00+08:00');
    for (const coupon of await readBack(c, s, openid, code0))
      expect(usage(coupon).use_time).toBe('2026-12-01T14:00:00+08:00');
    const stored = (await c.store.getUserCoupon(code0))!.detail.progressive_bundle_usage_detail;
    expect(stored).toMatchObject({ use_time: '2026-12-01T14:00:00+08:00' });

    const again = await call(c, paths.use(openid, code0), body);
    expect(again.status).toBe(200);
    expect(again.text).toBe(used.text);
  });

  it('a repeat naming the same second another way replays; another second conflicts', async () => {
    const { c } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-use-time-repeat';
    const { code0 } = await confirmed(c, s, openid);
    const body = useBody(c, s, 0, { use_time: '2026-12-01T14:00:00+08:00' });
    const used = await call(c, paths.use(openid, code0), body);
    expect(used.status).toBe(200);

    const sameSecond = await call(c, paths.use(openid, code0), { ...body, use_time: '2026-12-01T06:00:00.5Z' });
    expect(sameSecond.status).toBe(200);
    expect(sameSecond.text).toBe(used.text);
    const minutesOnly = await call(c, paths.use(openid, code0), { ...body, use_time: '2026-12-01T14:00+08:00' });
    expect(minutesOnly.text).toBe(used.text);

    expect((await call(c, paths.return(openid, code0), returnBody(c, s, 0))).status).toBe(200);
    const other = await call(c, paths.use(openid, code0), { ...body, use_time: '2026-12-01T14:00:01+08:00' });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ code: 'ALREADY_EXISTS', message: '已使用过此单号核销券' });
  });
});

describe('use fields leave the answer with the use (D-76)', () => {
  it('a returned coupon answers without its use, in return, query and list; the store keeps it', async () => {
    const { c } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-use-fields-return';
    const { code0 } = await confirmed(c, s, openid);
    const use = useBody(c, s, 0);
    expect((await call(c, paths.use(openid, code0), use)).status).toBe(200);

    const ret = returnBody(c, s, 0);
    const returned = await call(c, paths.return(openid, code0), ret);
    expect(returned.status).toBe(200);
    for (const coupon of [returned.body, ...(await readBack(c, s, openid, code0))]) {
      expect(coupon.coupon_state).toBe('EFFECTIVE');
      expect(Object.keys(usage(coupon)).sort()).toEqual(['return_request_no', 'return_time']);
      expect(usage(coupon).return_request_no).toBe(ret.out_request_no);
      expect(coupon.earlier_uses).toBeUndefined();
    }
    const stored = (await c.store.getUserCoupon(code0))!.detail.progressive_bundle_usage_detail;
    expect(stored).toMatchObject({
      use_request_no: use.out_request_no,
      use_time: use.use_time,
      associated_order_info: use.associated_order_info,
      saved_amount: use.saved_amount,
      return_request_no: ret.out_request_no,
    });
  });

  it('a coupon used again shows the new use and the last return; history keeps both uses', async () => {
    const { c } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-use-fields-again';
    const { code0 } = await confirmed(c, s, openid);
    const first = useBody(c, s, 0, { use_time: '2026-12-01T10:00:00+08:00' });
    await call(c, paths.use(openid, code0), first);
    const ret = returnBody(c, s, 0);
    await call(c, paths.return(openid, code0), ret);
    const second = useBody(c, s, 0, {
      use_time: '2026-12-01T11:00:00+08:00',
      associated_order_info: undefined,
      associated_pay_score_order_info: { order_id: 'PAYSCORE_0001' },
      saved_amount: undefined,
    });
    const usedAgain = await call(c, paths.use(openid, code0), second);
    expect(usedAgain.status).toBe(200);
    for (const coupon of [usedAgain.body, ...(await readBack(c, s, openid, code0))]) {
      expect(usage(coupon)).toEqual({
        return_request_no: ret.out_request_no,
        return_time: usage(usedAgain.body).return_time,
        use_request_no: second.out_request_no,
        use_time: '2026-12-01T11:00:00+08:00',
        associated_pay_score_order_info: { order_id: 'PAYSCORE_0001' },
      });
      expect(coupon.earlier_uses).toBeUndefined();
    }

    const secondReturn = await call(c, paths.return(openid, code0), returnBody(c, s, 0));
    for (const field of USE_FIELDS) expect(usage(secondReturn.body)[field]).toBeUndefined();

    const user = (await admin(c, 'GET', `admin/v1/console/users/${openid}`)).body;
    const steps = user.bundles[0].coupons[0].history.map((x: { step: string }) => x.step);
    expect(steps.filter((x: string) => x === 'USED')).toHaveLength(2);
    expect(steps.filter((x: string) => x === 'RETURNED')).toHaveLength(2);
    const stored = (await c.store.getUserCoupon(code0))!.detail;
    expect(stored.earlier_uses).toEqual([
      expect.objectContaining({ use_request_no: first.out_request_no, return_request_no: ret.out_request_no }),
    ]);
  });

  it('a returned coupon that is then deactivated answers without the use', async () => {
    const { c } = env;
    const s = await seedBundle(c, { rounds: 3 });
    const openid = 'o-use-fields-deactivate';
    const { bundleId, code0 } = await confirmed(c, s, openid);
    await call(c, paths.use(openid, code0), useBody(c, s, 0));
    await call(c, paths.return(openid, code0), returnBody(c, s, 0));

    const res = await call(c, paths.deactivate(openid, bundleId), deactivateBody(c, s));
    expect(res.status).toBe(200);
    const [first, second] = res.body.user_product_coupon_list;
    expect(first).toMatchObject({ coupon_code: code0, coupon_state: 'DEACTIVATED' });
    for (const field of USE_FIELDS) expect(usage(first)[field]).toBeUndefined();
    expect(usage(first).return_request_no).toBeTruthy();
    expect(second.coupon_state).toBe('DEACTIVATED');
    for (const coupon of await readBack(c, s, openid, code0)) {
      expect(coupon.coupon_state).toBe('DEACTIVATED');
      for (const field of USE_FIELDS) expect(usage(coupon)[field]).toBeUndefined();
    }
  });
});
