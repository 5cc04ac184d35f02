import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildComponentBundles,
  COMPONENT_ROUTES,
  createComponentAssets,
  DEMO_IMAGES,
  demoPageAsset,
  receivePageAsset,
} from '../../src/component/index.js';
import {
  ClaimResponse,
  ComponentTokenParams,
  DemoPreSendBody,
  HostMessage,
  TokenPreview,
} from '../../src/schemas/component.js';
import { coffeeCoupon, exchangeCoupon } from './fixtures.js';

describe('pages', () => {
  it('puts the token in the receive page as an escaped attribute and loads the bundle', () => {
    const page = receivePageAsset('a"><script>alert(1)</script>');
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<coupon-receiver token="a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
    expect(page.body).toContain('<script src="/component/assets/coupon-receiver.js" defer></script>');
    expect(page.body).not.toMatch(/<script>(?!alert)/);
  });

  it('renders a receive page without a token (the element then shows 获取数据失败)', () => {
    expect(receivePageAsset(undefined).body).toContain('<coupon-receiver token="">');
  });

  it('honours asset and API bases', () => {
    const body = receivePageAsset('t', { assetBase: '/static', apiBase: 'https://coupons.example' }).body;
    expect(body).toContain('src="/static/coupon-receiver.js"');
    expect(body).toContain('api-base="https://coupons.example"');
  });

  it('demo page carries the form and its script, with no inline script', () => {
    const { body } = demoPageAsset({ defaultOpenid: 'o_"x' });
    expect(body).toContain('id="pre-send"');
    expect(body).toContain('value="o_&quot;x"');
    expect(body).toContain('<script src="/component/assets/demo.js" defer></script>');
    expect(body.match(/<script[^>]*>/g)).toHaveLength(1);
  });
});

describe('component assets', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'coupond-assets-'));
    await buildComponentBundles(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the built bundles and demo images, and nothing else', async () => {
    const asset = createComponentAssets(dir);
    const js = await asset('coupon-receiver.js');
    expect(js?.contentType).toBe('text/javascript; charset=utf-8');
    expect(js?.body).toContain('coupon-receiver');
    expect(js?.body).not.toContain('@sinclair');
    expect((await asset('demo.js'))?.body).toContain('/component/v1/demo/pre-send');
    expect(await asset('demo/product.svg')).toEqual({ contentType: 'image/svg+xml', body: DEMO_IMAGES['product.svg'] });
    for (const name of ['../package.json', 'bundle.js', 'demo/nope.svg', '']) expect(await asset(name)).toBeNull();
  });

  it('reads each bundle once', async () => {
    const asset = createComponentAssets(dir);
    const first = await asset('coupon-receiver.js');
    await writeFile(join(dir, 'coupon-receiver.js'), 'changed');
    expect(await asset('coupon-receiver.js')).toEqual(first);
  });

  it('builds in memory when the bundles were never built', async () => {
    const asset = createComponentAssets(join(dir, 'missing'));
    expect((await asset('coupon-receiver.js'))?.body).toContain('customElements');
  }, 30_000);

  it('names its routes', () => {
    expect(COMPONENT_ROUTES).toEqual({
      receive: '/component/receive',
      demo: '/component/demo',
      assets: '/component/assets/',
    });
  });
});

describe('component API schemas', () => {
  const base = 'http://127.0.0.1:1';

  it('accept what the element renders', () => {
    expect(Value.Check(TokenPreview, { state: 'READY', coupon: coffeeCoupon(base) })).toBe(true);
    expect(Value.Check(TokenPreview, { state: 'READY', coupon: exchangeCoupon(base) })).toBe(true);
    expect(Value.Check(TokenPreview, { state: 'TOKEN_INVALID' })).toBe(true);
    expect(Value.Check(TokenPreview, { state: 'RECEIVED' })).toBe(false);
  });

  it('take a name as the product coupon takes it: 15 characters, an emoji counting once', () => {
    const coupon = (name: string) => ({ state: 'READY', coupon: { ...coffeeCoupon(base), name } });
    expect(Value.Check(TokenPreview, coupon('全场满100减10元🎉🎉🎉🎉🎉'))).toBe(true);
    expect(Value.Check(TokenPreview, coupon('全场满100减10元🎉🎉🎉🎉🎉🎉'))).toBe(false);
    expect(Value.Check(ClaimResponse, { result: 'RECEIVED', user_coupon_bundle_id: 'U', coupon_code: 'C' })).toBe(true);
    expect(Value.Check(ClaimResponse, { result: 'READY' })).toBe(false);
  });

  it('describe the host messages of D-10', () => {
    const use = {
      action: 'useCouponInReceiving',
      productPath: '',
      source: 'receiveProductCouponComponent',
      result: 'RECEIVED',
    };
    expect(Value.Check(HostMessage, use)).toBe(true);
    expect(Value.Check(HostMessage, { ...use, source: 'other' })).toBe(false);
    expect(Value.Check(HostMessage, { ...use, action: 'receiveCoupon', coupon_code: 'C' })).toBe(true);
  });

  it('validate demo pre-send input and tokens', () => {
    expect(Value.Check(DemoPreSendBody, { openid: 'o1' })).toBe(true);
    expect(Value.Check(DemoPreSendBody, { openid: 'o1', send_request_no: 'abc-123' })).toBe(true);
    expect(Value.Check(DemoPreSendBody, { openid: 'o1', send_request_no: 'no spaces' })).toBe(false);
    expect(Value.Check(DemoPreSendBody, { openid: 'o1', extra: 1 })).toBe(false);
    expect(Value.Check(ComponentTokenParams, { token: '' })).toBe(false);
  });
});
