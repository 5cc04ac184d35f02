import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Multipart, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { pngOf, sha256 } from '../media/helpers.js';

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

  it("uploads an image with the plugin's own Multipart, signing meta (图片上传, D-90)", async () => {
    const wxpay = plugin();
    const png = pngOf(5, 7, [10, 20, 30]);
    const meta = { filename: 'axios.png', sha256: sha256(png) };
    const form = new Multipart();
    form.append('file', png, 'axios.png');
    form.append('meta', JSON.stringify(meta), 'meta.json');
    const res = await wxpay.v3.marketing.partner.productCoupon.media.uploadImage.post(form, {
      meta,
      headers: form.getHeaders(),
    });
    expect(res.status).toBe(200);
    const { image_url } = dataOf<{ image_url: string }>(res);
    expect(image_url).toBe(`${c.baseURL}media/images/${meta.sha256}.png`);
    const served = await fetch(image_url);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it("uploads through axios' automatic FormData serialisation, as the plugin documents since 0.9.4", async () => {
    const wxpay = plugin();
    const png = pngOf(6, 2, [200, 0, 0]);
    const meta = { filename: 'auto.png', sha256: sha256(png) };
    const path = join(mkdtempSync(join(tmpdir(), 'coupond-axios-')), 'auto.png');
    writeFileSync(path, png);
    const res = await wxpay.v3.marketing.partner.productCoupon.media.uploadImage.post(
      { meta: JSON.stringify(meta), file: createReadStream(path) },
      { meta, headers: { 'Content-Type': 'multipart/form-data' } },
    );
    expect(dataOf<{ image_url: string }>(res).image_url).toMatch(new RegExp(`${meta.sha256}\\.png$`));
  });

  it("gets 400 PARAM_ERROR from coupond when meta.sha256 is not the file's", async () => {
    const wxpay = plugin();
    const png = pngOf(2, 2);
    const meta = { filename: 'bad.png', sha256: sha256(Buffer.from('other')) };
    const form = new Multipart();
    form.append('file', png, 'bad.png');
    form.append('meta', JSON.stringify(meta), 'meta.json');
    const error = (await wxpay.v3.marketing.partner.productCoupon.media.uploadImage
      .post(form, { meta, headers: form.getHeaders() })
      .catch((e: unknown) => e)) as AxiosFailure;
    expect(error.response?.status).toBe(400);
    expect(error.response?.data.code).toBe('PARAM_ERROR');
  });
});
