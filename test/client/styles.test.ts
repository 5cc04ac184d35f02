import { createClient, type WechatpayClient } from '@coupond/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTemplate, queryString, segmentOf } from '../../packages/client/src/paths.js';
import { type FakeWechatpay, MERCHANT, startFakeWechatpay } from './fake-wechatpay.js';

describe('naming rules (docs/protocol.md, Existing SDKs)', () => {
  it.each([
    ['v3', 'v3'],
    ['productCoupon', 'product-coupon'],
    ['preSendCouponBundle', 'pre-send-coupon-bundle'],
    ['ProductCoupons', 'product-coupons'],
    ['_openid_', '{openid}'],
    ['$openid$', '{openid}'],
    ['_product_coupon_id_', '{product_coupon_id}'],
    ['commit_status', 'commit_status'],
    ['Delete', 'delete'],
    ['Get', 'get'],
  ])('%s → %s', (property, segment) => {
    expect(segmentOf(property)).toBe(segment);
  });

  it('fills placeholders with encoded values and refuses missing or dot segments', () => {
    expect(expandTemplate('v3/users/{openid}/x', { openid: 'o/1 é' })).toBe('v3/users/o%2F1%20%C3%A9/x');
    expect(expandTemplate('v3/p/{id}', { id: 1000000013 })).toBe('v3/p/1000000013');
    expect(() => expandTemplate('v3/users/{openid}', {})).toThrow(/"openid" .* missing/);
    expect(() => expandTemplate('v3/users/{openid}', { openid: '..' })).toThrow(TypeError);
  });

  it('builds query strings the URL parser leaves alone', () => {
    expect(queryString({ a: "it's (x)!", b: [1, 2], c: undefined, d: null, e: true })).toBe(
      'a=it%27s%20%28x%29%21&b=1&b=2&e=true',
    );
    expect(queryString(undefined)).toBe('');
  });
});

describe('three call styles, one request', () => {
  let server: FakeWechatpay;
  let client: WechatpayClient;
  beforeAll(async () => {
    server = await startFakeWechatpay();
    client = createClient({
      baseURL: server.baseURL,
      ...MERCHANT,
      wechatpayPublicKey: server.platform.publicKey,
      wechatpayPublicKeyId: server.platform.id,
    });
  });
  afterAll(() => server.close());

  const openid = 'oh-394z-6CGkNoJrsDLTTUKiAnp4';
  const json = {
    brand_id: '120344',
    product_coupon_id: '1000000013',
    stock_bundle_id: '100232301',
    appid: 'wx233544546545989',
    send_request_no: '34657_20250101_123456',
  };
  const TEMPLATE = 'v3/marketing/partner/product-coupon/users/{openid}/pre-send-coupon-bundle';

  it('chained, declarative and property styles send the same signed request', async () => {
    const before = server.received.length;
    const results = [
      await client.v3.marketing.partner.productCoupon.users._openid_.preSendCouponBundle.post({ openid, json }),
      await client.chain(TEMPLATE).post({ openid, json }),
      await client[TEMPLATE].post({ openid, json }),
      await client.chain(`/${TEMPLATE}`).post({ openid, json }),
    ];
    const requests = server.received.slice(before);
    expect(requests).toHaveLength(4);
    for (const r of requests) {
      expect(r).toMatchObject({ method: 'POST', body: JSON.stringify(json), verified: true });
      expect(r.url).toBe(`/v3/marketing/partner/product-coupon/users/${openid}/pre-send-coupon-bundle`);
    }
    for (const res of results) expect(res).toMatchObject({ status: 200, data: { ok: true } });
  });

  it('passes params as the query string and supports every verb', async () => {
    const before = server.received.length;
    const node = client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_;
    await node.get({ product_coupon_id: '1000000013', params: { brand_id: '120344' } });
    const loose = client.v3.things._thing_id_;
    await loose.patch({ thing_id: 7, json: { a: 1 } });
    await loose.put({ thing_id: 7 });
    await loose.delete({ thing_id: 7 });
    await client.v3.things.Delete.post();
    expect(server.received.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v3/marketing/partner/product-coupon/product-coupons/1000000013?brand_id=120344',
      'PATCH /v3/things/7',
      'PUT /v3/things/7',
      'DELETE /v3/things/7',
      'POST /v3/things/delete',
    ]);
  });

  it('reaches the same cached node from every style, and no node is thenable', async () => {
    expect(client.v3.marketing).toBe(client.v3.marketing);
    expect(client.chain('v3/a/{b}')).toBe(client['v3/a/{b}']);
    expect(client['v3/a/{b}']).toBe(client.v3.a._b_);
    expect(client['v3/a'].bC).toBe(client.chain('v3/a/b-c'));
    expect(Reflect.get(client.v3, 'then')).toBeUndefined();
    expect(await Promise.resolve(client.v3)).toBe(client.v3);
  });

  it('refuses a missing path parameter or an unknown option before sending', async () => {
    const before = server.received.length;
    const node = client.chain('v3/users/{openid}/coupons');
    await expect(node.get({})).rejects.toThrow(/path parameter "openid"/);
    await expect(node.get({ openid, openId: 'typo' })).rejects.toThrow(/unknown option "openId"/);
    expect(server.received.length).toBe(before);
  });
});
