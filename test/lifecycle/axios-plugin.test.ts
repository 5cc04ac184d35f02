import { describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { axiosPluginJourney, dataOf } from '../interop/axios-plugin-setup.js';
import { claim, presendBody } from '../issuance/helpers.js';
import { couponRef, no } from './helpers.js';
import { pluginVerify } from './receiver.js';

/** The journey through the unmodified npm package, callbacks checked with its own signature and AES-GCM helpers. */
const { live, plugin } = axiosPluginJourney();

interface Coupon {
  coupon_code: string;
  coupon_state: string;
  user_product_coupon_bundle_info: { user_coupon_bundle_index: number; used_count: number; total_count: number };
}

describe('the journey through wechatpay-axios-plugin', () => {
  it('pre-send, claim, then confirm and use each round; return and deactivate', async () => {
    const wxpay = plugin();
    const pc = wxpay.v3.marketing.partner.productCoupon;
    await pc.notifyConfigs.post({ notify_url: live.receiver.url });
    const rounds = 3;
    const s = await seedBundle(live.c, { rounds, maxCountPerUser: 2 });
    const openid = 'o-axios-journey';
    const ref = (round: number) => couponRef(live.c, s, round);

    const presend = await pc.users._openid_.preSendCouponBundle.post(presendBody(live.c, s, 'AXIOS_JOURNEY_1'), {
      openid,
    });
    const claimed = await claim(live.c, dataOf<{ token: string }>(presend).token);
    expect(claimed.result).toBe('RECEIVED');

    for (let round = 0; round < rounds; round++) {
      const callback = (await live.receiver.waitFor(round + 1))[round]!;
      expect(callback.error).toBeUndefined();
      expect(callback.resource).toMatchObject({
        stock_id: s.stockIds[round],
        user_coupon_bundle_id: claimed.user_coupon_bundle_id,
        send_channel: 'RECEIVE_COMPONENT',
      });
      const coupon_code = callback.resource!.coupon_code;
      const confirmed = await pc.users._openid_.coupons._coupon_code_.confirm.post(
        { ...ref(round), out_request_no: no('AXCONF') },
        { openid, coupon_code },
      );
      expect(dataOf<Coupon>(confirmed).coupon_state).toBe('EFFECTIVE');
      const used = await pc.users._openid_.coupons._coupon_code_.use.post(
        {
          ...ref(round),
          use_time: '2025-05-20T13:29:35+08:00',
          out_request_no: no('AXUSE'),
          associated_pay_score_order_info: { order_id: `PS${round}` },
        },
        { openid, coupon_code },
      );
      expect(dataOf<Coupon>(used)).toMatchObject({
        coupon_state: 'USED',
        user_product_coupon_bundle_info: {
          user_coupon_bundle_index: round,
          used_count: round + 1,
          total_count: rounds,
        },
      });
    }

    const last = live.receiver.verified.at(-1)!.resource.coupon_code;
    const returned = await pc.users._openid_.coupons._coupon_code_.return.post(
      { ...ref(rounds - 1), out_request_no: no('AXRET') },
      { openid, coupon_code: last },
    );
    expect(dataOf<Coupon>(returned)).toMatchObject({
      coupon_state: 'EFFECTIVE',
      user_product_coupon_bundle_info: { used_count: rounds - 1 },
    });
    const detail = await pc.users._openid_.coupons._coupon_code_.get({
      params: ref(rounds - 1),
      openid,
      coupon_code: last,
    });
    expect(dataOf<Coupon>(detail).coupon_state).toBe('EFFECTIVE');

    const deactivated = await pc.users._openid_.couponBundles._user_coupon_bundle_id_.deactivate.post(
      {
        product_coupon_id: s.productCouponId,
        stock_bundle_id: s.stockBundleId,
        appid: live.c.merchant.appid,
        out_request_no: no('AXDEACT'),
        deactivate_reason: '活动结束',
        brand_id: live.c.merchant.brandId,
      },
      { openid, user_coupon_bundle_id: claimed.user_coupon_bundle_id },
    );
    const list = dataOf<{ user_product_coupon_list: Coupon[] }>(deactivated).user_product_coupon_list;
    expect(list.map((x) => x.coupon_state)).toEqual(['USED', 'USED', 'DEACTIVATED']);
    expect(live.receiver.received).toHaveLength(rounds);
  });

  it('its helpers reject a callback whose body was changed in transit', async () => {
    const [first] = live.receiver.received;
    const trust = {
      apiv3Key: live.c.merchant.apiv3Key,
      platformId: live.c.platform.id,
      platformPublicKey: live.c.platform.publicKey,
    };
    await expect(pluginVerify(first!.headers, first!.body, trust)).resolves.toBeTruthy();
    const changed = first!.body.replace('PRODUCT_COUPON_SP.SEND', 'PRODUCT_COUPON_SP.SENT');
    await expect(pluginVerify(first!.headers, changed, trust)).rejects.toThrow('signature does not verify');
  });
});
