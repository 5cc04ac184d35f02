import { readFileSync } from 'node:fs';
import { formatAuthorization, normalizeSerial, parseAuthorization, responseMessage } from '@coupond/client/protocol';
import { describe, expect, it } from 'vitest';
import { aeadDecrypt, aeadEncrypt } from './aead.js';
import { signAsync, signSync, toPublicKey, verifySync } from './rsa.js';

const key = readFileSync(new URL('../../test/fixtures/official-test-key.pem', import.meta.url), 'utf8');
const vectors = JSON.parse(readFileSync(new URL('../../test/fixtures/protocol-vectors.json', import.meta.url), 'utf8'));
const publicKey = toPublicKey(key);

describe('official signature vectors (docs/protocol.md, Test vectors)', () => {
  for (const v of vectors.signatures as { name: string; message: string; signature: string }[]) {
    it(`${v.name}: sign reproduces the published signature, sync and async`, async () => {
      expect(signSync(v.message, key)).toBe(v.signature);
      expect(await signAsync(v.message, key)).toBe(v.signature);
    });
    it(`${v.name}: verify accepts it and rejects a one-byte change`, async () => {
      expect(verifySync(v.message, v.signature, publicKey)).toBe(true);
      expect(verifySync(v.message, v.signature, publicKey)).toBe(true);
      expect(verifySync(`${v.message} `, v.signature, publicKey)).toBe(false);
    });
  }

  it('callback signature vector verifies over timestamp, nonce and body', async () => {
    const c = vectors.callback;
    expect(verifySync(responseMessage(c.timestamp, c.nonce, c.body), c.signature, publicKey)).toBe(true);
  });

  it('rejects garbage and WECHATPAY/SIGNTEST/ probes without throwing', async () => {
    const msg = vectors.signatures[0].message;
    expect(verifySync(msg, 'WECHATPAY/SIGNTEST/abc', publicKey)).toBe(false);
    expect(verifySync(msg, '', publicKey)).toBe(false);
    expect(verifySync(msg, '!!!', publicKey)).toBe(false);
  });
});

describe('AEAD_AES_256_GCM vector', () => {
  const a = vectors.aead;
  it('encrypts to the published ciphertext and decrypts back', () => {
    expect(aeadEncrypt(a.plaintext, a.key, a.nonce, a.aad)).toBe(a.ciphertext);
    expect(aeadDecrypt(a.ciphertext, a.key, a.nonce, a.aad)).toBe(a.plaintext);
  });
  it('refuses a tampered ciphertext or wrong associated data', () => {
    expect(() => aeadDecrypt(a.ciphertext, a.key, a.nonce, 'certificate')).toThrow();
    const raw = Buffer.from(a.ciphertext, 'base64');
    raw[0] = (raw[0] ?? 0) ^ 1;
    expect(() => aeadDecrypt(raw.toString('base64'), a.key, a.nonce, a.aad)).toThrow();
  });
});

describe('Authorization header', () => {
  const fields = { mchid: '1900007291', serial_no: 'ABC', nonce_str: 'n', timestamp: '1554208460', signature: 's==' };
  it('parses in any key order', () => {
    const header = formatAuthorization(fields);
    expect(parseAuthorization(header)).toEqual({ ok: true, fields });
    const shuffled =
      'WECHATPAY2-SHA256-RSA2048 serial_no="ABC",timestamp="1554208460",signature="s==",nonce_str="n",mchid="1900007291"';
    expect(parseAuthorization(shuffled)).toEqual({ ok: true, fields });
  });
  it.each([
    [undefined, 'format'],
    ['', 'format'],
    ['Bearer x', 'scheme'],
    ['WECHATPAY2-SHA256-RSA2048 mchid="1"', 'format'],
    ['WECHATPAY2-SHA256-RSA2048 mchid=1,nonce_str="n",timestamp="1",serial_no="A",signature="s"', 'format'],
    ['WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2",nonce_str="n",timestamp="1",serial_no="A",signature="s"', 'format'],
    ['WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="abc",serial_no="A",signature="s"', 'format'],
    ['WECHATPAY2-SHA256-RSA2048 mchid="",nonce_str="n",timestamp="1",serial_no="A",signature="s"', 'format'],
  ])('rejects %s as %s', (header, reason) => {
    expect(parseAuthorization(header)).toEqual({ ok: false, reason });
  });
  it('normalises serial case and leading 00', () => {
    expect(normalizeSerial('00ab12')).toBe('AB12');
    expect(normalizeSerial('408b07e79b8269fec3d5d3e6ab8ed163a6a380db')).toBe(
      '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
    );
  });
});

describe('serial normalisation', () => {
  it('a serial that starts with 00 still matches its own normal form', () => {
    const serial = `00${'A1'.repeat(19)}`;
    expect(normalizeSerial(serial)).toBe(normalizeSerial(serial.toLowerCase()));
    expect(normalizeSerial(normalizeSerial(serial))).toBe(normalizeSerial(serial));
  });
});
