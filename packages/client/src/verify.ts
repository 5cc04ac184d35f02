import { WechatpayVerificationError } from './errors.js';
import { normalizeSerial } from './protocol/authorization.js';
import { Headers as H, SIGNTEST_PREFIX, TIMESTAMP_WINDOW_SECONDS } from './protocol/headers.js';
import { responseMessage } from './protocol/messages.js';
import { importVerifyingKey, type KeyInput, subtleVerify } from './protocol/webcrypto.js';

/**
 * The WeChat Pay keys a merchant trusts. Public-key mode: `wechatpayPublicKey` (PEM) with its id `PUB_KEY_ID_…`.
 * Platform-certificate mode: `platformCertificates`, serial → PEM certificate (or public key). Both may be given
 * while WeChat Pay migrates a merchant from one mode to the other.
 */
export interface TrustOptions {
  wechatpayPublicKey?: KeyInput;
  wechatpayPublicKeyId?: string;
  platformCertificates?: Readonly<Record<string, KeyInput>>;
}

export class KeyRing {
  private readonly inputs = new Map<string, KeyInput>();
  private readonly imported = new Map<string, Promise<CryptoKey>>();

  constructor(trust: TrustOptions) {
    const { wechatpayPublicKey, wechatpayPublicKeyId, platformCertificates } = trust;
    if (wechatpayPublicKey !== undefined || wechatpayPublicKeyId !== undefined) {
      if (wechatpayPublicKey === undefined || !wechatpayPublicKeyId)
        throw new TypeError('wechatpayPublicKey and wechatpayPublicKeyId go together');
      this.inputs.set(normalizeSerial(wechatpayPublicKeyId), wechatpayPublicKey);
    }
    for (const [serial, key] of Object.entries(platformCertificates ?? {}))
      this.inputs.set(normalizeSerial(serial), key);
    if (this.inputs.size === 0)
      throw new TypeError('configure wechatpayPublicKey + wechatpayPublicKeyId, or platformCertificates');
  }

  /** The configured ids/serials, as given to the server in `Wechatpay-Serial`. */
  get serials(): string[] {
    return [...this.inputs.keys()];
  }

  key(serial: string): Promise<CryptoKey> | undefined {
    const id = normalizeSerial(serial);
    const input = this.inputs.get(id);
    if (input === undefined) return undefined;
    let key = this.imported.get(id);
    if (!key) {
      key = importVerifyingKey(input);
      this.imported.set(id, key);
    }
    return key;
  }
}

export type HeaderLookup = (name: string) => string | undefined;

/** Case-insensitive lookup over fetch `Headers` or a plain record such as Node's `IncomingHttpHeaders`. */
export function headerLookup(headers: Headers | Readonly<Record<string, string | string[] | undefined>>): HeaderLookup {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) lower.set(k.toLowerCase(), String(v));
  return (name) => lower.get(name.toLowerCase());
}

export interface SignedMessage {
  header: HeaderLookup;
  body: string;
  keys: KeyRing;
  /** Unix seconds. */
  now: number;
  status?: number;
}

/** Checks `Wechatpay-*` headers over `timestamp\nnonce\nbody\n` (docs/protocol.md, Verifying responses), in axios-plugin's order. */
export async function verifySignedMessage({ header, body, keys, now, status }: SignedMessage): Promise<void> {
  const requestId = header(H.requestId);
  const fail = (reason: WechatpayVerificationError['reason'], message: string) =>
    new WechatpayVerificationError(reason, message, body, status, requestId);
  const timestamp = header(H.timestamp);
  const nonce = header(H.nonce);
  const serial = header(H.serial);
  const signature = header(H.signature);
  if (!timestamp || !nonce || !serial || !signature)
    throw fail('headers', 'response is not signed: a Wechatpay-Timestamp/Nonce/Serial/Signature header is missing');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS)
    throw fail('timestamp', `Wechatpay-Timestamp ${timestamp} is more than 300 s away from local time ${now}`);
  const key = keys.key(serial);
  if (!key) throw fail('serial', `Wechatpay-Serial ${serial} is not a configured WeChat Pay key`);
  if (signature.startsWith(SIGNTEST_PREFIX))
    throw fail('signtest', 'Wechatpay-Signature is a WECHATPAY/SIGNTEST/ probe');
  if (!(await subtleVerify(responseMessage(timestamp, nonce, body), signature, await key)))
    throw fail('signature', 'Wechatpay-Signature does not verify');
}
