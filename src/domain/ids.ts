import { randomBytes, randomFillSync } from 'node:crypto';

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

const pool = Buffer.alloc(4096);
let poolUsed = pool.length;

/**
 * `n` bytes from the system's randomness. Small reads come from a pool refilled 4 KiB at a time, each byte handed
 * out once, so a request's several ids and nonces do not each pay for a call into OpenSSL.
 */
function freshBytes(n: number): Buffer {
  if (n > 256) return randomBytes(n);
  if (poolUsed + n > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  const out = Buffer.from(pool.subarray(poolUsed, poolUsed + n));
  poolUsed += n;
  return out;
}

/** `n` random decimal digits from one read of the system's randomness (18 digits per 64 bits). */
const randomDigits = (n: number) => {
  const words = Math.ceil(n / 18);
  const bytes = freshBytes(words * 8);
  let out = '';
  for (let i = 0; i < words; i++) out += (bytes.readBigUInt64BE(i * 8) % 10n ** 18n).toString().padStart(18, '0');
  return out.slice(0, n);
};

let lastMs = 0;
let sequence = 0;

/** Milliseconds plus a per-millisecond sequence: ids made later sort later, so indexes grow at their end. */
function timeOrdered(): { ms: number; seq: number } {
  const ms = Date.now();
  if (ms === lastMs) sequence += 1;
  else {
    lastMs = ms;
    sequence = 0;
  }
  return { ms, seq: sequence };
}

/**
 * Long ids (≥ 20 digits) are time-ordered — 13 digits of milliseconds, 3 of sequence, then random digits — so
 * the issuance tables append instead of writing all over their indexes; short ones are random.
 */
function numeric(prefix: string, digits: number): string {
  if (digits < 20) return prefix + randomDigits(digits);
  const { ms, seq } = timeOrdered();
  return `${prefix}${String(ms).padStart(13, '0')}${String(seq % 1000).padStart(3, '0')}${randomDigits(digits - 16)}`;
}

/** RFC 9562 UUIDv7: 48 bits of milliseconds, then random bits. */
function uuidv7(): string {
  const bytes = freshBytes(16);
  const { ms } = timeOrdered();
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const processTag = randomBytes(6).toString('hex').toUpperCase();
let requests = 0;

/** Upper-case hex like WeChat's: milliseconds, this process, a counter — unique without a random read per request. */
function requestId(): string {
  requests = (requests + 1) % 0x100000000;
  return `${Date.now().toString(16).toUpperCase()}${processTag}${requests.toString(16).toUpperCase().padStart(8, '0')}-0`;
}

export const randomIds: Ids = {
  numeric,
  token: (bytes) => freshBytes(bytes).toString('base64url'),
  nonce: () => freshBytes(16).toString('hex'),
  requestId,
  uuid: uuidv7,
};
