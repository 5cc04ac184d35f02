import type { ImageGenerationInput, ImageGenerationType, ImageTaskState } from '../../domain/image-generation.js';
import type { ImageType } from '../../domain/media.js';
import type { ProductCouponState, StockState, UserCouponState } from '../../domain/states.js';
import type { ProductCouponT } from '../../schemas/objects/product-coupon.js';
import type { StockT } from '../../schemas/objects/stock.js';
import {
  bytes,
  type Description,
  integer,
  json,
  nullableInteger,
  nullableJson,
  nullableText,
  ordering,
  owned,
  type TableOf,
  text,
} from './columns.js';

export type SendChannel = 'API' | 'RECEIVE_COMPONENT';

export interface Deactivation {
  request_no: string;
  time: string;
  reason: string;
}

/** The WeChat object without `brand_id`, `state` and the deactivation fields, which live in their own columns. */
type ProductCouponData = Omit<
  ProductCouponT,
  'brand_id' | 'state' | 'deactivate_request_no' | 'deactivate_time' | 'deactivate_reason'
>;

/** Parts of the Stock object that are stored as-is; counters, caps and state have columns of their own. */
export type StockData = Omit<
  StockT,
  | 'brand_id'
  | 'sent_count_info'
  | 'state'
  | 'stock_send_rule'
  | 'deactivate_request_no'
  | 'deactivate_time'
  | 'deactivate_reason'
>;

/**
 * The tables of both databases, described once: Kysely's types and the record mappings derive from this. Each table
 * comes after the tables it references.
 */
