import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/schemas/json-text.js';
import { bundleInput, createBody, expectParamError, json, no, paths, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { verifiedBody } from './verify-response.js';

const USERS = '/v3/marketing/partner/product-coupon/users';
let c: Running;

beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const listPath = (openid: string, extra = '') =>
  `${USERS}/${openid}/coupons?brand_id=${c.merchant.brandId}&appid=${c.merchant.appid}${extra}`;

/** A signed, WeChat-shaped PARAM_ERROR naming `field`. */
async function signedParamError(res: Response, field: string, location: string) {
  const signed = new Response(await verifiedBody(res.clone(), c.platform.publicKey));
  expect(await signed.text()).not.toBe('');
  return expectParamError(res, field, location);
}

describe('unstorable text (U+0000, unpaired surrogates) → 400 PARAM_ERROR naming the field (D-40)', () => {
  it.each([
    ['U+0000', 'https://a.example.com/\u0000'],
    ['a lone high surrogate', 'https://a.example.com/\ud800'],
    ['a lone low surrogate', 'https://a.example.com/\udc00x'],
  ])('%s in a body field, nothing stored', async (_label, url) => {
    await signedParamError(await c.send('POST', paths.notify, { notify_url: url }), '/notify_url', 'body');
    expect((await c.store.getMerchant(c.merchant.mchid))?.notifyUrl ?? null).not.toBe(url);
  });

  it('deep in a body, in a key, and a paired surrogate (emoji) still passes', async () => {
    await setNotifyUrl(c);
    const bundle = bundleInput(c);
    bundle.usage_rule_display_info.usage_description = '全场\u0000可用';
    const deep = { ...createBody(c), stock_bundle: bundle };
    await signedParamError(
      await c.send('POST', paths.create, deep),
      '/stock_bundle/usage_rule_display_info/usage_description',
      'body',
    );
    const key = { ...createBody(c), ['x\ud800']: 1 };
    await signedParamError(await c.send('POST', paths.create, key), '/x\ud800', 'body');
    const emoji = createBody(c);
    emoji.display_info.name = '咖啡☕🎉券';
    await json(await c.send('POST', paths.create, emoji));
  });

  it('in a path parameter and in a query string', async () => {
    await signedParamError(await c.send('GET', listPath('ab%00c')), '/openid', 'uri_template');
    await signedParamError(
      await c.send('GET', `${USERS}/abc/coupons?brand_id=${c.merchant.brandId}&appid=a%00b`),
      '/appid',
      'query',
    );
  });

  it('the component API answers 400, never 500', async () => {
    const res = await fetch(`${c.baseURL}component/v1/tokens/ab%00c`);
    await expectParamError(res, '/token', 'uri_template');
    const claim = await fetch(`${c.baseURL}component/v1/tokens/%EF%BF%BD%00/claim`, { method: 'POST' });
    await expectParamError(claim, '/token', 'uri_template');
    const demo = await fetch(`${c.baseURL}component/v1/demo/pre-send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o\ud800' }),
    });
    await expectParamError(demo, '/openid', 'body');
  });

  it('the admin API answers 400, never 500', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${c.baseURL}admin/v1/${path}`, {
        method,
        headers: { authorization: `Bearer ${c.adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    await expectParamError(await admin('POST', 'brands', { name: 'b\u0000' }), '/name', 'body');
    await expectParamError(await admin('POST', 'merchants', { name: '\udfff商户' }), '/name', 'body');
    await expectParamError(
      await admin('POST', 'brands/ab%00/authorizations', { mchid: c.merchant.mchid }),
      '/brand_id',
      'uri_template',
    );
  });
});

describe('every /v3 answer is WeChat-shaped (D-41)', () => {
  it('openids of up to 128 characters work; longer ones get a signed PARAM_ERROR', async () => {
    for (const length of [101, 128])
      expect((await c.send('GET', listPath('o'.repeat(length)))).status, `openid of ${length}`).toBe(200);
    await signedParamError(await c.send('GET', listPath('o'.repeat(129))), '/openid', 'uri_template');
    await signedParamError(await c.send('GET', listPath('o'.repeat(5000))), '/openid', 'uri_template');
  });

  it('tokens over 100 characters reach the component API and are refused in its shape', async () => {
    expect(await (await fetch(`${c.baseURL}component/v1/tokens/${'t'.repeat(300)}`)).json()).toEqual({
      state: 'TOKEN_INVALID',
    });
    await expectParamError(await fetch(`${c.baseURL}component/v1/tokens/${'t'.repeat(600)}`), '/token', 'uri_template');
  });

  it('a broken %-escape in the path or the query: signed PARAM_ERROR naming the field', async () => {
    await signedParamError(await c.send('GET', listPath('ab%ZZc')), '/openid', 'uri_template');
    await signedParamError(await c.send('GET', listPath('ab%ED%A0%80c')), '/openid', 'uri_template');
    await signedParamError(
      await c.send('GET', `${USERS}/abc/coupons?brand_id=${c.merchant.brandId}&appid=%E0%A4%A`),
      '/appid',
      'query',
    );
    await expectParamError(await fetch(`${c.baseURL}component/v1/tokens/ab%ZZ`), '/token', 'uri_template');
  });

  it('a broken %-escape without a signature is 401 SIGN_ERROR, still WeChat-shaped', async () => {
    const res = await fetch(`${c.baseURL}${listPath('ab%ZZc').slice(1)}`);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('SIGN_ERROR');
  });

  it(`JSON nested 5,000 deep: signed PARAM_ERROR, and ${MAX_JSON_DEPTH} levels still reach the schema`, async () => {
    const nested = (depth: number) => `{"notify_url":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const deep = await c.send('POST', paths.notify, undefined, { rawBody: nested(5000) });
    expect(JSON.parse(await verifiedBody(deep, c.platform.publicKey))).toMatchObject({
      code: 'PARAM_ERROR',
      detail: { location: 'body' },
    });
    expect(deep.status).toBe(400);
    await signedParamError(
      await c.send('POST', paths.notify, undefined, { rawBody: nested(MAX_JSON_DEPTH) }),
      '/notify_url',
      'body',
    );
    const admin = await fetch(`${c.baseURL}admin/v1/brands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.adminToken}`, 'content-type': 'application/json' },
      body: '['.repeat(5000),
    });
    expect(await admin.json()).toMatchObject({ code: 'PARAM_ERROR' });
  });

  it('a request line over 16 KiB and a malformed request get a WeChat body from the HTTP parser', async () => {
    const huge = await fetch(`${c.baseURL}${listPath('o'.repeat(20_000)).slice(1)}`);
    expect(huge.status).toBe(431);
    expect((await huge.json()).code).toBe('INVALID_REQUEST');
    const raw = await rawRequest(c.baseURL, 'GET /v3/x HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('a request number is unaffected by the checks (request numbers stay usable after a refusal)', async () => {
    const number = no('HOSTILE');
    const body = createBody(c, {}, number);
    body.display_info.name = '坏\u0000名字';
    await signedParamError(await c.send('POST', paths.create, body), '/display_info/name', 'body');
    body.display_info.name = '好名字券';
    await json(await c.send('POST', paths.create, body));
  });
});

describe("outside /v3 one JSON parser reads bodies, answering odd ones in WeChat's shape", () => {
  const post = (path: string, body: string | Blob, headers: Record<string, string> = {}) =>
    fetch(`${c.baseURL}${path}`, { method: 'POST', headers, body });
  const asAdmin = { authorization: '', 'content-type': 'text/plain' };
  beforeAll(() => {
    asAdmin.authorization = `Bearer ${c.adminToken}`;
  });

  it.each([
    ['bytes that are not UTF-8', new Blob([new Uint8Array([0xff, 0xfe, 0x7b])])],
    ['cut-off JSON', '{"seconds":'],
    ['plain text', 'hello'],
  ])('%s: 400 PARAM_ERROR from the admin, sandbox and component APIs', async (_, body) => {
    for (const path of ['admin/v1/brands', 'sandbox/v1/clock/advance', 'component/v1/demo/pre-send']) {
      const res = await post(path, body, asAdmin);
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ code: 'PARAM_ERROR', detail: { location: 'body' } });
    }
  });

  it('the admin token is checked before the body is read', async () => {
    const res = await post('admin/v1/brands', '{"name":', { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('UNAUTHORIZED');
  });

  it('a Content-Type HTTP cannot parse: 400 INVALID_REQUEST', async () => {
    const res = await post('admin/v1/brands', '{"name":"b"}', { ...asAdmin, 'content-type': 'application/' });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('INVALID_REQUEST');
  });

  it('a request no route matches is answered without its body: empty 404, or 405 where the path serves another method', async () => {
    const nowhere = await post('v3/nowhere', '{"a":', { 'content-type': 'application/json' });
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toBe('');
    const documented = await post('v3/marketing/partner/product-coupon/users/o1/coupons/c1', '{"a":', {
      'content-type': 'application/json',
    });
    expect(documented.status).toBe(405);
  });
});

function rawRequest(baseURL: string, text: string): Promise<string> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
