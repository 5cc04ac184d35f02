export { type ClientConfig, createClient, SDK_VERSION, WECHATPAY_BASE_URL, type WechatpayClient } from './client.js';
export type { Endpoints } from './endpoints.js';
export {
  type VerificationFailure,
  WechatpayConnectionError,
  WechatpayError,
  type WechatpayErrorDetail,
  WechatpayVerificationError,
} from './errors.js';
export type { MediaFile } from './media.js';
export type { QueryParams, QueryValue } from './paths.js';
export type { KeyInput } from './protocol/webcrypto.js';
export type { RetryDelay } from './retry.js';
export type { HttpMethod, RequestOptions, SendRequest, WechatpayResponse } from './sender.js';
export type { KnownPath, LooseMethod, LooseNode, LooseOptions, PathNode, Registry, TypedOptions } from './types.js';
export type { TrustOptions } from './verify.js';
export {
  buildTestCallback,
  type CallbackEnvelope,
  type CallbackInput,
  type ImageGenerationNotification,
  type ProductCouponSendNotification,
  type TestCallback,
  type TestCallbackInput,
  type VerifiedCallback,
  verifyAndDecryptCallback,
} from './webhook.js';
