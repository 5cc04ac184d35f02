import { type Static, Type } from '@sinclair/typebox';
import { Body, BrandId, ObjectId, Query, RequestNo } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { CouponType, Input, ProductCoupon, Scope, Text, UsageMode } from './objects/product-coupon.js';
import { StockBundle } from './objects/stock.js';
import { StockBundleInput } from './stock-bundles.js';

/** 创建商品券, 查询 / 修改 / 失效商品券 */

/** Fields of the single-coupon variant of create; accepted as-is so the service can answer 501 (D-22). */
const SingleModeField = Type.Optional(
  Type.Object({}, { additionalProperties: true, description: 'single-coupon mode (not implemented, D-22)' }),
);

export const CreateProductCouponBody = Body({
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
  single_usage_info: SingleModeField,
  stock: SingleModeField,
  brand_id: BrandId,
});
export type CreateProductCouponBodyT = Static<typeof CreateProductCouponBody>;

export const CreatedProductCoupon = Type.Object({ ...ProductCoupon.properties, stock_bundle: StockBundle });

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
