import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * SHA256withRSA (RSASSA-PKCS1-v1_5). Signing (~0.7 ms of CPU) runs on libuv's thread pool, off the event loop;
 * verifying (~30 µs) runs in place, because handing it to the pool costs the event loop more than the check itself.
 */
export type PrivateKeyInput = string | Buffer | KeyObject;
export type PublicKeyInput = string | Buffer | KeyObject;

export function toPrivateKey(key: PrivateKeyInput): KeyObject {
  return key instanceof KeyObject ? key : createPrivateKey(key);
}

const parsedPublicKeys = new Map<string, KeyObject>();

/** PEM text is parsed once: verifying a request must not pay for reading the merchant's key every time. */
export function toPublicKey(key: PublicKeyInput): KeyObject {
  if (key instanceof KeyObject) return key.type === 'private' ? createPublicKey(key) : key;
  if (typeof key !== 'string') return createPublicKey(key);
  let parsed = parsedPublicKeys.get(key);
  if (!parsed) {
    parsed = createPublicKey(key);
    if (parsedPublicKeys.size >= 1000) parsedPublicKeys.clear();
    parsedPublicKeys.set(key, parsed);
  }
  return parsed;
}

export function signSync(message: string, key: PrivateKeyInput): string {
  return sign('sha256', Buffer.from(message, 'utf8'), toPrivateKey(key)).toString('base64');
}

export function signAsync(message: string, key: PrivateKeyInput): Promise<string> {
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(message, 'utf8'), toPrivateKey(key), (err, sig) =>
      err ? reject(err) : resolve(sig.toString('base64')),
    );
  });
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function verifySync(message: string, signature: string, key: PublicKeyInput): boolean {
  if (!BASE64.test(signature)) return false;
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), toPublicKey(key), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
