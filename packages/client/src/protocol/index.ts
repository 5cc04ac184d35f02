export {
  type AuthorizationFields,
  formatAuthorization,
  normalizeSerial,
  type ParsedAuthorization,
  parseAuthorization,
} from './authorization.js';
export { Headers, SIGNATURE_TYPE, SIGNTEST_PREFIX, TIMESTAMP_WINDOW_SECONDS } from './headers.js';
export { requestMessage, responseMessage } from './messages.js';
export {
  base64ToBytes,
  importSigningKey,
  importVerifyingKey,
  type KeyInput,
  randomAlnum,
  randomHex,
  subtleAeadDecrypt,
  subtleAeadEncrypt,
  subtleSign,
  subtleVerify,
} from './webcrypto.js';
