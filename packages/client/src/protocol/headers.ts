/** Header names of API v3 responses and callbacks (docs/protocol.md, Signing responses / Callbacks). */
export const Headers = {
  requestId: 'Request-ID',
  nonce: 'Wechatpay-Nonce',
  timestamp: 'Wechatpay-Timestamp',
  serial: 'Wechatpay-Serial',
  signature: 'Wechatpay-Signature',
  signatureType: 'Wechatpay-Signature-Type',
} as const;

export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';
/** Allowed distance between a signed timestamp and now. */
export const TIMESTAMP_WINDOW_SECONDS = 300;
