import { createHash, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { type PublicKeyInput, toPublicKey } from './rsa.js';

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

export function generateRsaKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A stable 40-hex serial for a bare public key (SHA-1 of its SPKI DER), shaped like a certificate serial. */
export function serialForPublicKey(key: PublicKeyInput): string {
  const der = toPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

export function publicKeyPem(key: PublicKeyInput): string {
  return toPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** `PUB_KEY_ID_` followed by 34 digits, as every real WeChat Pay public-key id seen. */
export function newPublicKeyId(): string {
  let digits = '';
  while (digits.length < 34) digits += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return `PUB_KEY_ID_${digits.slice(0, 34)}`;
}

/** APIv3 keys are 32 ASCII characters. */
export function newApiV3Key(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}
