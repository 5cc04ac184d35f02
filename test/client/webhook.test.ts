import { readFileSync } from 'node:fs';
import {
  buildTestCallback,
  type CallbackInput,
  verifyAndDecryptCallback,
  WechatpayVerificationError,
} from '@coupond/client';
import { responseMessage } from '@coupond/client/protocol';
import { describe, expect, it } from 'vitest';
import { aeadDecrypt } from '../../src/protocol/aead.js';
import { generateRsaKeyPair, publicKeyPem } from '../../src/protocol/keys.js';
import { verifySync } from '../../src/protocol/rsa.js';
import { MERCHANT, OFFICIAL_CERT_SERIAL, OFFICIAL_KEY_CERTIFICATE } from './fake-wechatpay.js';

const vectors = JSON.parse(readFileSync(new URL('../fixtures/protocol-vectors.json', import.meta.url), 'utf8')) as {
  aead: { key: string; plaintext: string };
  callback: { timestamp: string; nonce: string; body: string; signature: string };
};

const KEY_ID = 'PUB_KEY_ID_0117000800002025045698789500001779';
const v = vectors.callback;
const vectorInput = (overrides: Partial<CallbackInput> = {}): CallbackInput => ({
  headers: {
    'wechatpay-timestamp': v.timestamp,
    'wechatpay-nonce': v.nonce,
    'wechatpay-serial': KEY_ID,
    'wechatpay-signature': v.signature,
  },
  body: v.body,
  apiv3Key: vectors.aead.key,
  wechatpayPublicKey: publicKeyPem(MERCHANT.privateKey),
  wechatpayPublicKeyId: KEY_ID,
  now: () => Number(v.timestamp) * 1000 + 60_000,
  ...overrides,
});

describe('verifyAndDecryptCallback on the published callback vector (docs/protocol.md, Test vectors)', () => {
  it('verifies and decrypts, from a header record or fetch Headers, a string or bytes', async () => {
    const expected = JSON.parse(vectors.aead.plaintext);
    const a = await verifyAndDecryptCallback(vectorInput());
    expect(a).toMatchObject({ plaintext: vectors.aead.plaintext, resource: expected });
    expect(a.envelope).toMatchObject({ id: 'EV-2018022511223320873', event_type: 'TRANSACTION.SUCCESS' });
    const headers = new Headers(vectorInput().headers as Record<string, string>);
    const b = await verifyAndDecryptCallback(vectorInput({ headers, body: new TextEncoder().encode(v.body) }));
    expect(b.resource).toEqual(expected);
  });

  it('accepts platform-certificate mode', async () => {
    const headers = {
      'Wechatpay-Timestamp': v.timestamp,
      'Wechatpay-Nonce': v.nonce,
      'Wechatpay-Serial': OFFICIAL_CERT_SERIAL,
      'Wechatpay-Signature': v.signature,
    };
    const input = vectorInput({ headers, wechatpayPublicKey: undefined, wechatpayPublicKeyId: undefined });
    input.platformCertificates = { [OFFICIAL_CERT_SERIAL]: OFFICIAL_KEY_CERTIFICATE };
    await expect(verifyAndDecryptCallback(input)).resolves.toMatchObject({
      envelope: { id: 'EV-2018022511223320873' },
    });
  });

  const reject = async (reason: WechatpayVerificationError['reason'], input: CallbackInput) => {
    const error = await verifyAndDecryptCallback(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatpayVerificationError);
    expect(error).toMatchObject({ reason });
  };
  const headers = (h: Record<string, string>) => ({ ...vectorInput().headers, ...h });

  it('rejects stale and future timestamps', async () => {
    await reject('timestamp', vectorInput({ now: () => (Number(v.timestamp) + 301) * 1000 }));
    await reject('timestamp', vectorInput({ now: () => (Number(v.timestamp) - 301) * 1000 }));
  });
  it('rejects SIGNTEST probes, other keys, unknown serials, missing headers and tampered bodies', async () => {
    await reject('signtest', vectorInput({ headers: headers({ 'wechatpay-signature': 'WECHATPAY/SIGNTEST/xyz' }) }));
    await reject('signature', vectorInput({ wechatpayPublicKey: generateRsaKeyPair().publicKey }));
    await reject('serial', vectorInput({ headers: headers({ 'wechatpay-serial': 'PUB_KEY_ID_1' }) }));
    await reject('headers', vectorInput({ headers: headers({ 'wechatpay-nonce': '' }) }));
    await reject('signature', vectorInput({ body: v.body.replace('支付成功', '支付失败') }));
  });
  it('rejects a resource that does not decrypt with the APIv3 key', async () => {
    await reject('decrypt', vectorInput({ apiv3Key: 'f'.repeat(32) }));
  });
});

describe('buildTestCallback', () => {
  const platform = generateRsaKeyPair();
  const apiv3Key = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';
  const resource = { coupon_code: '123456', brand_id: '120344', openid: 'o1', send_request_no: 'R_1' };
  const build = () =>
    buildTestCallback({
      apiv3Key,
      privateKey: platform.privateKey,
      serial: KEY_ID,
      eventType: 'PRODUCT_COUPON_SP.SEND',
      summary: '商品券领券通知',
      resource,
    });

  it('builds a callback that verifyAndDecryptCallback accepts', async () => {
    const cb = await build();
    const out = await verifyAndDecryptCallback({
      headers: cb.headers,
      body: cb.body,
      apiv3Key,
      wechatpayPublicKey: platform.publicKey,
      wechatpayPublicKeyId: KEY_ID,
    });
    expect(out.resource).toEqual(resource);
    expect(out.envelope).toMatchObject({ event_type: 'PRODUCT_COUPON_SP.SEND', resource_type: 'encrypt-resource' });
    expect(out.envelope.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  });

  it('is what the node:crypto protocol layer expects too', async () => {
    const cb = await build();
    const h = cb.headers;
    const message = responseMessage(h['Wechatpay-Timestamp']!, h['Wechatpay-Nonce']!, cb.body);
    expect(verifySync(message, h['Wechatpay-Signature']!, platform.publicKey)).toBe(true);
    expect(h['Wechatpay-Signature-Type']).toBe('WECHATPAY2-SHA256-RSA2048');
    const r = cb.envelope.resource;
    expect(r.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(JSON.parse(aeadDecrypt(r.ciphertext, apiv3Key, r.nonce, r.associated_data ?? ''))).toEqual(resource);
  });
});
