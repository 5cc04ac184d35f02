import type { UserCouponQuery } from '../issuance.js';
import { stateAtCondition } from '../rules/coupon-time.js';
import { type Dialect, parameters } from './statements.js';

/**
 * The `WHERE` of 指定券状态查询用户商品券列表 and its parameters: the given filters joined by AND, the state as the
 * coupons read at `now` (D-109), so the list needs no sweep before it.
 */
export function userCouponWhere(q: UserCouponQuery, dialect: Dialect): { where: string; values: string[] } {
  const { values, arg } = parameters(dialect);
  const equal: [string, string | undefined][] = [
    ['brand_id', q.brandId],
    ['openid', q.openid],
    ['mchid', q.mchid],
    ['product_coupon_id', q.productCouponId],
    ['stock_id', q.stockId],
    ['user_coupon_bundle_id', q.userCouponBundleId],
  ];
  const conditions = equal.flatMap(([column, value]) => (value === undefined ? [] : [`${column} = ${arg(value)}`]));
  if (q.state) conditions.push(stateAtCondition(q.state, q.now, arg));
  return { where: `WHERE ${conditions.join(' AND ')}`, values };
}
