import type {
  IssuanceRecord,
  SendChannel,
  TokenRecord,
  UserCouponBundleRecord,
  UserCouponRecord,
  UserCouponState,
} from '../issuance.js';
import { type JsonReader, readNullable } from './json.js';

/** Row shapes of the issuance tables; `J` is a JSON column as the driver returns it. */
export interface IssuanceRow {
  mchid: string;
  brand_id: string;
  send_request_no: string;
  channel: SendChannel;
  openid: string;
  appid: string;
  user_key: string;
  product_coupon_id: string;
  stock_bundle_id: string;
  attach: string | null;
  fingerprint: string;
  user_coupon_bundle_id: string;
  created_at: string;
}

export interface TokenRow extends Omit<IssuanceRow, 'channel' | 'user_coupon_bundle_id'> {
  token_hash: string;
  expires_at: string;
  claimed_at: string | null;
  stock_id: string | null;
  coupon_code: string | null;
}

export interface UserCouponBundleRow extends Omit<IssuanceRow, 'fingerprint'> {
  total_count: number;
  used_count: number;
  state: 'ACTIVE' | 'DEACTIVATED';
  updated_at: string;
}

export interface UserCouponRow<J> {
  coupon_code: string;
  user_coupon_bundle_id: string;
  idx: number;
  stock_id: string;
  product_coupon_id: string;
  stock_bundle_id: string;
  mchid: string;
  brand_id: string;
  openid: string;
  appid: string;
  user_key: string;
  state: UserCouponState;
  valid_begin_time: string;
  valid_end_time: string;
  receive_time: string;
  send_request_no: string;
  channel: SendChannel;
  attach: string | null;
  coupon_tag_info: J | null;
  detail: J;
  created_at: string;
  updated_at: string;
}

export const toIssuance = (r: IssuanceRow): IssuanceRecord => ({
  mchid: r.mchid,
  brandId: r.brand_id,
  sendRequestNo: r.send_request_no,
  channel: r.channel,
  openid: r.openid,
  appid: r.appid,
  userKey: r.user_key,
  productCouponId: r.product_coupon_id,
  stockBundleId: r.stock_bundle_id,
  attach: r.attach,
  fingerprint: r.fingerprint,
  userCouponBundleId: r.user_coupon_bundle_id,
  createdAt: r.created_at,
});

export const toToken = (r: TokenRow): TokenRecord => ({
  tokenHash: r.token_hash,
  mchid: r.mchid,
  brandId: r.brand_id,
  productCouponId: r.product_coupon_id,
  stockBundleId: r.stock_bundle_id,
  appid: r.appid,
  openid: r.openid,
  userKey: r.user_key,
  sendRequestNo: r.send_request_no,
  attach: r.attach,
  fingerprint: r.fingerprint,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  claimedAt: r.claimed_at,
  stockId: r.stock_id,
  couponCode: r.coupon_code,
});

export const toUserCouponBundle = (r: UserCouponBundleRow): UserCouponBundleRecord => ({
  userCouponBundleId: r.user_coupon_bundle_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  productCouponId: r.product_coupon_id,
  stockBundleId: r.stock_bundle_id,
  openid: r.openid,
  appid: r.appid,
  userKey: r.user_key,
  sendRequestNo: r.send_request_no,
  channel: r.channel,
  attach: r.attach,
  totalCount: r.total_count,
  usedCount: r.used_count,
  state: r.state,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The user coupon mapper of an adapter, reading its JSON columns the adapter's way. */
export const userCouponMapper =
  <J>(json: JsonReader<J>) =>
  (r: UserCouponRow<J>): UserCouponRecord => ({
    couponCode: r.coupon_code,
    userCouponBundleId: r.user_coupon_bundle_id,
    index: r.idx,
    stockId: r.stock_id,
    productCouponId: r.product_coupon_id,
    stockBundleId: r.stock_bundle_id,
    mchid: r.mchid,
    brandId: r.brand_id,
    openid: r.openid,
    appid: r.appid,
    userKey: r.user_key,
    state: r.state,
    validBeginTime: r.valid_begin_time,
    validEndTime: r.valid_end_time,
    receiveTime: r.receive_time,
    sendRequestNo: r.send_request_no,
    channel: r.channel,
    attach: r.attach,
    couponTagInfo: readNullable(json, r.coupon_tag_info),
    detail: json<Record<string, unknown>>(r.detail),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
