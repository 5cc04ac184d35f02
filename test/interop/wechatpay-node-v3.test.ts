import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WxPay from 'wechatpay-node-v3';
import { publicKeyPem } from '../../src/protocol/keys.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';

/** Requests signed by the npm package wechatpay-node-v3's own helpers, sent with fetch (docs/protocol.md, Existing SDKs). */
let c: Running;
let pay: WxPay;
beforeAll(async () => {
  c = await startCoupond();
  pay = new WxPay({
    appid: c.merchant.appid,
    mchid: c.merchant.mchid,
    serial_no: c.merchant.serial,
    publicKey: Buffer.from(publicKeyPem(c.merchant.privateKey)),
    privateKey: Buffer.from(c.merchant.privateKey),
  });
  (WxPay as unknown as { certificates: Record<string, string> }).certificates[c.platform.id] = c.platform.publicKey;
});
afterAll(() => c.close());

async function call(method: 'GET' | 'POST', path: string, body?: string) {
  const nonce = randomBytes(16).toString('hex');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = pay.getSignature(method, nonce, timestamp, path, body);
  const res = await fetch(`${c.baseURL}${path.slice(1)}`, {
    method,
    ...(body !== undefined ? { body } : {}),
    headers: {
      Authorization: pay.getAuthorization(nonce, timestamp, signature),
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': 'wechatpay-node-v3-interop',
    },
  });
  const text = await res.text();
  const h = (n: string) => res.headers.get(n) ?? '';
  const verified =
    res.status === 200
      ? await pay.verifySign({
          timestamp: h('wechatpay-timestamp'),
          nonce: h('wechatpay-nonce'),
          serial: h('wechatpay-serial'),
          signature: h('wechatpay-signature'),
          body: text,
        })
      : false;
  return { status: res.status, body: text === '' ? null : JSON.parse(text), verified };
}

describe('wechatpay-node-v3 signing helpers against coupond', () => {
  it('a signed POST and GET are accepted, and its verifySign accepts the answers', async () => {
    const set = await call(
      'POST',
      '/v3/marketing/partner/product-coupon/notify-configs',
      JSON.stringify({ notify_url: 'https://m.example.com/n' }),
    );
    expect(set).toMatchObject({ status: 200, verified: true });
    const got = await call('GET', '/v3/marketing/partner/product-coupon/notify-configs');
    expect(got).toMatchObject({ status: 200, verified: true, body: { notify_url: 'https://m.example.com/n' } });
  });

  it('pre-sends a bundle with the documented example body shape', async () => {
    const s = await seedBundle(c);
    const res = await call(
      'POST',
      '/v3/marketing/partner/product-coupon/users/oh-394z-6CGkNoJrsDLTTUKiAnp4/pre-send-coupon-bundle',
      JSON.stringify({
        brand_id: c.merchant.brandId,
        product_coupon_id: s.productCouponId,
        stock_bundle_id: s.stockBundleId,
        appid: c.merchant.appid,
        send_request_no: '34657_20250101_123456',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.verified).toBe(true);
    expect(typeof res.body.token).toBe('string');
  });

  it('rejects its four-line signature of a POST without a body, as WeChat does', async () => {
    const res = await call('POST', '/v3/marketing/partner/product-coupon/notify-configs');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SIGN_ERROR');
  });
});
