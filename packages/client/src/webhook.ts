import type { CallbackEnvelope } from './endpoints.js';
import { WechatpayVerificationError } from './errors.js';
import { Headers as H, SIGNATURE_TYPE } from './protocol/headers.js';
import { responseMessage } from './protocol/messages.js';
import {
  importSigningKey,
  type KeyInput,
  randomAlnum,
  randomHex,
  subtleAeadDecrypt,
  subtleAeadEncrypt,
  subtleSign,
} from './protocol/webcrypto.js';
import { headerLookup, KeyRing, type TrustOptions, verifySignedMessage } from './verify.js';

export type {
  CallbackEnvelope,
  ImageGenerationNotification,
  ProductCouponSendNotification,
} from './endpoints.js';

const ALGORITHM = 'AEAD_AES_256_GCM';

export interface CallbackInput extends TrustOptions {
  /** The request headers as received: fetch `Headers` or Node's `req.headers`. */
  headers: Headers | Readonly<Record<string, string | string[] | undefined>>;
  /** The raw request body, exactly as received (never a re-serialised object). */
  body: string | Uint8Array;
  apiv3Key: string;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

export interface VerifiedCallback<T = unknown> {
  envelope: CallbackEnvelope;
  /** The decrypted `resource.ciphertext`. */
  plaintext: string;
  /** `plaintext` parsed as JSON. */
  resource: T;
}

/**
 * Verifies a WeChat Pay callback (signature, ±300 s timestamp, trusted serial, `WECHATPAY/SIGNTEST/` probes
 * rejected) and decrypts its resource with the APIv3 key (docs/protocol.md, Callbacks). Throws `WechatpayVerificationError`;
 * answer such a callback with a 4xx/5xx so WeChat Pay retries.
 */
export async function verifyAndDecryptCallback<T = unknown>(input: CallbackInput): Promise<VerifiedCallback<T>> {
  const body = typeof input.body === 'string' ? input.body : new TextDecoder().decode(input.body);
  const now = Math.floor((input.now ?? Date.now)() / 1000);
  await verifySignedMessage({ header: headerLookup(input.headers), body, keys: new KeyRing(input), now });
  const fail = (reason: 'body' | 'decrypt', message: string) => new WechatpayVerificationError(reason, message, body);
  const envelope = parseEnvelope(body);
  if (!envelope) throw fail('body', 'callback body is not a WeChat Pay notification envelope');
  const { ciphertext, nonce, associated_data: aad = '', algorithm } = envelope.resource;
  if (algorithm !== ALGORITHM) throw fail('decrypt', `unsupported resource algorithm ${algorithm}`);
  let plaintext: string;
  try {
    plaintext = await subtleAeadDecrypt(ciphertext, input.apiv3Key, nonce, aad);
  } catch {
    throw fail('decrypt', 'resource does not decrypt with this APIv3 key');
  }
  try {
    return { envelope, plaintext, resource: JSON.parse(plaintext) as T };
  } catch {
    throw fail('body', 'decrypted resource is not JSON');
  }
}

function parseEnvelope(body: string): CallbackEnvelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const v = value as Partial<Record<string, unknown>> | null;
  const r = (v && typeof v.resource === 'object' ? v.resource : null) as Partial<Record<string, unknown>> | null;
  const strings = (o: Partial<Record<string, unknown>>, keys: string[]) => keys.every((k) => typeof o[k] === 'string');
  if (!v || !r || !strings(v, ['id', 'event_type']) || !strings(r, ['ciphertext', 'nonce', 'algorithm']))
    return undefined;
  return value as CallbackEnvelope;
}

export interface TestCallbackInput {
  apiv3Key: string;
  /** Signs the callback: the private half of the key the verifier trusts as `serial`. */
  privateKey: KeyInput;
  /** `Wechatpay-Serial`: a `PUB_KEY_ID_…` or platform-certificate serial. */
  serial: string;
  /** e.g. `PRODUCT_COUPON_SP.SEND`. */
  eventType: string;
  /** The plaintext: an object (serialised as JSON) or the exact text. */
  resource: unknown;
  summary?: string;
  originalType?: string;
  associatedData?: string;
  id?: string;
  createTime?: string;
  now?: () => number;
}

export interface TestCallback {
  headers: Record<string, string>;
  body: string;
  envelope: CallbackEnvelope;
}

/** A callback shaped, encrypted and signed as WeChat Pay sends it, for a merchant's own webhook tests. */
export async function buildTestCallback(input: TestCallbackInput): Promise<TestCallback> {
  const nowMs = (input.now ?? Date.now)();
  const plaintext = typeof input.resource === 'string' ? input.resource : JSON.stringify(input.resource);
  const associatedData = input.associatedData ?? 'product_coupon_sp';
  const resourceNonce = randomAlnum(12);
  const envelope: CallbackEnvelope = {
    id: input.id ?? globalThis.crypto.randomUUID(),
    create_time: input.createTime ?? shanghaiTime(nowMs),
    resource_type: 'encrypt-resource',
    event_type: input.eventType,
    summary: input.summary ?? '',
    resource: {
      original_type: input.originalType ?? 'coupon',
      algorithm: ALGORITHM,
      ciphertext: await subtleAeadEncrypt(plaintext, input.apiv3Key, resourceNonce, associatedData),
      associated_data: associatedData,
      nonce: resourceNonce,
    },
  };
  const body = JSON.stringify(envelope);
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomHex(16);
  const signature = await subtleSign(responseMessage(timestamp, nonce, body), await importSigningKey(input.privateKey));
  const headers = {
    'Content-Type': 'application/json',
    [H.requestId]: randomHex(16),
    [H.nonce]: nonce,
    [H.serial]: input.serial,
    [H.signature]: signature,
    [H.signatureType]: SIGNATURE_TYPE,
    [H.timestamp]: timestamp,
  };
  return { headers, body, envelope };
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes `create_time`. */
function shanghaiTime(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
