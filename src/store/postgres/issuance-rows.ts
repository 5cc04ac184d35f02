import type {
  IssuanceRecord,
  SendChannel,
  TokenRecord,
  UserCouponBundleRecord,
  UserCouponRecord,
  UserCouponState,
} from '../issuance.js';

/** Row shapes of the issuance tables and their mapping to port records (JSONB columns arrive parsed). */
export type IssuanceRow = {
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
};

export type TokenRow = {
  token_hash: string;
  mchid: string;
  brand_id: string;
  product_coupon_id: string;
  stock_bundle_id: string;
  appid: string;
  openid: string;
  user_key: string;
  send_request_no: string;
  attach: string | null;
  fingerprint: string;
  created_at: string;
  expires_at: string;
  claimed_at: string | null;
};

export type UserCouponBundleRow = {
  user_coupon_bundle_id: string;
  mchid: string;
  brand_id: string;
  product_coupon_id: string;
  stock_bundle_id: string;
  openid: string;
  appid: string;
  user_key: string;
  send_request_no: string;
  channel: SendChannel;
  attach: string | null;
  total_count: number;
  used_count: number;
  state: 'ACTIVE' | 'DEACTIVATED';
  created_at: string;
  updated_at: string;
};

export type UserCouponRow = {
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
  coupon_tag_info: unknown | null;
  detail: Record<string, unknown>;
  created_at: string;
  updated_at: string;
};

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

export const toUserCoupon = (r: UserCouponRow): UserCouponRecord => ({
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
  couponTagInfo: r.coupon_tag_info,
  detail: r.detail,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