export const tables = {
  settings: { name: text(), value: text() },
  platform_keys: { key_id: text(), private_key_pem: text(), public_key_pem: text(), created_at: text() },
  merchants: {
    mchid: text(),
    name: text(),
    apiv3_key: text(),
    notify_url: nullableText(),
    notify_updated_at: nullableText(),
    created_at: text(),
  },
  merchant_keys: {
    mchid: text(),
    /** Stored and looked up in `normalizeSerial` form (upper case, no leading `00` pairs). */
    serial_no: text(),
    public_key_pem: text(),
    created_at: text(),
  },
  brands: { brand_id: text(), name: text(), secret: text(), created_at: text() },
  brand_authorizations: { brand_id: text(), mchid: text(), created_at: text() },
  appids: { appid: text(), owner_type: text<'MERCHANT' | 'BRAND'>(), owner_id: text() },
  unionids: { brand_id: text(), openid: text(), unionid: text() },
  request_records: {
    mchid: text(),
    brand_id: text(),
    api: text(),
    request_no: text(),
    fingerprint: text(),
    status: integer(),
    response: text(),
    created_at: text(),
  },
  product_coupons: {
    product_coupon_id: text(),
    mchid: text(),
    brand_id: text(),
    state: text<ProductCouponState>(),
    data: json<ProductCouponData>({ cached: true }),
    deactivation: nullableJson<Deactivation>(),
    created_at: text(),
    updated_at: text(),
  },
  stock_bundles: {
    stock_bundle_id: text(),
    product_coupon_id: text(),
    mchid: text(),
    brand_id: text(),
    seq: ordering(),
    created_at: text(),
    /**
     * `BUNDLE`: a stock bundle (批次组). `SINGLE`: the one group holding every stock of a single-mode product coupon;
     * its id is the product coupon's id and WeChat never shows it (D-70).
     */
    kind: text<'BUNDLE' | 'SINGLE'>(),
  },
  stocks: {
    stock_id: text(),
    stock_bundle_id: text(),
    product_coupon_id: text(),
    mchid: text(),
    brand_id: text(),
    /** `stock_bundle_index`, 0-based; for a single-mode stock its place among the product coupon's stocks. */
    idx: integer(),
    /** The bundle's `seq`: stocks list in (seq, idx) order. */
    seq: ordering(),
    state: text<StockState>(),
    data: json<StockData>({ cached: true }),
    max_count: integer(),
    max_count_per_user: integer(),
    /** Only stock #0 of a bundle carries a daily cap (docs/fidelity.md, Objects). */
    max_count_per_day: nullableInteger(),
    total_count: owned(integer()),
    deactivation: nullableJson<Deactivation>(),
    created_at: text(),
    updated_at: text(),
  },
  stock_day_counts: { stock_id: text(), day: text(), count: integer(), cap: integer() },
  brand_stores: { store_id: text(), brand_id: text(), created_at: text() },
  stock_stores: { stock_id: text(), store_id: text(), created_at: text() },
  user_counts: { stock_id: text(), user_key: text(), count: integer(), cap: integer() },
  /** Pre-uploaded codes (D-85); `taken` is 1 once handed out. Hand-out order: `seq` on PostgreSQL, `rowid` on SQLite. */
  coupon_codes: { coupon_code: text(), stock_id: text(), taken: integer(), seq: ordering() },
  coupon_code_counts: { stock_id: text(), total_count: integer(), available_count: integer() },
  /** Coupons issued per product coupon and Shanghai hour, kept by a trigger (D-61); `count` is BIGINT on PostgreSQL. */
  issuance_hours: { product_coupon_id: text(), hour: text(), slot: integer(), count: integer() },
  issuances: {
    mchid: text(),
    brand_id: text(),
    send_request_no: text(),
    channel: text<SendChannel>(),
    openid: text(),
    appid: text(),
    /** The unionid when one is registered for the openid, else the openid (D-3). */
    user_key: text(),
    product_coupon_id: text(),
    stock_bundle_id: text(),
    attach: nullableText(),
    /** Canonical parameters of the first request that used the number. */
    fingerprint: text(),
    user_coupon_bundle_id: text(),
    created_at: text(),
  },
  tokens: {
    token_hash: text(),
    mchid: text(),
    brand_id: text(),
    product_coupon_id: text(),
    stock_bundle_id: text(),
    appid: text(),
    openid: text(),
    user_key: text(),
    send_request_no: text(),
    attach: nullableText(),
    fingerprint: text(),
    created_at: text(),
    expires_at: text(),
    claimed_at: nullableText(),
    /** A single-coupon token (D-100): the stock it issues from, `stock_bundle_id` being its product coupon's group. */
    stock_id: nullableText(),
    /** The caller's code for an `API_ASSIGN` stock (D-101). */
    coupon_code: nullableText(),
  },
  user_coupon_bundles: {
    user_coupon_bundle_id: text(),
    mchid: text(),
    brand_id: text(),
    product_coupon_id: text(),
    stock_bundle_id: text(),
    openid: text(),
    appid: text(),
    user_key: text(),
    send_request_no: text(),
    channel: text<SendChannel>(),
    attach: nullableText(),
    total_count: integer(),
    used_count: integer(),
    state: text<'ACTIVE' | 'DEACTIVATED'>(),
    created_at: text(),
    updated_at: text(),
  },
  user_coupons: {
    coupon_code: text(),
    user_coupon_bundle_id: text(),
    idx: integer(),
    stock_id: text(),
    product_coupon_id: text(),
    stock_bundle_id: text(),
    mchid: text(),
    brand_id: text(),
    openid: text(),
    appid: text(),
    user_key: text(),
    state: text<UserCouponState>(),
    valid_begin_time: text(),
    valid_end_time: text(),
    receive_time: text(),
    send_request_no: text(),
    channel: text<SendChannel>(),
    attach: nullableText(),
    coupon_tag_info: nullableJson<unknown>(),
    /** `confirm_*`, `deactivate_*` and `progressive_bundle_usage_detail` fields as WeChat names them. */
    detail: json<Record<string, unknown>>(),
    created_at: text(),
    updated_at: text(),
  },
  outbox: {
    event_id: text(),
    mchid: text(),
    event_type: text(),
    summary: text(),
    /** The plaintext business object, encrypted at delivery time with the merchant's current APIv3 key. */
    resource: json<Record<string, unknown>>(),
    create_time: text(),
    next_attempt_at: text(),
    attempts: owned(integer()),
    state: owned(text<'PENDING' | 'DELIVERED' | 'FAILED'>()),
    locked_until: owned(nullableText()),
    last_status: owned(nullableInteger()),
    last_error: owned(nullableText()),
    delivered_at: owned(nullableText()),
    /** Insertion order on PostgreSQL; SQLite uses its `rowid`. */
    seq: ordering(),
  },
  webhook_attempts: {
    id: ordering(),
    event_id: text(),
    /** 1-based. */
    attempt: integer(),
    url: nullableText(),
    request_id: nullableText(),
    /** ISO 8601, business clock. */
    started_at: text(),
    duration_ms: integer(),
    status: nullableInteger(),
    error: nullableText(),
    /** The first KiB of the response body. */
    response: nullableText(),
  },
  media_images: {
    /** The SHA-256 of the bytes in lower-case hex: the same bytes are one image, whoever stored them. */
    image_id: text(),
    type: text<ImageType>(),
    size: integer(),
    bytes: bytes(),
    /** The merchant that stored the bytes first. */
    mchid: text(),
    created_at: text(),
  },
  image_tasks: {
    mchid: text(),
    brand_id: text(),
    task_id: text(),
    type: text<ImageGenerationType>(),
    /** The request body, which says what to render. */
    request: json<ImageGenerationInput>(),
    /** The origin the task was submitted to: the callback's image URL is answered on it. */
    origin: text(),
    state: text<ImageTaskState>(),
    /** The generated image (always PNG), once `SUCCESS`. */
    image_id: nullableText(),
    fail_reason: nullableText(),
    created_at: text(),
    /** When the task may complete (the test clock's time in the sandbox). */
    due_at: text(),
    completed_at: nullableText(),
  },
} satisfies Record<string, Description>;

export type Tables = typeof tables;
export type TableName = keyof Tables;

/** Kysely's view of both databases. */
export type Database = { [T in TableName]: TableOf<Tables[T]> };
