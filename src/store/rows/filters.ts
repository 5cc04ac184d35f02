import type { StockQuery } from '../catalog.js';
import type { UserCouponQuery } from '../issuance.js';
import type { DeliveryQuery } from '../lifecycle.js';
import type { Filters } from './statements.js';

/** On alias `s` of `stocks`. */
export const stockFilters = (q: StockQuery): Filters => [
  ['s.product_coupon_id', q.productCouponId],
  ['s.stock_bundle_id', q.stockBundleId],
  ['s.state', q.state],
];

export const userCouponFilters = (q: UserCouponQuery): Filters => [
  ['brand_id', q.brandId],
  ['openid', q.openid],
  ['mchid', q.mchid],
  ['state', q.state],
  ['product_coupon_id', q.productCouponId],
  ['stock_id', q.stockId],
  ['user_coupon_bundle_id', q.userCouponBundleId],
];

export const deliveryFilters = (q: DeliveryQuery): Filters => [
  ['state', q.state],
  ['mchid', q.mchid],
];
