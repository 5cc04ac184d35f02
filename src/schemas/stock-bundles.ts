import { type Static, Type } from '@sinclair/typebox';
import { MAX_BUDGET } from '../domain/caps.js';
import { Body, BrandId, ObjectId, RequestNo } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { Input, StoreScope, Text } from './objects/product-coupon.js';
import { BundleCouponCodeMode, StockBundle, StockSendRuleInput } from './objects/stock.js';

/** 添加商品券批次组, 修改商品券批次组, 修改商品券批次组发放预算 */

const roundList = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Optional(Type.Array(item, { minItems: 1, maxItems: 15 }));

/** The `stock_bundle` of create (创建商品券) and add-bundle (添加商品券批次组); one stock is created per round rule. */
export const StockBundleInput = Body({
  remark: Type.Optional(Text(20, 0)),
  coupon_code_mode: BundleCouponCodeMode,
  stock_send_rule: StockSendRuleInput,
  progressive_bundle_usage_rule: Body({
    coupon_available_period: Input.CouponAvailablePeriod,
    normal_coupon_list: roundList(Input.NormalCoupon),
    discount_coupon_list: roundList(Input.DiscountCoupon),
    exchange_coupon_list: roundList(Input.ExchangeCoupon),
  }),
  usage_rule_display_info: Input.UsageRuleDisplayInfo,
  coupon_display_info: Input.CouponDisplayInfo,
  notify_config: Input.NotifyConfig,
  store_scope: StoreScope,
});
export type StockBundleInputT = Static<typeof StockBundleInput>;

const bundlesPath = `${PARTNER_PREFIX}/product-coupons/{product_coupon_id}/stock-bundles`;
const ProductCouponParams = Type.Object({ product_coupon_id: ObjectId });
const StockBundleParams = Type.Object({ product_coupon_id: ObjectId, stock_bundle_id: ObjectId });

export const addStockBundle = defineEndpoint({
  name: 'addStockBundle',
  summary: '添加商品券批次组',
  method: 'POST',
  path: bundlesPath,
  params: ProductCouponParams,
  body: Body({ out_request_no: RequestNo(), stock_bundle: StockBundleInput, brand_id: BrandId }),
  response: StockBundle,
  rate: 'management',
});

/** The body of 修改商品券批次组 and 修改商品券批次 (single mode): the same settings, for a bundle or one stock. */
export const ModifyStocksBody = Body({
  out_request_no: RequestNo(),
  remark: Type.Optional(Text(20, 0)),
  usage_rule_display_info: Type.Optional(Input.UsageRuleDisplayInfo),
  coupon_display_info: Type.Optional(Input.CouponDisplayInfo),
  notify_config: Type.Optional(Input.NotifyConfig),
  /** Omitted means `NONE` (修改商品券批次组, 修改商品券批次). */
  store_scope: Type.Optional(StoreScope),
  brand_id: BrandId,
});
export type ModifyStocksBodyT = Static<typeof ModifyStocksBody>;

export const modifyStockBundle = defineEndpoint({
  name: 'modifyStockBundle',
  summary: '修改商品券批次组',
  method: 'PATCH',
  path: `${bundlesPath}/{stock_bundle_id}`,
  params: StockBundleParams,
  body: ModifyStocksBody,
  response: StockBundle,
  rate: 'management',
});

const Budget = Type.Integer({ minimum: 1, maximum: MAX_BUDGET });

export const UpdateBudgetBody = Body({
  out_request_no: RequestNo(),
  update_mode: Type.Union([Type.Literal('MAX_COUNT'), Type.Literal('MAX_COUNT_PER_DAY')]),
  current_max_count: Type.Optional(Budget),
  target_max_count: Type.Optional(Budget),
  current_max_count_per_day: Type.Optional(Budget),
  target_max_count_per_day: Type.Optional(Budget),
  brand_id: BrandId,
});
export type UpdateBudgetBodyT = Static<typeof UpdateBudgetBody>;

export const updateStockBundleBudget = defineEndpoint({
  name: 'updateStockBundleBudget',
  summary: '修改商品券批次组发放预算',
  method: 'POST',
  path: `${bundlesPath}/{stock_bundle_id}/update-budget`,
  params: StockBundleParams,
  body: UpdateBudgetBody,
  response: StockBundle,
  rate: 'management',
});
