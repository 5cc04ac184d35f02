import { type Static, Type } from '@sinclair/typebox';
import { Body, BrandId, ObjectId, Query, RequestNo } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { CouponType, Input, ProductCoupon, Scope, Text, UsageMode } from './objects/product-coupon.js';
import { Stock, StockBundle } from './objects/stock.js';
import { StockBundleInput } from './stock-bundles.js';
import { SingleStockInput } from './stocks.js';

/** 创建商品券, 查询 / 修改 / 失效商品券 */

const CreateProductCouponBody = Body({
  out_request_no: RequestNo(),
  scope: Scope,
  type: CouponType,
  usage_mode: UsageMode,
  /** Required when `usage_mode=PROGRESSIVE_BUNDLE` (checked by the catalog rules). */
  progressive_bundle_usage_info: Type.Optional(Input.ProgressiveBundleUsageInfo),
  display_info: Input.DisplayInfo,
  out_product_no: Type.Optional(Text(40)),
  /** Required when `usage_mode=PROGRESSIVE_BUNDLE` (checked by the catalog rules). */
  stock_bundle: Type.Optional(StockBundleInput),
  /** `usage_mode=SINGLE`: required when `scope=ALL` (checked by the catalog rules). */
  single_usage_info: Type.Optional(Input.SingleUsageInfo),
  /** Required when `usage_mode=SINGLE` (checked by the catalog rules). */
  stock: Type.Optional(SingleStockInput),
  brand_id: BrandId,
});
export type CreateProductCouponBodyT = Static<typeof CreateProductCouponBody>;

/** `stock_bundle` in PROGRESSIVE_BUNDLE mode, `stock` in SINGLE mode. */
export const CreatedProductCoupon = Type.Object({
  ...ProductCoupon.properties,
  stock_bundle: Type.Optional(StockBundle),
  stock: Type.Optional(Stock),
});

const collection = `${PARTNER_PREFIX}/product-coupons`;
const ProductCouponParams = Type.Object({ product_coupon_id: ObjectId });

export const createProductCoupon = defineEndpoint({
  name: 'createProductCoupon',
  summary: '创建商品券',
  method: 'POST',
  path: collection,
  body: CreateProductCouponBody,
  response: CreatedProductCoupon,
  rate: 'management',
});

export const getProductCoupon = defineEndpoint({
  name: 'getProductCoupon',
  summary: '查询商品券',
  method: 'GET',
  path: `${collection}/{product_coupon_id}`,
  params: ProductCouponParams,
  query: Query({ brand_id: BrandId }),
  response: ProductCoupon,
  rate: 'management',
});

export const modifyProductCoupon = defineEndpoint({
  name: 'modifyProductCoupon',
  summary: '修改商品券',
  method: 'PATCH',
  path: `${collection}/{product_coupon_id}`,
  params: ProductCouponParams,
  body: Body({ out_request_no: RequestNo(), display_info: Input.DisplayInfo, brand_id: BrandId }),
  response: ProductCoupon,
  rate: 'management',
});

export const deactivateProductCoupon = defineEndpoint({
  name: 'deactivateProductCoupon',
  summary: '失效商品券',
  method: 'POST',
  path: `${collection}/{product_coupon_id}/deactivate`,
  params: ProductCouponParams,
  body: Body({
    out_request_no: RequestNo(),
    deactivate_reason: Text(150),
    brand_id: BrandId,
  }),
  response: ProductCoupon,
  rate: 'management',
});
