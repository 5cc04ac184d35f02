import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedProductCouponT } from '../../src/services/catalog/types.js';
import { createCoupon, json, paths, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { admin, no } from '../lifecycle/helpers.js';

const API = 'admin/v1/console';

/** The console's JSON API (D-60, D-61, D-62) over HTTP, on whichever store the suite runs. */
describe('console API', () => {
  let c: Running;
  let created: CreatedProductCouponT;
  const send = async (openid: string) => {
    const res = await c.send('POST', paths.send(openid), {
      brand_id: c.merchant.brandId,
      product_coupon_id: created.product_coupon_id,
      stock_bundle_id: created.stock_bundle!.stock_bundle_id,
      appid: c.merchant.appid,
      send_request_no: no('SEND'),
    });
    return json<{ user_coupon_bundle_id: string }>(res);
  };

  beforeAll(async () => {
    c = await startCoupond();
    c.clock.freeze(new Date('2026-03-01T10:15:00+08:00'));
    await setNotifyUrl(c);
    created = await createCoupon(c, { maxCount: 100, maxCountPerDay: 50, maxCountPerUser: 3 });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('answers 401 without the admin token or with a wrong one', async () => {
    for (const path of ['overview', 'product-coupons', `product-coupons/${created.product_coupon_id}`, 'users/o-x']) {
      const res = await fetch(`${c.baseURL}${API}/${path}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      expect((await admin(c, 'GET', `${API}/${path}`, undefined, 'wrong-token')).status).toBe(401);
    }
  });

  it('refuses bad queries with PARAM_ERROR and unknown product coupons with NOT_FOUND', async () => {
    for (const query of ['limit=0', 'limit=101', 'mode=BOTH', 'state=SENDING', 'offset=-1', 'mchid=abc', 'extra=1']) {
      const res = await admin(c, 'GET', `${API}/product-coupons?${query}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'PARAM_ERROR' });
    }
    const bad = await admin(c, 'GET', `${API}/product-coupons/${created.product_coupon_id}/issuance?granularity=week`);
    expect(bad).toMatchObject({ status: 400, body: { code: 'PARAM_ERROR' } });
    for (const path of ['product-coupons/1999999999', 'product-coupons/1999999999/issuance']) {
      expect(await admin(c, 'GET', `${API}/${path}`)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    }
  });

  it('counts issuance per hour and per day on the test clock, and lists, filters and details it', async () => {
    await send('o-api-1');
    await send('o-api-2');
    c.clock.advance(3600);
    await send('o-api-1');
    c.clock.advance(86_400);
    await send('o-api-3');

    const hourly = (await admin(c, 'GET', `${API}/product-coupons/${created.product_coupon_id}/issuance`)).body;
    expect(hourly.buckets).toHaveLength(48);
    expect(hourly.buckets.at(-1)).toBe('2026-03-02T11:00:00+08:00');
    expect(hourly.buckets[0]).toBe('2026-02-28T12:00:00+08:00');
    const at = (hour: string) => hourly.counts[hourly.buckets.indexOf(hour)];
    expect([at('2026-03-01T10:00:00+08:00'), at('2026-03-01T11:00:00+08:00'), at('2026-03-02T11:00:00+08:00')]).toEqual(
      [2, 1, 1],
    );
    expect(hourly.counts.reduce((a: number, b: number) => a + b, 0)).toBe(4);

    const daily = (
      await admin(c, 'GET', `${API}/product-coupons/${created.product_coupon_id}/issuance?granularity=day`)
    ).body;
    expect(daily.buckets).toHaveLength(30);
    expect(daily.buckets.slice(-2)).toEqual(['2026-03-01T00:00:00+08:00', '2026-03-02T00:00:00+08:00']);
    expect(daily.counts.slice(-2)).toEqual([3, 1]);

    const list = (await admin(c, 'GET', `${API}/product-coupons?mode=PROGRESSIVE_BUNDLE&state=EFFECTIVE`)).body;
    expect(
      list.data.find((s: { product_coupon_id: string }) => s.product_coupon_id === created.product_coupon_id),
    ).toMatchObject({ bundles: 1, stocks: 3, issued: 4, budget: 300, mode: 'PROGRESSIVE_BUNDLE', state: 'EFFECTIVE' });
    expect((await admin(c, 'GET', `${API}/product-coupons?mode=SINGLE`)).body).toEqual({ total_count: 0, data: [] });
    expect((await admin(c, 'GET', `${API}/product-coupons?brand_id=nobody`)).body.total_count).toBe(0);

    const detail = (await admin(c, 'GET', `${API}/product-coupons/${created.product_coupon_id}`)).body;
    expect(detail.day).toBe('2026-03-02');
    expect(detail.bundles[0].stocks[0]).toMatchObject({
      index: 0,
      max_count: 100,
      max_count_per_day: 50,
      max_count_per_user: 3,
      issued: 4,
      issued_today: 1,
    });
    expect(detail.bundles[0].stocks[1]).toMatchObject({ index: 1, issued: 0, issued_today: 0 });

    const overview = (await admin(c, 'GET', `${API}/overview`)).body;
    expect(overview).toMatchObject({ issued: 4, issued_today: 1, product_coupons: { EFFECTIVE: 1 }, sandbox: true });
    expect(overview.fault_apis).toContain('sendCouponBundle');
  });

  it("shows a user's bundles, coupons and history; the sandbox reset empties the counters", async () => {
    const user = (await admin(c, 'GET', `${API}/users/o-api-1`)).body;
    expect(user.bundles).toHaveLength(2);
    expect(user.bundles[0].coupons[0]).toMatchObject({ index: 0, state: 'CONFIRMING' });
    expect(user.bundles[0].coupons[0].history.map((s: { step: string }) => s.step)).toEqual(['ISSUED']);
    expect((await admin(c, 'GET', `${API}/users/o-nobody`)).body).toEqual({ openid: 'o-nobody', bundles: [] });

    expect((await admin(c, 'POST', 'sandbox/v1/reset')).status).toBe(204);
    created = await createCoupon(c);
    const hourly = (await admin(c, 'GET', `${API}/product-coupons/${created.product_coupon_id}/issuance`)).body;
    expect(hourly.counts.every((n: number) => n === 0)).toBe(true);
    expect((await admin(c, 'GET', `${API}/overview`)).body.issued).toBe(0);
  });
});
