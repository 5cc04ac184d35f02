/**
 * API v3 primitives on WebCrypto (`globalThis.crypto.subtle`), for code that must also run in browsers and edge
 * runtimes: SHA256withRSA (RSASSA-PKCS1-v1_5) signatures and AEAD_AES_256_GCM (docs/protocol.md).
 * Keys are PEM text (PKCS#8 / PKCS#1 private keys, SPKI / PKCS#1 public keys, X.509 certificates) or CryptoKeys.
 */
export type KeyInput = string | CryptoKey;

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available in this runtime');
  return s;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict standard Base64; `undefined` for anything else. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** `bytes` random bytes as upper-case hex (the official examples' nonce shape). */
export function randomHex(bytes = 16): string {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(raw, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumeric string (callback `resource.nonce` shape). */
export function randomAlnum(length: number): string {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return Array.from(raw, (b) => ALNUM[b % ALNUM.length]).join('');
}

// --- PEM and the little DER needed to reach an RSA key -------------------------------------------------------

function pemBlock(pem: string): { label: string; der: Uint8Array<ArrayBuffer> } {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  const der = m ? base64ToBytes((m[2] ?? '').replace(/\s+/g, '')) : undefined;
  if (!m || !der) throw new TypeError('expected a PEM key or certificate');
  return { label: m[1] ?? '', der };
}

interface Tlv {
  tag: number;
  start: number;
  body: number;
  end: number;
}

function readTlv(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset];
  let length = der[offset + 1];
  let p = offset + 2;
  if (tag === undefined || length === undefined) throw new TypeError('truncated DER');
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4) throw new TypeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (der[p++] ?? 0);
  }
  if (p + length > der.length) throw new TypeError('truncated DER');
  return { tag, start: offset, body: p, end: p + length };
}

function childrenOf(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.body; p < parent.end; p = out[out.length - 1]!.end) out.push(readTlv(der, p));
  return out;
}

/** Certificate → tbsCertificate → [version], serial, signature, issuer, validity, subject, subjectPublicKeyInfo. */
function spkiOfCertificate(der: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const [tbs] = childrenOf(der, readTlv(der, 0));
  if (!tbs) throw new TypeError('not an X.509 certificate');
  const fields = childrenOf(der, tbs);
  const spki = fields[(fields[0]?.tag === 0xa0 ? 1 : 0) + 5];
  if (spki?.tag !== 0x30) throw new TypeError('not an X.509 certificate');
  return der.slice(spki.start, spki.end);
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, ...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const body = parts.flatMap((p) => Array.from(p));
  return new Uint8Array([tag, ...derLength(body.length), ...body]);
}

const RSA_ENCRYPTION = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

// --- keys ------------------------------------------------------------------------------------------------------

export async function importSigningKey(key: KeyInput): Promise<CryptoKey> {
  if (typeof key !== 'string') return key;
  const { label, der: body } = pemBlock(key);
  let pkcs8: Uint8Array<ArrayBuffer>;
  if (label === 'PRIVATE KEY') pkcs8 = body;
  else if (label === 'RSA PRIVATE KEY') pkcs8 = der(0x30, [0x02, 0x01, 0x00], RSA_ENCRYPTION, der(0x04, body));
  else throw new TypeError(`unsupported private key PEM "${label}" (use an unencrypted PKCS#8 or PKCS#1 RSA key)`);
  return subtle().importKey('pkcs8', pkcs8, RSA, false, ['sign']);
}

export async function importVerifyingKey(key: KeyInput): Promise<CryptoKey> {
  if (typeof key !== 'string') return key;
  const { label, der: body } = pemBlock(key);
  let spki: Uint8Array<ArrayBuffer>;
  if (label === 'PUBLIC KEY') spki = body;
  else if (label === 'RSA PUBLIC KEY') spki = der(0x30, RSA_ENCRYPTION, der(0x03, [0x00], body));
  else if (label === 'CERTIFICATE') spki = spkiOfCertificate(body);
  else throw new TypeError(`unsupported public key PEM "${label}"`);
  return subtle().importKey('spki', spki, RSA, false, ['verify']);
}

// --- SHA256withRSA ---------------------------------------------------------------------------------------------

export async function subtleSign(message: string, key: CryptoKey): Promise<string> {
  return bytesToBase64(new Uint8Array(await subtle().sign(RSA, key, encoder.encode(message))));
}

/** False (never a throw) for a signature that is not Base64, e.g. a `WECHATPAY/SIGNTEST/` probe. */
export async function subtleVerify(message: string, signature: string, key: CryptoKey): Promise<boolean> {
  const raw = signature ? base64ToBytes(signature) : undefined;
  if (!raw) return false;
  try {
    return await subtle().verify(RSA, key, raw, encoder.encode(message));
  } catch {
    return false;
  }
}

// --- AEAD_AES_256_GCM ------------------------------------------------------------------------------------------

function aesKey(apiv3Key: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const raw = encoder.encode(apiv3Key);
  if (raw.length !== 32) throw new TypeError('the APIv3 key must be 32 bytes');
  return subtle().importKey('raw', raw, 'AES-GCM', false, [usage]);
}

function gcm(nonce: string, associatedData: string): AesGcmParams {
  return { name: 'AES-GCM', iv: encoder.encode(nonce), additionalData: encoder.encode(associatedData), tagLength: 128 };
}

/** Base64(ciphertext ‖ 16-byte tag), key = APIv3 key bytes, iv = nonce bytes. */
export async function subtleAeadEncrypt(
  plaintext: string,
  apiv3Key: string,
  nonce: string,
  associatedData: string,
): Promise<string> {
  const key = await aesKey(apiv3Key, 'encrypt');
  const sealed = await subtle().encrypt(gcm(nonce, associatedData), key, encoder.encode(plaintext));
  return bytesToBase64(new Uint8Array(sealed));
}

/** Throws when the ciphertext, tag, nonce, associated data or key do not match. */
export async function subtleAeadDecrypt(
  ciphertext: string,
  apiv3Key: string,
  nonce: string,
  associatedData: string,
): Promise<string> {
  const raw = base64ToBytes(ciphertext);
  if (!raw || raw.length < 17) throw new TypeError('ciphertext is not Base64 of ciphertext and tag');
  const key = await aesKey(apiv3Key, 'decrypt');
  const plain = await subtle().decrypt(gcm(nonce, associatedData), key, raw);
  return new TextDecoder('utf-8', { fatal: true }).decode(plain);
}
