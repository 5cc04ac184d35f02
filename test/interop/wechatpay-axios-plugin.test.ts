import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';

/** The unmodified npm package, pointed at coupond by base URL only (docs/protocol.md, Existing SDKs). */
let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const plugin = (privateKey = c.merchant.privateKey) =>
  new Wechatpay({
    mchid: c.merchant.mchid,
    serial: c.merchant.serial,
    privateKey,
    certs: { [c.platform.id]: Rsa.from(c.platform.publicKey, Rsa.KEY_TYPE_PUBLIC) },
    baseURL: c.baseURL,
  });

/** The plugin types a response like its request body; the real shape is WeChat's answer. */
const dataOf = <T>(r: { data: unknown }) => r.data as T;

interface AxiosFailure {
  response?: { status: number; data: { code: string } };
  code?: string;
}

describe('wechatpay-axios-plugin against coupond', () => {
  it('sets and reads the notify URL; the plugin verifies every answer', async () => {
    const wxpay = plugin();
    const set = await wxpay.v3.marketing.partner.productCoupon.notifyConfigs.post({
      notify_url: 'https://merchant.example.com/notify',
    });
    expect(set.status).toBe(200);
    expect(set.data.notify_url).toBe('https://merchant.example.com/notify');
    const got = await wxpay.chain('v3/marketing/partner/product-coupon/notify-configs').get();
    expect(got.data).toEqual(set.data);
    const prop = await wxpay['v3/marketing/partner/product-coupon/notify-configs'].get();
    expect(prop.data).toEqual(set.data);
  });

  it('gets 401 SIGN_ERROR with a wrong key', async () => {
    const wxpay = plugin(generateRsaKeyPair().privateKey);
    const error = (await wxpay.v3.marketing.partner.productCoupon.notifyConfigs
      .get()
      .catch((e: unknown) => e)) as AxiosFailure;
    expect(error.response?.status).toBe(401);
    expect(error.response?.data.code).toBe('SIGN_ERROR');
  });

  it('pre-sends a bundle in all three styles and direct-sends one', async () => {
    const wxpay = plugin();
    const s = await seedBundle(c, { maxCount: 10 });
    const body = (no: string) => ({
      brand_id: c.merchant.brandId,
      product_coupon_id: s.productCouponId,
      stock_bundle_id: s.stockBundleId,
      appid: c.merchant.appid,
      send_request_no: no,
    });
    const cfg = { openid: 'oh-394z-6CGkNoJrsDLTTUKiAnp4' };
    const a = await wxpay.v3.marketing.partner.productCoupon.users._openid_.preSendCouponBundle.post(
      body('AXIOS_0001'),
      cfg,
    );
    const b = await wxpay
      .chain('v3/marketing/partner/product-coupon/users/{openid}/pre-send-coupon-bundle')
      .post(body('AXIOS_0001'), cfg);
    const p = await wxpay['v3/marketing/partner/product-coupon/users/{openid}/pre-send-coupon-bundle'].post(
      body('AXIOS_0001'),
      cfg,
    );
    const tokens = new Set([a, b, p].map((r) => dataOf<{ token: string }>(r).token));
    expect(tokens.size).toBe(3);

    const sent = await wxpay.v3.marketing.partner.productCoupon.users._openid_.couponBundles.post(body('AXIOS_0002'), {
      openid: 'o-axios-direct',
    });
    expect(
      dataOf<{ user_product_coupon_list: { send_channel: string }[] }>(sent).user_product_coupon_list[0]?.send_channel,
    ).toBe('API');
  });

  it('sees WeChat error bodies as AxiosError responses', async () => {
    const wxpay = plugin();
    const error = (await wxpay.v3.marketing.partner.productCoupon.users._openid_.preSendCouponBundle
      .post({ brand_id: c.merchant.brandId }, { openid: 'o-x' })
      .catch((e: unknown) => e)) as AxiosFailure;
    expect(error.response?.status).toBe(400);
    expect(error.response?.data.code).toBe('PARAM_ERROR');
  });
});
