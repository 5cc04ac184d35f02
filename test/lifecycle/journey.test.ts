import type { WechatpayClient } from '@coupond/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/domain/clock.js';
import { seedBundle } from '../fixtures/catalog.js';
import { clientOf } from '../harness.js';
import { claim, preSendToken, presendBody } from '../issuance/helpers.js';
import { couponRef, type Env, no, startWithReceiver } from './helpers.js';

let env: Env;
let client: WechatpayClient;
beforeAll(async () => {
  env = await startWithReceiver();
  const { c } = env;
  client = clientOf(c);
});
afterAll(() => env.close());

describe('the journey of a bundle through coupond’s client (D-11, D-15, D-16)', () => {
  it('pre-send, claim, callback, then confirm and use round after round until the bundle ends', async () => {
    const { c, receiver } = env;
    const rounds = 4;
    const s = await seedBundle(c, { rounds, maxCount: 10, maxCountPerUser: 2 });
    const openid = 'o-journey-user';
    const users = client.v3.marketing.partner.productCoupon.users._openid_;
    const ref = (round: number) => couponRef(c, s, round);

    const token = await preSendToken(c, s, openid, 'JOURNEY_0001');
    const claimed = await claim(c, token);
    expect(claimed.result).toBe('RECEIVED');
    const bundleId = claimed.user_coupon_bundle_id!;

    const codes: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const [callback] = (await receiver.waitFor(round + 1)).slice(round);
      expect(callback?.error).toBeUndefined();
      expect(callback?.envelope).toMatchObject({
        event_type: 'PRODUCT_COUPON_SP.SEND',
        resource_type: 'encrypt-resource',
        summary: '商品券领券通知',
        resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'product_coupon_sp' },
      });
      const sent = callback!.resource!;
      expect(sent).toMatchObject({
        brand_id: c.merchant.brandId,
        product_coupon_id: s.productCouponId,
        stock_id: s.stockIds[round],
        stock_bundle_id: s.stockBundleId,
        user_coupon_bundle_id: bundleId,
        appid: c.merchant.appid,
        openid,
        send_request_no: 'JOURNEY_0001',
        send_channel: 'RECEIVE_COMPONENT',
      });
      expect(sent.unionid).toMatch(/^o[\w-]{27}$/);
      const code = sent.coupon_code;
      codes.push(code);

      const before = await users.coupons._coupon_code_.get({ openid, coupon_code: code, params: ref(round) });
      expect(before.data).toMatchObject({
        coupon_state: 'CONFIRMING',
        valid_begin_time: sent.valid_begin_time,
        valid_end_time: sent.valid_end_time,
        user_product_coupon_bundle_info: { user_coupon_bundle_index: round, total_count: rounds, used_count: round },
      });

      const confirmNo = no('CONFIRM');
      const confirmed = await users.coupons._coupon_code_.confirm.post({
        openid,
        coupon_code: code,
        json: { ...ref(round), out_request_no: confirmNo },
      });
      expect(confirmed.data).toMatchObject({ coupon_state: 'EFFECTIVE', confirm_request_no: confirmNo });
      expect(confirmed.data.confirm_time).toBeTruthy();

      const useNo = no('USE');
      const used = await users.coupons._coupon_code_.use.post({
        openid,
        coupon_code: code,
        json: {
          ...ref(round),
          use_time: '2025-05-20T13:29:35+08:00',
          out_request_no: useNo,
          associated_order_info: { transaction_id: `42000000${round}` },
          saved_amount: 1000,
        },
      });
      expect(used.data).toMatchObject({
        coupon_state: 'USED',
        progressive_bundle_usage_detail: {
          use_request_no: useNo,
          use_time: '2025-05-20T13:29:35+08:00',
          associated_order_info: { transaction_id: `42000000${round}` },
          saved_amount: 1000,
        },
        user_product_coupon_bundle_info: { user_coupon_bundle_index: round, used_count: round + 1 },
      });
    }

    await new Promise((r) => setTimeout(r, 700));
    expect(receiver.received).toHaveLength(rounds);
    expect(new Set(receiver.received.map((r) => r.envelope?.id)).size).toBe(rounds);
    expect(new Set(codes).size).toBe(rounds);

    const list = await users.coupons.get({
      openid,
      params: { appid: c.merchant.appid, brand_id: c.merchant.brandId, user_coupon_bundle_id: bundleId },
    });
    expect(list.data.total_count).toBe(rounds);
    for (const u of list.data.user_coupon_list ?? [])
      expect(u).toMatchObject({
        coupon_state: 'USED',
        user_product_coupon_bundle_info: { total_count: rounds, used_count: rounds },
      });

    const day = shanghaiDay(c.clock.now());
    for (const stockId of s.stockIds) {
      const stock = await c.store.getStock(stockId, day);
      expect([stock?.totalCount, stock?.todayCount]).toEqual([1, 1]);
      expect(await c.store.getUserCount(stockId, `openid:${openid}`)).toBe(1);
    }
  });

  it('delivers the direct send’s callback with send_channel API and attach', async () => {
    const { c, receiver } = env;
    const s = await seedBundle(c);
    const before = receiver.received.length;
    const res = await client.v3.marketing.partner.productCoupon.users._openid_.couponBundles.post({
      openid: 'o-journey-api',
      json: presendBody(c, s, no('DIRECT'), { attach: 'order-42' }),
    });
    const [callback] = (await receiver.waitFor(before + 1)).slice(before);
    expect(callback?.resource).toMatchObject({
      coupon_code: res.data.user_product_coupon_list[0]?.coupon_code,
      send_channel: 'API',
      attach: 'order-42',
    });
  });
});
