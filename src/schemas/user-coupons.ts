import { type Static, Type } from '@sinclair/typebox';
import {
  AppId,
  Body,
  BrandId,
  Chars,
  DateTime,
  Fen,
  ObjectId,
  OpenId,
  PathOpenId,
  Query,
  RequestNo,
} from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import {
  associatedOrderInfoProps,
  associatedPayScoreOrderInfoProps,
  UserCouponState,
  UserProductCoupon,
  UserProductCouponOfDeactivatedBundle,
} from './objects/user-coupon.js';

const USERS = `${PARTNER_PREFIX}/users/{openid}`;

const PathUserCoupon = Type.Object({ openid: OpenId, coupon_code: ObjectId });

/** The four identifiers every single-coupon call carries. */
const couponRef = { product_coupon_id: ObjectId, stock_id: ObjectId, appid: AppId, brand_id: BrandId };

/** 查询用户商品券详情 */
export const getUserCoupon = defineEndpoint({
  name: 'getUserCoupon',
  summary: '查询用户商品券详情',
  method: 'GET',
  path: `${USERS}/coupons/{coupon_code}`,
  params: PathUserCoupon,
  query: Query(couponRef),
  response: UserProductCoupon,
  rate: 'user',
});
export type GetUserCouponQuery = Static<typeof getUserCoupon.query>;

/** 指定券状态查询用户商品券列表. `page_size` arrives as text in a URL and must be converted before validation. */
export const listUserCoupons = defineEndpoint({
  name: 'listUserCoupons',
  summary: '指定券状态查询用户商品券列表',
  method: 'GET',
  path: `${USERS}/coupons`,
  params: PathOpenId,
  query: Query({
    product_coupon_id: Type.Optional(ObjectId),
    stock_id: Type.Optional(ObjectId),
    appid: AppId,
    coupon_state: Type.Optional(UserCouponState),
    user_coupon_bundle_id: Type.Optional(ObjectId),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    page_token: Type.Optional(Type.String({ maxLength: 100 })),
    brand_id: BrandId,
  }),
  response: Type.Object({
    total_count: Type.Optional(Type.Integer({ minimum: 0 })),
    user_coupon_list: Type.Optional(Type.Array(UserProductCoupon)),
    next_page_token: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  }),
  rate: 'user',
});
export type ListUserCouponsQuery = Static<typeof listUserCoupons.query>;
export type ListUserCouponsResponse = Static<typeof listUserCoupons.response>;

/** 确认发放用户商品券 */
export const confirmUserCoupon = defineEndpoint({
  name: 'confirmUserCoupon',
  summary: '确认发放用户商品券',
  method: 'POST',
  path: `${USERS}/coupons/{coupon_code}/confirm`,
  params: PathUserCoupon,
  body: Body({ ...couponRef, out_request_no: RequestNo(40) }),
  response: UserProductCoupon,
  rate: 'user',
});
export type ConfirmUserCouponBody = Static<typeof confirmUserCoupon.body>;

/** 核销用户商品券 */
export const useUserCoupon = defineEndpoint({
  name: 'useUserCoupon',
  summary: '核销用户商品券',
  method: 'POST',
  path: `${USERS}/coupons/{coupon_code}/use`,
  params: PathUserCoupon,
  body: Body({
    ...couponRef,
    use_time: DateTime,
    out_request_no: RequestNo(40),
    store_id: Type.Optional(ObjectId),
    associated_order_info: Type.Optional(Body(associatedOrderInfoProps)),
    associated_pay_score_order_info: Type.Optional(Body(associatedPayScoreOrderInfoProps)),
    saved_amount: Type.Optional(Fen()),
  }),
  response: UserProductCoupon,
  rate: 'user',
});
export type UseUserCouponBody = Static<typeof useUserCoupon.body>;

/**
 * The order rules of `use` that a schema cannot say (核销用户商品券): exactly one of the two order
 * objects; inside it at least one order number; with the merchant's order number, `mchid` and (provider
 * mode) `sub_mchid`. Returns the offending field path, if any.
 */
export function useOrderProblem(body: UseUserCouponBody): string | undefined {
  const order = body.associated_order_info;
  const payScore = body.associated_pay_score_order_info;
  if ((order === undefined) === (payScore === undefined)) return '/associated_order_info';
  if (order) return orderIdsProblem('/associated_order_info', order.transaction_id, order.out_trade_no, order);
  return orderIdsProblem('/associated_pay_score_order_info', payScore?.order_id, payScore?.out_order_no, payScore);
}

function orderIdsProblem(
  at: string,
  wechatNo: string | undefined,
  merchantNo: string | undefined,
  owner: { mchid?: string; sub_mchid?: string } | undefined,
): string | undefined {
  if (wechatNo === undefined && merchantNo === undefined) return at;
  if (merchantNo === undefined) return undefined;
  if (owner?.mchid === undefined) return `${at}/mchid`;
  if (owner.sub_mchid === undefined) return `${at}/sub_mchid`;
  return undefined;
}

/** 退券 */
export const returnUserCoupon = defineEndpoint({
  name: 'returnUserCoupon',
  summary: '退券',
  method: 'POST',
  path: `${USERS}/coupons/{coupon_code}/return`,
  params: PathUserCoupon,
  body: Body({ ...couponRef, out_request_no: RequestNo(40) }),
  response: UserProductCoupon,
  rate: 'user',
});
export type ReturnUserCouponBody = Static<typeof returnUserCoupon.body>;

/** 失效用户商品券组 */
export const deactivateUserCouponBundle = defineEndpoint({
  name: 'deactivateUserCouponBundle',
  summary: '失效用户商品券组',
  method: 'POST',
  path: `${USERS}/coupon-bundles/{user_coupon_bundle_id}/deactivate`,
  params: Type.Object({ openid: OpenId, user_coupon_bundle_id: ObjectId }),
  body: Body({
    product_coupon_id: ObjectId,
    stock_bundle_id: ObjectId,
    appid: AppId,
    out_request_no: RequestNo(40),
    deactivate_reason: Chars(150, 1),
    brand_id: BrandId,
  }),
  response: Type.Object({
    user_coupon_bundle_id: ObjectId,
    user_product_coupon_list: Type.Array(UserProductCouponOfDeactivatedBundle),
  }),
  rate: 'user',
});
export type DeactivateUserCouponBundleBody = Static<typeof deactivateUserCouponBundle.body>;
export type DeactivateUserCouponBundleResponse = Static<typeof deactivateUserCouponBundle.response>;

/** 失效用户商品券 (single-mode coupons only, D-107) */
export const deactivateUserCoupon = defineEndpoint({
  name: 'deactivateUserCoupon',
  summary: '失效用户商品券',
  method: 'POST',
  path: `${USERS}/coupons/{coupon_code}/deactivate`,
  params: PathUserCoupon,
  body: Body({ ...couponRef, out_request_no: RequestNo(40), deactivate_reason: Chars(150, 1) }),
  response: UserProductCoupon,
  rate: 'user',
});
export type DeactivateUserCouponBody = Static<typeof deactivateUserCoupon.body>;
