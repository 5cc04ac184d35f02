import type {
  IssuanceRecord,
  OutboxEvent,
  TokenRecord,
  UserCouponBundleRecord,
  UserCouponRecord,
} from '../issuance.js';
import { jsonText } from './json.js';

/** Columns and values of the issuance inserts, in the same order; see `insertStatement`. */
export const ISSUANCE_COLUMNS =
  'mchid, brand_id, send_request_no, channel, openid, appid, user_key, product_coupon_id, stock_bundle_id, attach, fingerprint, user_coupon_bundle_id, created_at';

export const issuanceValues = (i: IssuanceRecord) => [
  i.mchid,
  i.brandId,
  i.sendRequestNo,
  i.channel,
  i.openid,
  i.appid,
  i.userKey,
  i.productCouponId,
  i.stockBundleId,
  i.attach,
  i.fingerprint,
  i.userCouponBundleId,
  i.createdAt,
];

export const TOKEN_COLUMNS =
  'token_hash, mchid, brand_id, product_coupon_id, stock_bundle_id, appid, openid, user_key, send_request_no, attach, fingerprint, created_at, expires_at, claimed_at, stock_id, coupon_code';

export const tokenValues = (t: TokenRecord) => [
  t.tokenHash,
  t.mchid,
  t.brandId,
  t.productCouponId,
  t.stockBundleId,
  t.appid,
  t.openid,
  t.userKey,
  t.sendRequestNo,
  t.attach,
  t.fingerprint,
  t.createdAt,
  t.expiresAt,
  t.claimedAt,
  t.stockId,
  t.couponCode,
];

export const USER_COUPON_BUNDLE_COLUMNS =
  'user_coupon_bundle_id, mchid, brand_id, product_coupon_id, stock_bundle_id, openid, appid, user_key, send_request_no, channel, attach, total_count, used_count, state, created_at, updated_at';

export const userCouponBundleValues = (b: UserCouponBundleRecord) => [
  b.userCouponBundleId,
  b.mchid,
  b.brandId,
  b.productCouponId,
  b.stockBundleId,
  b.openid,
  b.appid,
  b.userKey,
  b.sendRequestNo,
  b.channel,
  b.attach,
  b.totalCount,
  b.usedCount,
  b.state,
  b.createdAt,
  b.updatedAt,
];

export const USER_COUPON_COLUMNS =
  'coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id, stock_bundle_id, mchid, brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time, receive_time, send_request_no, channel, attach, coupon_tag_info, detail, created_at, updated_at';

export const userCouponValues = (c: UserCouponRecord) => [
  c.couponCode,
  c.userCouponBundleId,
  c.index,
  c.stockId,
  c.productCouponId,
  c.stockBundleId,
  c.mchid,
  c.brandId,
  c.openid,
  c.appid,
  c.userKey,
  c.state,
  c.validBeginTime,
  c.validEndTime,
  c.receiveTime,
  c.sendRequestNo,
  c.channel,
  c.attach,
  jsonText(c.couponTagInfo),
  jsonText(c.detail),
  c.createdAt,
  c.updatedAt,
];

export const OUTBOX_EVENT_COLUMNS = 'event_id, mchid, event_type, summary, resource, create_time, next_attempt_at';

export const outboxEventValues = (e: OutboxEvent) => [
  e.eventId,
  e.mchid,
  e.eventType,
  e.summary,
  jsonText(e.resource),
  e.createTime,
  e.nextAttemptAt,
];
