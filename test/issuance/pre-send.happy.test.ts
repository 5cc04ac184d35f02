import { pathOf } from '@coupond/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedBody } from '../api/verify-response.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { paths } from '../lifecycle/helpers.js';
import { claim, PRESEND, presendBody, preview } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

describe('pre-send → receiving component → user coupon (向用户预发放商品券批次组, D-7..D-9)', () => {
  it('issues the bundle on claim and shows 已领取 to later tokens of the same parameters', async () => {
    const s = await seedBundle(c, { maxCount: 10 });
    const openid = 'o-happy-user-1';
    const body = presendBody(c, s, 'HAPPY_0001', { attach: '活动A' });
    const first = await c.send('POST', PRESEND(openid), body);
    expect(first.status).toBe(200);
    const { token } = JSON.parse(await verifiedBody(first, c.platform.publicKey));
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const again = await (await c.send('POST', PRESEND(openid), body)).json();
    expect(again.token).not.toBe(token);

    const before = await preview(c, token);
    expect(before.state).toBe('READY');
    expect(before.coupon).toMatchObject({ name: '全场满100减10', type: 'NORMAL' });
    expect((before.coupon as { rounds: unknown[] }).rounds).toHaveLength(3);
    expect((await c.store.getStock(s.stockIds[0]!, '2000-01-01'))?.totalCount).toBe(0);

    const claimed = await claim(c, token);
    expect(claimed.result).toBe('RECEIVED');
    expect(claimed.user_coupon_bundle_id).toBeTruthy();

    expect(await claim(c, token)).toMatchObject({
      result: 'ALREADY_RECEIVED',
      user_coupon_bundle_id: claimed.user_coupon_bundle_id,
    });
    expect(await preview(c, again.token)).toMatchObject({
      state: 'ALREADY_RECEIVED',
      user_coupon_bundle_id: claimed.user_coupon_bundle_id,
    });
    const later = await (await c.send('POST', PRESEND(openid), body)).json();
    expect((await claim(c, later.token)).result).toBe('ALREADY_RECEIVED');

    const list = await c.send('GET', paths.list(openid, { appid: c.merchant.appid, brand_id: c.merchant.brandId }));
    const coupons = JSON.parse(await verifiedBody(list, c.platform.publicKey));
    expect(coupons.total_count).toBe(1);
    const [coupon] = coupons.user_coupon_list;
    expect(coupon).toMatchObject({
      coupon_state: 'CONFIRMING',
      send_channel: 'RECEIVE_COMPONENT',
      send_request_no: 'HAPPY_0001',
      attach: '活动A',
      user_product_coupon_bundle_info: {
        user_coupon_bundle_id: claimed.user_coupon_bundle_id,
        user_coupon_bundle_index: 0,
        total_count: 3,
        used_count: 0,
      },
      stock: { stock_id: s.stockIds[0], sent_count_info: { total_count: 1, today_count: 1 } },
      product_coupon: { product_coupon_id: s.productCouponId, state: 'EFFECTIVE' },
    });

    const detail = await c.send(
      'GET',
      pathOf(
        'v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}',
        { openid, coupon_code: coupon.coupon_code },
        {
          product_coupon_id: s.productCouponId,
          stock_id: s.stockIds[0],
          appid: c.merchant.appid,
          brand_id: c.merchant.brandId,
        },
      ),
    );
    expect(detail.status).toBe(200);
    expect((await detail.json()).coupon_code).toBe(coupon.coupon_code);
  });

  it('an already claimed number gets a token even when the budget is exhausted (D-7)', async () => {
    const s = await seedBundle(c, { maxCount: 1 });
    const body = presendBody(c, s, 'LASTONE_01');
    const { token } = await (await c.send('POST', PRESEND('o-last'), body)).json();
    expect((await claim(c, token)).result).toBe('RECEIVED');
    const res = await c.send('POST', PRESEND('o-last'), body);
    expect(res.status).toBe(200);
    expect((await preview(c, (await res.json()).token)).state).toBe('ALREADY_RECEIVED');
    const other = await c.send('POST', PRESEND('o-other'), presendBody(c, s, 'LASTONE_02'));
    expect(other.status).toBe(403);
  });
});
