import type { UserCouponQuery } from '../issuance.js';
import type { Filters } from './statements.js';

export const userCouponFilters = (q: UserCouponQuery): Filters => [
  ['brand_id', q.brandId],
  ['openid', q.openid],
  ['mchid', q.mchid],
  ['state', q.state],
  ['product_coupon_id', q.productCouponId],
  ['stock_id', q.stockId],
  ['user_coupon_bundle_id', q.userCouponBundleId],
];
