export * from './aead.js';
export * from './authorization.js';
export * from './headers.js';
export * from './keys.js';
export * from './messages.js';
export * from './rsa.js';
