import { type Static, Type } from '@sinclair/typebox';
import { AppId, AssignedCouponCode, Body, BrandId, Chars, ObjectId, PathOpenId, RequestNo } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import {
  couponTagInfoProps,
  memberTagInfoProps,
  UserProductCoupon,
  UserProductCouponInBundle,
} from './objects/user-coupon.js';

/** Free-form merchant data echoed in queries and the SEND callback. */
const Attach = Chars(150);

/** 向用户预发放商品券批次组 */
export const preSendCouponBundle = defineEndpoint({
  name: 'preSendCouponBundle',
  summary: '向用户预发放商品券批次组',
  method: 'POST',
  path: `${PARTNER_PREFIX}/users/{openid}/pre-send-coupon-bundle`,
  params: PathOpenId,
  body: Body({
    product_coupon_id: ObjectId,
    stock_bundle_id: ObjectId,
    appid: AppId,
    send_request_no: RequestNo(40),
    attach: Type.Optional(Attach),
    brand_id: BrandId,
  }),
  response: Type.Object({ token: Type.String({ minLength: 1, maxLength: 1024 }) }),
  rate: 'user',
});
export type PreSendCouponBundleBody = Static<typeof preSendCouponBundle.body>;

/** Request form of `coupon_tag_info`: unknown fields rejected at every level. */
export const CouponTagInfoBody = Body(couponTagInfoProps(Body(memberTagInfoProps)));

/** 向用户发放商品券批次组 */
export const sendCouponBundle = defineEndpoint({
  name: 'sendCouponBundle',
  summary: '向用户发放商品券批次组',
  method: 'POST',
  path: `${PARTNER_PREFIX}/users/{openid}/coupon-bundles`,
  params: PathOpenId,
  body: Body({
    product_coupon_id: ObjectId,
    stock_bundle_id: ObjectId,
    appid: AppId,
    send_request_no: RequestNo(128),
    attach: Type.Optional(Attach),
    brand_id: BrandId,
    coupon_tag_info: Type.Optional(CouponTagInfoBody),
  }),
  response: Type.Object({
    user_coupon_bundle_id: ObjectId,
    user_product_coupon_list: Type.Array(UserProductCouponInBundle),
  }),
  rate: 'user',
});
export type SendCouponBundleBody = Static<typeof sendCouponBundle.body>;
export type SendCouponBundleResponse = Static<typeof sendCouponBundle.response>;

/** The fields naming one single-mode stock and, in `API_ASSIGN` mode, the code its coupon gets. */
const singleTarget = {
  product_coupon_id: ObjectId,
  stock_id: ObjectId,
  coupon_code: Type.Optional(AssignedCouponCode),
  appid: AppId,
  send_request_no: RequestNo(128),
  attach: Type.Optional(Attach),
  brand_id: BrandId,
};

/** 向用户预发放商品券 */
export const preSendCoupon = defineEndpoint({
  name: 'preSendCoupon',
  summary: '向用户预发放商品券',
  method: 'POST',
  path: `${PARTNER_PREFIX}/users/{openid}/pre-send-coupon`,
  params: PathOpenId,
  body: Body(singleTarget),
  response: Type.Object({ token: Type.String({ minLength: 1, maxLength: 1024 }) }),
  rate: 'user',
});
export type PreSendCouponBody = Static<typeof preSendCoupon.body>;

/** 向用户发放商品券 */
export const sendCoupon = defineEndpoint({
  name: 'sendCoupon',
  summary: '向用户发放商品券',
  method: 'POST',
  path: `${PARTNER_PREFIX}/users/{openid}/coupons`,
  params: PathOpenId,
  body: Body({ ...singleTarget, coupon_tag_info: Type.Optional(CouponTagInfoBody) }),
  response: UserProductCoupon,
  rate: 'user',
});
export type SendCouponBody = Static<typeof sendCoupon.body>;

/**
 * The conditional rule of `coupon_tag_info` that a schema cannot say: `member_tag_info` (with a non-empty
 * `member_card_id`) is required when the tag list contains `MEMBER`. Returns the offending field path, if any.
 */
export function couponTagInfoProblem(info: Static<typeof CouponTagInfoBody> | undefined): string | undefined {
  if (!info?.coupon_tag_list?.includes('MEMBER')) return undefined;
  if (!info.member_tag_info) return '/coupon_tag_info/member_tag_info';
  if (info.member_tag_info.member_card_id === '') return '/coupon_tag_info/member_tag_info/member_card_id';
  return undefined;
}
