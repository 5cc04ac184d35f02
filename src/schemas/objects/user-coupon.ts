import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { USER_COUPON_STATES } from '../../domain/states.js';
import { BrandId, Chars, DateTime, Fen, literals, ObjectId, Pattern } from '../common.js';
import { ProductCoupon } from './product-coupon.js';
import { Stock, StockBundleInfo } from './stock.js';

/** The states of a user coupon (docs/lifecycle.md). */
export const UserCouponState = literals(USER_COUPON_STATES);

/** `MEMBER` appears in WeChat's newest SDK pages only, so the set stays open. */
const KNOWN_SEND_CHANNELS = ['BRAND_MANAGE', 'API', 'RECEIVE_COMPONENT', 'MEMBER'] as const;
export const SendChannel = Type.String({
  minLength: 1,
  maxLength: 32,
  examples: [...KNOWN_SEND_CHANNELS],
  description: `发券渠道; known values: ${KNOWN_SEND_CHANNELS.join(', ')}`,
});

export const SendRequestNoEcho = Type.String({ minLength: 1, maxLength: 128 });

/** Field sets shared by request bodies (strict, via `Body`) and responses (open, via `Type.Object`). */
export const associatedOrderInfoProps = {
  transaction_id: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  out_trade_no: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  mchid: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  sub_mchid: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
};
export const associatedPayScoreOrderInfoProps = {
  order_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  out_order_no: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 32,
      ...Pattern('^[0-9A-Za-z_|-]+$', '只能由数字、大小写字母、下划线 _、短横线 -、竖线 | 组成'),
    }),
  ),
  mchid: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  sub_mchid: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
};

const CouponTag = Type.Union([Type.Literal('MEMBER')]);
export const memberTagInfoProps = { member_card_id: Type.String({ maxLength: 64 }) };
export const couponTagInfoProps = <M extends TSchema>(memberTagInfo: M) => ({
  coupon_tag_list: Type.Optional(Type.Array(CouponTag)),
  member_tag_info: Type.Optional(memberTagInfo),
});

const AssociatedOrderInfo = Type.Object(associatedOrderInfoProps);
const AssociatedPayScoreOrderInfo = Type.Object(associatedPayScoreOrderInfoProps);
const CouponTagInfo = Type.Object(couponTagInfoProps(Type.Object(memberTagInfoProps)));

const UsageDetail = Type.Object({
  use_request_no: Type.Optional(Type.String({ maxLength: 40 })),
  use_time: Type.Optional(DateTime),
  return_request_no: Type.Optional(Type.String({ maxLength: 40 })),
  return_time: Type.Optional(DateTime),
  associated_order_info: Type.Optional(AssociatedOrderInfo),
  associated_pay_score_order_info: Type.Optional(AssociatedPayScoreOrderInfo),
  saved_amount: Type.Optional(Fen()),
});

const UserCouponBundleInfo = Type.Object({
  user_coupon_bundle_id: ObjectId,
  user_coupon_bundle_index: Type.Integer({ minimum: 0 }),
  total_count: Type.Integer({ minimum: 0 }),
  used_count: Type.Integer({ minimum: 0 }),
});

const userProductCouponProps = {
  coupon_code: ObjectId,
  coupon_state: UserCouponState,
  valid_begin_time: DateTime,
  valid_end_time: DateTime,
  receive_time: DateTime,
  send_request_no: SendRequestNoEcho,
  send_channel: SendChannel,
  confirm_request_no: Type.Optional(Type.String({ maxLength: 40 })),
  confirm_time: Type.Optional(DateTime),
  deactivate_request_no: Type.Optional(Type.String({ maxLength: 128 })),
  deactivate_time: Type.Optional(DateTime),
  deactivate_reason: Type.Optional(Chars(150)),
  single_usage_detail: Type.Optional(UsageDetail),
  progressive_bundle_usage_detail: Type.Optional(UsageDetail),
  user_product_coupon_bundle_info: Type.Optional(UserCouponBundleInfo),
  product_coupon: ProductCoupon,
  stock: Stock,
  attach: Type.Optional(Chars(150)),
  channel_custom_info: Type.Optional(Chars(1000)),
  coupon_tag_info: Type.Optional(CouponTagInfo),
  brand_id: BrandId,
};

/** WeChat's UserProductCoupon object: confirm / use / return / query responses and list items. */
export const UserProductCoupon = Type.Object(userProductCouponProps);
export type UserProductCoupon = Static<typeof UserProductCoupon>;

/** Items of a send-bundle response (向用户发放商品券批次组): the bundle info is always present. */
export const UserProductCouponInBundle = Type.Object({
  ...userProductCouponProps,
  user_product_coupon_bundle_info: UserCouponBundleInfo,
});
export type UserProductCouponInBundle = Static<typeof UserProductCouponInBundle>;

/** Items of a deactivate-bundle response (失效用户商品券组): bundle info and `stock.stock_bundle_info` always present. */
export const UserProductCouponOfDeactivatedBundle = Type.Object({
  ...userProductCouponProps,
  user_product_coupon_bundle_info: UserCouponBundleInfo,
  stock: Type.Object({ ...Stock.properties, stock_bundle_info: StockBundleInfo }),
});
export type UserProductCouponOfDeactivatedBundle = Static<typeof UserProductCouponOfDeactivatedBundle>;
