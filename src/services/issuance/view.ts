import { shanghaiDay } from '../../domain/clock.js';
import { stateAt } from '../../domain/coupon-state.js';
import type { UserCouponState } from '../../domain/states.js';
import {
  EARLIER_USES,
  type UsageDetail,
  type UsageDetailKey,
  usageDetailKey,
  visibleUsage,
} from '../../domain/usage-detail.js';
import type { UserProductCoupon } from '../../schemas/objects/user-coupon.js';
import type { UserCouponBundleRecord, UserCouponRecord } from '../../store/issuance.js';
import { renderProductCoupon, renderStock } from '../catalog/render.js';
import type { ServiceDeps } from '../deps.js';

/**
 * The stored detail as the current answer shows it (D-76): the usage detail of the coupon's mode, with the use fields
 * only while `USED`, and without the earlier uses the store keeps for the coupon's history.
 */
function shownDetail(detail: Record<string, unknown>, state: UserCouponState, key: UsageDetailKey) {
  const { [EARLIER_USES]: _earlier, ...shown } = detail;
  return { ...shown, [key]: visibleUsage(state, (detail[key] ?? {}) as UsageDetail) };
}

/** Stored coupon → WeChat's UserProductCoupon object, with the current product and stock. */
export async function renderUserCoupon(
  deps: ServiceDeps,
  c: UserCouponRecord,
  bundle?: UserCouponBundleRecord | null,
): Promise<
  UserProductCoupon & {
    user_product_coupon_bundle_info: NonNullable<UserProductCoupon['user_product_coupon_bundle_info']>;
  }
> {
  const day = shanghaiDay(deps.clock.now());
  const [product, stock, b] = await Promise.all([
    deps.store.getProductCoupon(c.productCouponId),
    deps.store.getStock(c.stockId, day),
    bundle ? Promise.resolve(bundle) : deps.store.getUserCouponBundle(c.userCouponBundleId),
  ]);
  if (!product || !stock || !b) throw new Error(`user coupon ${c.couponCode} refers to missing records`);
  const state = stateAt(c.state, c.validBeginTime, c.validEndTime, deps.clock.now());
  return {
    coupon_code: c.couponCode,
    coupon_state: state,
    valid_begin_time: c.validBeginTime,
    valid_end_time: c.validEndTime,
    receive_time: c.receiveTime,
    send_request_no: c.sendRequestNo,
    send_channel: c.channel,
    ...(shownDetail(c.detail, state, usageDetailKey(product.data.usage_mode)) as Partial<UserProductCoupon>),
    user_product_coupon_bundle_info: {
      user_coupon_bundle_id: b.userCouponBundleId,
      user_coupon_bundle_index: c.index,
      total_count: b.totalCount,
      used_count: b.usedCount,
    },
    product_coupon: renderProductCoupon(product),
    stock: renderStock(stock),
    ...(c.attach !== null ? { attach: c.attach } : {}),
    ...(c.couponTagInfo ? { coupon_tag_info: c.couponTagInfo as UserProductCoupon['coupon_tag_info'] } : {}),
    brand_id: c.brandId,
  };
}
