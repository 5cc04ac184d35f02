import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, presendBody } from '../issuance/helpers.js';
import { couponRef, no } from './helpers.js';
import { CallbackReceiver, pluginVerify } from './receiver.js';

/** The journey through the unmodified npm package, callbacks checked with its own signature and AES-GCM helpers. */
let c: Running;
let receiver: CallbackReceiver;

beforeAll(async () => {
  c = await startCoupond();
  receiver = new CallbackReceiver(
    { apiv3Key: c.merchant.apiv3Key, platformId: c.platform.id, platformPublicKey: c.platform.publicKey },
    pluginVerify,
  );
  await receiver.start();
});
afterAll(async () => {
  await c.close();
  await receiver.close();
});

const plugin = () =>
  new Wechatpay({
    mchid: c.merchant.mchid,
    serial: c.merchant.serial,
    privateKey: c.merchant.privateKey,
    certs: { [c.platform.id]: Rsa.from(c.platform.publicKey, Rsa.KEY_TYPE_PUBLIC) },
    baseURL: c.baseURL,
  });

/** The plugin types a response like its request body; the real shape is WeChat's answer. */
const dataOf = <T>(r: { data: unknown }) => r.data as T;

interface Coupon {
  coupon_code: string;
  coupon_state: string;
  user_product_coupon_bundle_info: { user_coupon_bundle_index: number; used_count: number; total_count: number };
}

describe('the journey through wechatpay-axios-plugin', () => {
  it('pre-send, claim, then confirm and use each round; return and deactivate', async () => {
    const wxpay = plugin();
    const pc = wxpay.v3.marketing.partner.productCoupon;
    await pc.notifyConfigs.post({ notify_url: receiver.url });
    const rounds = 3;
    const s = await seedBundle(c, { rounds, maxCountPerUser: 2 });
    const openid = 'o-axios-journey';
    const ref = (round: number) => couponRef(c, s, round);

    const presend = await pc.users._openid_.preSendCouponBundle.post(presendBody(c, s, 'AXIOS_JOURNEY_1'), { openid });
    const claimed = await claim(c, dataOf<{ token: string }>(presend).token);
    expect(claimed.result).toBe('RECEIVED');

    for (let round = 0; round < rounds; round++) {
      const callback = (await receiver.waitFor(round + 1))[round]!;
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

    const last = receiver.verified.at(-1)!.resource.coupon_code;
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
        appid: c.merchant.appid,
        out_request_no: no('AXDEACT'),
        deactivate_reason: '活动结束',
        brand_id: c.merchant.brandId,
      },
      { openid, user_coupon_bundle_id: claimed.user_coupon_bundle_id },
    );
    const list = dataOf<{ user_product_coupon_list: Coupon[] }>(deactivated).user_product_coupon_list;
    expect(list.map((x) => x.coupon_state)).toEqual(['USED', 'USED', 'DEACTIVATED']);
    expect(receiver.received).toHaveLength(rounds);
  });

  it('its helpers reject a callback whose body was changed in transit', async () => {
    const [first] = receiver.received;
    const trust = { apiv3Key: c.merchant.apiv3Key, platformId: c.platform.id, platformPublicKey: c.platform.publicKey };
    await expect(pluginVerify(first!.headers, first!.body, trust)).resolves.toBeTruthy();
    const changed = first!.body.replace('PRODUCT_COUPON_SP.SEND', 'PRODUCT_COUPON_SP.SENT');
    await expect(pluginVerify(first!.headers, changed, trust)).rejects.toThrow('signature does not verify');
  });
});
