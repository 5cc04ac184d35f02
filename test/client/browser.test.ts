import { buildTestCallback } from '@coupond/client';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowser } from '../component/browser.js';
import { type FakeWechatpay, MERCHANT, startFakeWechatpay } from './fake-wechatpay.js';

type Sdk = typeof import('@coupond/client');
/** The bundle the page loaded (page functions are serialised: they cannot close over test-file names). */
type SdkWindow = Window & { sdk: Sdk };

describe.skipIf(skipBrowser)('coupond/client in Chromium (WebCrypto, fetch, no node: modules)', () => {
  let server: FakeWechatpay;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeWechatpay();
    const bundle = await build({
      entryPoints: [new URL('../../packages/client/src/index.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    });
    server.serve('/sdk.js', 'text/javascript', bundle.outputFiles[0]?.text ?? '');
    server.serve(
      '/',
      'text/html',
      '<!doctype html><script type="module">window.sdk = await import("/sdk.js");</script>',
    );
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(server.baseURL);
    await page.waitForFunction(() => 'sdk' in window);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs a request the server accepts and verifies the signed answer', async () => {
    server.reply({ body: { token: 'T0KEN' } });
    const args = { baseURL: server.baseURL, ...MERCHANT, key: server.platform.publicKey, keyId: server.platform.id };
    const result = await page.evaluate(async (a) => {
      const client = (window as unknown as SdkWindow).sdk.createClient({
        baseURL: a.baseURL,
        mchid: a.mchid,
        serial: a.serial,
        privateKey: a.privateKey,
        wechatpayPublicKey: a.key,
        wechatpayPublicKeyId: a.keyId,
      });
      const json = {
        brand_id: '1',
        product_coupon_id: '2',
        stock_bundle_id: '3',
        appid: 'wx4',
        send_request_no: 'R_0001',
      };
      const res = await client.v3.marketing.partner.productCoupon.users._openid_.preSendCouponBundle.post({
        openid: 'o-browser',
        json,
      });
      return { status: res.status, data: res.data, requestId: res.requestId };
    }, args);
    expect(result).toEqual({ status: 200, data: { token: 'T0KEN' }, requestId: expect.stringMatching(/^REQ-/) });
    expect(server.received.at(-1)).toMatchObject({
      url: '/v3/marketing/partner/product-coupon/users/o-browser/pre-send-coupon-bundle',
      verified: true,
    });
  });

  it('rejects a forged answer and decrypts a callback', async () => {
    server.reply({ sign: { signature: 'WECHATPAY/SIGNTEST/x' } });
    const apiv3Key = '0123456789abcdef0123456789abcdef';
    const callback = await buildTestCallback({
      apiv3Key,
      privateKey: server.platform.privateKey,
      serial: server.platform.id,
      eventType: 'PRODUCT_COUPON_SP.SEND',
      resource: { coupon_code: '42' },
    });
    const args = { baseURL: server.baseURL, ...MERCHANT, key: server.platform.publicKey, keyId: server.platform.id };
    const result = await page.evaluate(
      async ({ a, callback, apiv3Key }) => {
        const sdk = (window as unknown as SdkWindow).sdk;
        const trust = { wechatpayPublicKey: a.key, wechatpayPublicKeyId: a.keyId };
        const client = sdk.createClient({
          ...trust,
          baseURL: a.baseURL,
          mchid: a.mchid,
          serial: a.serial,
          privateKey: a.privateKey,
        });
        const forged = await client['v3/x'].get().then(
          () => 'accepted',
          (e: Error & { reason?: string }) => `${e.name}:${e.reason}`,
        );
        const verified = await sdk.verifyAndDecryptCallback({ ...trust, ...callback, apiv3Key });
        return { forged, resource: verified.resource };
      },
      { a: args, callback: { headers: callback.headers, body: callback.body }, apiv3Key },
    );
    expect(result).toEqual({ forged: 'WechatpayVerificationError:signtest', resource: { coupon_code: '42' } });
  });
});
