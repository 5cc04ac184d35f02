import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { type Running, startCoupond } from '../harness.js';

const PATH = '/v3/marketing/partner/product-coupon/notify-configs';
let c: Running;

beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

async function expectSignError(res: Response, message: RegExp) {
  expect(res.status).toBe(401);
  const body = await res.json();
  expect(body.code).toBe('SIGN_ERROR');
  expect(body.message).toMatch(message);
  expect(res.headers.get('wechatpay-signature')).toBeNull();
  expect(res.headers.get('request-id')).toBeTruthy();
  return body;
}

describe('request authentication (docs/protocol.md, Verifying requests, D-17)', () => {
  it('accepts a correctly signed request and signs the answer', async () => {
    const res = await c.send('POST', PATH, { notify_url: 'https://example.com/notify' });
    expect(res.status).toBe(200);
    expect(res.headers.get('wechatpay-serial')).toBe(c.platform.id);
    expect(res.headers.get('wechatpay-signature-type')).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(res.headers.get('wechatpay-nonce')).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['missing header', null],
    ['another scheme', 'Bearer abc'],
    ['a key missing', 'WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="x",timestamp="1"'],
    ['unquoted values', 'WECHATPAY2-SHA256-RSA2048 mchid=1900000109'],
  ])('rejects a malformed Authorization header: %s', async (_name, authorization) => {
    const res = await c.send('GET', PATH, undefined, { authorization });
    await expectSignError(res, /Authorization/);
  });

  it('rejects stale and future timestamps before looking at the signature', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectSignError(await c.send('GET', PATH, undefined, { timestamp: now - 301 }), /5分钟/);
    await expectSignError(await c.send('GET', PATH, undefined, { timestamp: now + 301 }), /5分钟/);
  });

  it('rejects an unknown serial, accepts lower-case and 00-prefixed forms of the right one', async () => {
    await expectSignError(await c.send('GET', PATH, undefined, { serial: 'F'.repeat(40) }), /证书序列号/);
    const lower = await c.send('GET', PATH, undefined, { serial: `00${c.merchant.serial.toLowerCase()}` });
    expect([200, 404]).toContain(lower.status);
  });

  it('rejects a request signed with another key (wrong key)', async () => {
    const other = generateRsaKeyPair();
    const body = await expectSignError(
      await c.send('GET', PATH, undefined, { privateKey: other.privateKey }),
      /签名错误/,
    );
    expect(body.detail.sign_information.url).toBe(PATH);
  });

  it('rejects a tampered body and stores nothing', async () => {
    const before = await c.store.getMerchant(c.merchant.mchid);
    const res = await c.send(
      'POST',
      PATH,
      { notify_url: 'https://good.example.com/n' },
      { tamperedBody: JSON.stringify({ notify_url: 'https://evil.example.com/n' }) },
    );
    await expectSignError(res, /签名错误/);
    expect((await c.store.getMerchant(c.merchant.mchid))?.notifyUrl).toBe(before?.notifyUrl);
  });

  it('rejects a tampered query string', async () => {
    const res = await c.send('GET', `${PATH}?a=1`, undefined, { tamperedPath: `${PATH}?a=2` });
    await expectSignError(res, /签名错误/);
  });

  it('rejects a replayed nonce within the window', async () => {
    const nonce = 'replay-nonce-0001';
    const first = await c.send('GET', PATH, undefined, { nonce });
    expect(first.status).not.toBe(401);
    await expectSignError(await c.send('GET', PATH, undefined, { nonce }), /重放/);
  });
});
