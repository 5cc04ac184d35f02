import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { MAX_BUDGET, MAX_PER_USER } from '../../domain/caps.js';
import { STOCK_STATES } from '../../domain/states.js';
import { Body, BrandId, literals, ObjectId } from '../common.js';
import {
  CouponAvailablePeriod,
  CouponDisplayInfo,
  DeactivateFields,
  DiscountCoupon,
  ExchangeCoupon,
  NormalCoupon,
  SingleUsageRule,
  StockNotifyConfig,
  StoreScope,
  Text,
  UsageRuleDisplayInfo,
} from './product-coupon.js';

/** WeChat's Stock object and its parts. */

export const StockState = literals(STOCK_STATES);
/** Bundles only offer WECHATPAY and UPLOAD; API_ASSIGN exists for single-mode stocks. */
export const BundleCouponCodeMode = Type.Union([Type.Literal('WECHATPAY'), Type.Literal('UPLOAD')]);
export const CouponCodeMode = Type.Union([
  Type.Literal('WECHATPAY'),
  Type.Literal('UPLOAD'),
  Type.Literal('API_ASSIGN'),
]);

const sendRule = (obj: <T extends TProperties>(props: T) => TObject<T>) =>
  obj({
    max_count: Type.Integer({ minimum: 1, maximum: MAX_BUDGET }),
    max_count_per_day: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BUDGET })),
    max_count_per_user: Type.Integer({ minimum: 1, maximum: MAX_PER_USER }),
  });
const StockSendRule = sendRule((props) => Type.Object(props));
export const StockSendRuleInput = sendRule(Body);

const RoundRule = {
  coupon_available_period: CouponAvailablePeriod,
  normal_coupon: Type.Optional(NormalCoupon),
  discount_coupon: Type.Optional(DiscountCoupon),
  exchange_coupon: Type.Optional(ExchangeCoupon),
};

export const StockBundleInfo = Type.Object({
  stock_bundle_id: ObjectId,
  stock_bundle_index: Type.Integer({ minimum: 0 }),
});

const SentCountInfo = Type.Object({
  total_count: Type.Integer({ minimum: 0 }),
  today_count: Type.Integer({ minimum: 0 }),
});

const CouponCodeCountInfo = Type.Object({
  total_count: Type.Integer({ minimum: 0 }),
  available_count: Type.Integer({ minimum: 0 }),
});

/** WeChat's Stock object. */
export const Stock = Type.Object({
  product_coupon_id: ObjectId,
  stock_id: ObjectId,
  remark: Type.Optional(Text(20, 0)),
  coupon_code_mode: CouponCodeMode,
  coupon_code_count_info: Type.Optional(CouponCodeCountInfo),
  stock_send_rule: StockSendRule,
  single_usage_rule: Type.Optional(SingleUsageRule),
  progressive_bundle_usage_rule: Type.Optional(Type.Object(RoundRule)),
  stock_bundle_info: Type.Optional(StockBundleInfo),
  usage_rule_display_info: UsageRuleDisplayInfo,
  coupon_display_info: CouponDisplayInfo,
  notify_config: StockNotifyConfig,
  store_scope: StoreScope,
  sent_count_info: SentCountInfo,
  state: StockState,
  ...DeactivateFields,
  brand_id: BrandId,
});

/** The answer of create (inside the product coupon), add-bundle, modify-bundle and update-budget. */
export const StockBundle = Type.Object({
  stock_bundle_id: ObjectId,
  stock_list: Type.Array(Stock),
});

export type StockT = Static<typeof Stock>;
export type StockBundleT = Static<typeof StockBundle>;
