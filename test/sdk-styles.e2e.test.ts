import { createClient, type WechatpayClient, WechatpayError, WechatpayVerificationError } from '@coupond/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../src/protocol/keys.js';
import { type Seeded, seedBundle } from './fixtures/catalog.js';
import { clientOf, type Running, startCoupond } from './harness.js';

const P = 'v3/marketing/partner/product-coupon';
const STYLES = ['chained', 'declarative', 'property'] as const;
type Style = (typeof STYLES)[number];

/** The same endpoints reached through each call style of issue 6. */
function nodes(client: WechatpayClient, style: Style) {
  const pc = client.v3.marketing.partner.productCoupon;
  if (style === 'chained')
    return {
      notify: pc.notifyConfigs,
      preSend: pc.users._openid_.preSendCouponBundle,
      send: pc.users._openid_.couponBundles,
      list: pc.users._openid_.coupons,
      detail: pc.users._openid_.coupons._coupon_code_,
    };
  if (style === 'declarative')
    return {
      notify: client.chain(`${P}/notify-configs`),
      preSend: client.chain(`${P}/users/{openid}/pre-send-coupon-bundle`),
      send: client.chain(`${P}/users/{openid}/coupon-bundles`),
      list: client.chain(`${P}/users/{openid}/coupons`),
      detail: client.chain(`${P}/users/{openid}/coupons/{coupon_code}`),
    };
  return {
    notify: client[`${P}/notify-configs`],
    preSend: client[`${P}/users/{openid}/pre-send-coupon-bundle`],
    send: client[`${P}/users/{openid}/coupon-bundles`],
    list: client[`${P}/users/{openid}/coupons`],
    detail: client[`${P}/users/{openid}/coupons/{coupon_code}`],
  };
}

let c: Running;
let client: WechatpayClient;
let seeded: Seeded;

beforeAll(async () => {
  c = await startCoupond({ sandbox: true });
  client = clientOf(c);
  seeded = await seedBundle(c, { maxCount: 100, maxCountPerUser: 10 });
});
afterAll(() => c.close());

