import type { UserProductCoupon } from '../../schemas/objects/user-coupon.js';
import type { UserCouponBundleRecord, UserCouponRecord } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { renderUserCoupon } from '../issuance/view.js';

/**
 * A user coupon as confirm, use, return, deactivate, query and list answer it: `user_product_coupon_bundle_info`
 * only for a `PROGRESSIVE_BUNDLE` coupon, as WeChat's field tables say; a single coupon shows no bundle (D-106).
 */
export async function userCouponAnswer(
  deps: ServiceDeps,
  coupon: UserCouponRecord,
  bundle?: UserCouponBundleRecord,
): Promise<UserProductCoupon> {
  const answer = await renderUserCoupon(deps, coupon, bundle);
  if (answer.product_coupon.usage_mode === 'PROGRESSIVE_BUNDLE') return answer;
  const { user_product_coupon_bundle_info: _bundle, ...single } = answer;
  return single;
}
