import { randomBytes, randomInt } from 'node:crypto';

/** Identifier and randomness source, injected so tests can make it predictable. */
export interface Ids {
  /** Numeric-looking object id as WeChat issues them (product coupons, bundles, stocks, coupons). */
  numeric(prefix: string, digits: number): string;
  /** URL-safe random token with `bytes` of entropy. */
  token(bytes: number): string;
  /** 32 lower-case hex characters (response nonces). */
  nonce(): string;
  /** Unique, sortable-enough request id. */
  requestId(): string;
  uuid(): string;
}

export const randomIds: Ids = {
  numeric(prefix, digits) {
    let out = prefix;
    while (out.length < prefix.length + digits) out += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
    return out.slice(0, prefix.length + digits);
  },
  token: (bytes) => randomBytes(bytes).toString('base64url'),
  nonce: () => randomBytes(16).toString('hex'),
  requestId: () => `${randomBytes(14).toString('hex').toUpperCase()}-${randomInt(0, 1_000_000_000)}`,
  uuid: () => crypto.randomUUID(),
};
