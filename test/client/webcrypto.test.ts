import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  base64ToBytes,
  importSigningKey,
  importVerifyingKey,
  responseMessage,
  subtleAeadDecrypt,
  subtleAeadEncrypt,
  subtleSign,
  subtleVerify,
} from '@coupond/client/protocol';
import { describe, expect, it } from 'vitest';
import { aeadEncrypt } from '../../src/protocol/aead.js';
import { publicKeyPem } from '../../src/protocol/keys.js';
import { signSync } from '../../src/protocol/rsa.js';
import { MERCHANT, OFFICIAL_CERT_SERIAL, OFFICIAL_KEY_CERTIFICATE } from './fake-wechatpay.js';

const vectors = JSON.parse(readFileSync(new URL('../fixtures/protocol-vectors.json', import.meta.url), 'utf8')) as {
  signatures: { name: string; message: string; signature: string }[];
  aead: { key: string; nonce: string; aad: string; plaintext: string; ciphertext: string };
  callback: { timestamp: string; nonce: string; body: string; signature: string };
};
const pkcs8 = MERCHANT.privateKey;
const pkcs1 = createPrivateKey(pkcs8).export({ type: 'pkcs1', format: 'pem' }).toString();
const spki = publicKeyPem(pkcs8);

describe('WebCrypto signer reproduces the official vectors (docs/protocol.md, Test vectors)', () => {
  for (const v of vectors.signatures) {
    it(`${v.name}: PKCS#8 and PKCS#1 keys give the published signature`, async () => {
      expect(await subtleSign(v.message, await importSigningKey(pkcs8))).toBe(v.signature);
      expect(await subtleSign(v.message, await importSigningKey(pkcs1))).toBe(v.signature);
    });
    it(`${v.name}: verifies with the public key and the certificate, rejects a one-byte change`, async () => {
      for (const pem of [spki, OFFICIAL_KEY_CERTIFICATE]) {
        const key = await importVerifyingKey(pem);
        expect(await subtleVerify(v.message, v.signature, key)).toBe(true);
        expect(await subtleVerify(`${v.message} `, v.signature, key)).toBe(false);
      }
    });
  }

  it('verifies the callback signature vector', async () => {
    const c = vectors.callback;
    const key = await importVerifyingKey(spki);
    expect(await subtleVerify(responseMessage(c.timestamp, c.nonce, c.body), c.signature, key)).toBe(true);
  });

  it('returns false, never throws, for probes and garbage', async () => {
    const key = await importVerifyingKey(spki);
    const msg = vectors.signatures[0]!.message;
    for (const bad of ['WECHATPAY/SIGNTEST/abc', '', '!!!!', 'abc', vectors.signatures[1]!.signature])
      expect(await subtleVerify(msg, bad, key)).toBe(false);
  });

  it('agrees with node:crypto on a fresh message', async () => {
    const message = `POST\n/v3/x?a=%27\n1\nn\n{"名":"值"}\n`;
    expect(await subtleSign(message, await importSigningKey(pkcs8))).toBe(signSync(message, pkcs8));
  });
});

describe('PEM handling', () => {
  it('reads X.509 certificates and PKCS#1 public keys', async () => {
    expect(new X509Certificate(OFFICIAL_KEY_CERTIFICATE).serialNumber).toBe(OFFICIAL_CERT_SERIAL);
    const pkcs1Public = createPublicKey(pkcs8).export({ type: 'pkcs1', format: 'pem' }).toString();
    const v = vectors.signatures[0]!;
    for (const pem of [OFFICIAL_KEY_CERTIFICATE, pkcs1Public])
      expect(await subtleVerify(v.message, v.signature, await importVerifyingKey(pem))).toBe(true);
  });
  it('refuses what it cannot use', async () => {
    await expect(importSigningKey('not a pem')).rejects.toThrow(TypeError);
    await expect(importSigningKey(spki)).rejects.toThrow(/unsupported private key/);
    await expect(importVerifyingKey(pkcs8)).rejects.toThrow(/unsupported public key/);
  });
  it('decodes strict Base64 only', () => {
    expect(base64ToBytes('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
    expect(base64ToBytes('QUJ')).toBeUndefined();
    expect(base64ToBytes('QU=D')).toBeUndefined();
  });
});

describe('AEAD_AES_256_GCM on WebCrypto (docs/protocol.md, Test vectors)', () => {
  const a = vectors.aead;
  it('encrypts to the published ciphertext and decrypts it back', async () => {
    expect(await subtleAeadEncrypt(a.plaintext, a.key, a.nonce, a.aad)).toBe(a.ciphertext);
    expect(await subtleAeadDecrypt(a.ciphertext, a.key, a.nonce, a.aad)).toBe(a.plaintext);
  });
  it('interoperates with the node:crypto implementation', async () => {
    const text = '{"coupon_code":"123","名字":"商品券"}';
    const sealed = aeadEncrypt(text, a.key, 'zyxwvutsrqpo', 'product_coupon_sp');
    expect(await subtleAeadDecrypt(sealed, a.key, 'zyxwvutsrqpo', 'product_coupon_sp')).toBe(text);
  });
  it('refuses tampering, wrong associated data, wrong key and short keys', async () => {
    const raw = base64ToBytes(a.ciphertext)!;
    raw[0] = (raw[0] ?? 0) ^ 1;
    const tampered = Buffer.from(raw).toString('base64');
    await expect(subtleAeadDecrypt(tampered, a.key, a.nonce, a.aad)).rejects.toThrow();
    await expect(subtleAeadDecrypt(a.ciphertext, a.key, a.nonce, 'certificate')).rejects.toThrow();
    await expect(subtleAeadDecrypt(a.ciphertext, 'f'.repeat(32), a.nonce, a.aad)).rejects.toThrow();
    await expect(subtleAeadDecrypt(a.ciphertext, 'short', a.nonce, a.aad)).rejects.toThrow(/32 bytes/);
    await expect(subtleAeadDecrypt('QUJD', a.key, a.nonce, a.aad)).rejects.toThrow(TypeError);
  });
});