describe('the SDK against a live coupond', () => {
  it('maps WeChat errors to WechatpayError (no notify URL yet → 404 NOT_FOUND)', async () => {
    const error = await client
      .chain(`${P}/notify-configs`)
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatpayError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: expect.any(String) });
    expect((error as WechatpayError).requestId).not.toBe('');
  });

  it('rejects coupond answers when it trusts another WeChat Pay key', async () => {
    const wrongKey = createClient({
      baseURL: c.baseURL,
      mchid: c.merchant.mchid,
      serial: c.merchant.serial,
      privateKey: c.merchant.privateKey,
      wechatpayPublicKey: generateRsaKeyPair().publicKey,
      wechatpayPublicKeyId: c.platform.id,
    });
    const json = { notify_url: 'https://example.com/notify/first' };
    await expect(wrongKey[`${P}/notify-configs`].post({ json })).rejects.toBeInstanceOf(WechatpayVerificationError);
  });

  describe.each(STYLES)('%s style', (style) => {
    const openid = `o-sdk-${style}`;
    const body = (no: string) => ({
      brand_id: c.merchant.brandId,
      product_coupon_id: seeded.productCouponId,
      stock_bundle_id: seeded.stockBundleId,
      appid: c.merchant.appid,
      send_request_no: `SDK_${style.toUpperCase()}_${no}`,
    });

    it('sets and reads the notify URL', async () => {
      const n = nodes(client, style);
      const notify_url = `https://example.com/notify/${style}`;
      const set = await n.notify.post({ json: { notify_url } });
      expect(set).toMatchObject({ status: 200, data: { notify_url } });
      expect(set.requestId).not.toBe('');
      await expect(n.notify.get()).resolves.toMatchObject({ status: 200, data: { notify_url } });
    });

    it('pre-sends a coupon bundle and gets a token', async () => {
      const res = await nodes(client, style).preSend.post({ openid, json: body('PRE_0001') });
      expect(res.status).toBe(200);
      expect(res.data.token).toMatch(/^\S{16,}$/);
    });

    it('sends a bundle directly, replays it by request number, and queries the coupon', async () => {
      const n = nodes(client, style);
      const sent = await n.send.post({ openid, json: body('SEND_0001') });
      const coupon = sent.data.user_product_coupon_list[0];
      expect(coupon?.coupon_code).toBeTruthy();
      const replay = await n.send.post({ openid, json: body('SEND_0001') });
      expect(replay.data.user_coupon_bundle_id).toBe(sent.data.user_coupon_bundle_id);

      const params = { appid: c.merchant.appid, brand_id: c.merchant.brandId };
      const list = await n.list.get({ openid, params });
      expect(list.data.user_coupon_list?.map((u) => u.coupon_code)).toContain(coupon?.coupon_code);
      const detail = await n.detail.get({
        openid,
        coupon_code: coupon?.coupon_code ?? '',
        params: { ...params, product_coupon_id: seeded.productCouponId, stock_id: seeded.stockIds[0] ?? '' },
      });
      expect(detail.data.coupon_code).toBe(coupon?.coupon_code);
      expect(detail.data.product_coupon.product_coupon_id).toBe(seeded.productCouponId);
      expect(detail.data.send_request_no).toBe(body('SEND_0001').send_request_no);
    });

    it('reports business errors with WeChat’s code', async () => {
      const json = { ...body('PRE_0002'), product_coupon_id: '123456789' };
      const error = await nodes(client, style)
        .preSend.post({ openid, json })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatpayError);
      expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });
  });

  describe('retries against sandbox faults (D-20), safe by request number (D-5)', () => {
    const fault = async (api: string, count: number, respond: number | string) => {
      const res = await fetch(`${c.baseURL}sandbox/v1/faults`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ api, count, respond }),
      });
      expect(res.status).toBe(201);
    };
    const fast = () =>
      createClient({
        baseURL: c.baseURL,
        mchid: c.merchant.mchid,
        serial: c.merchant.serial,
        privateKey: c.merchant.privateKey,
        wechatpayPublicKey: c.platform.publicKey,
        wechatpayPublicKeyId: c.platform.id,
        retryDelay: { initialMs: 10, maxMs: 50 },
      });
    const send = (client: WechatpayClient, openid: string, no: string, timeoutMs?: number) =>
      client.v3.marketing.partner.productCoupon.users._openid_.couponBundles.post({
        openid,
        json: {
          brand_id: c.merchant.brandId,
          product_coupon_id: seeded.productCouponId,
          stock_bundle_id: seeded.stockBundleId,
          appid: c.merchant.appid,
          send_request_no: no,
        },
        ...(timeoutMs ? { timeoutMs } : {}),
      });

    it('rides over 500, 429 and a dropped connection', async () => {
      await fault('sendCouponBundle', 1, 500);
      await fault('sendCouponBundle', 1, 429);
      const res = await send(fast(), 'o-sdk-retry', 'SDK_RETRY_0001');
      expect(res.status).toBe(200);
      await fault('sendCouponBundle', 1, 'drop');
      await expect(send(fast(), 'o-sdk-retry', 'SDK_RETRY_0002')).resolves.toMatchObject({ status: 200 });
    });

    it('gives up with the last error once maxRetries is spent', async () => {
      await fault('sendCouponBundle', 3, 429);
      const error = await send(fast(), 'o-sdk-retry', 'SDK_RETRY_0003').catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 429, code: 'RATELIMIT_EXCEEDED' });
      await fetch(`${c.baseURL}sandbox/v1/faults`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${c.adminToken}` },
      });
    });

    it('retries a timed-out send with the same request number: one bundle', async () => {
      const openid = 'o-sdk-timeout';
      await fault('sendCouponBundle', 1, 'delay:1000');
      const res = await send(fast(), openid, 'SDK_TIMEOUT_0001', 300);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const list = await client.v3.marketing.partner.productCoupon.users._openid_.coupons.get({
        openid,
        params: { appid: c.merchant.appid, brand_id: c.merchant.brandId },
      });
      const issued = list.data.user_coupon_list ?? [];
      expect(issued.map((u) => u.send_request_no)).toEqual(['SDK_TIMEOUT_0001']);
      expect(issued[0]?.user_product_coupon_bundle_info?.user_coupon_bundle_id).toBe(res.data.user_coupon_bundle_id);
    });
  });
});
