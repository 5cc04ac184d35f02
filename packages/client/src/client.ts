import type { Endpoints } from './endpoints.js';
import type { KeyInput } from './protocol/webcrypto.js';
import type { RetryDelay } from './retry.js';
import { createSender } from './sender.js';
import { createRoot } from './styles.js';
import type { ClientRoot, Registry } from './types.js';
import { KeyRing, type TrustOptions } from './verify.js';

export const WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com/';
export const SDK_VERSION = '0.1.0';

export interface ClientConfig extends TrustOptions {
  /** Where the API lives: coupond's base URL, or WeChat Pay's (the default) in production. */
  baseURL?: string;
  mchid: string;
  /** Serial number of the merchant API certificate (`serial_no` in the Authorization header). */
  serial: string;
  /** The merchant API private key: PEM (PKCS#8 or PKCS#1) or a WebCrypto `CryptoKey` (RSASSA-PKCS1-v1_5, SHA-256). */
  privateKey: KeyInput;
  /** Per attempt, including reading the body. Default 10 000. */
  timeoutMs?: number;
  /** Retries after 429, 5xx (but 501) and network errors or timeouts. Default 2. */
  maxRetries?: number;
  retryDelay?: RetryDelay;
  fetch?: typeof fetch;
  /** Clock in milliseconds, for signing and checking response timestamps. Default `Date.now`. */
  now?: () => number;
  userAgent?: string;
}

/** Typed from the schema registry `R` (coupond's own endpoints by default). */
export type WechatpayClient<R extends Registry = Endpoints> = ClientRoot<R>;

export function createClient(config: ClientConfig): WechatpayClient {
  if (!config.mchid || !config.serial) throw new TypeError('mchid and serial are required');
  const send = createSender({
    baseURL: config.baseURL ?? WECHATPAY_BASE_URL,
    mchid: config.mchid,
    serial: config.serial,
    privateKey: config.privateKey,
    keys: new KeyRing(config),
    timeoutMs: config.timeoutMs ?? 10_000,
    maxRetries: config.maxRetries ?? 2,
    retryDelay: config.retryDelay ?? {},
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: config.now ?? Date.now,
    userAgent: config.userAgent ?? `coupond-client/${SDK_VERSION}`,
  });
  return createRoot(send);
}
