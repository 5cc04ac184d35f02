import { shanghaiDay } from '../../domain/clock.js';
import { stateAt } from '../../domain/coupon-state.js';
import type { UserProductCoupon } from '../../schemas/objects/user-coupon.js';
import type { UserCouponBundleRecord, UserCouponRecord } from '../../store/issuance.js';
import { renderProductCoupon, renderStock } from '../catalog/render.js';
import type { ServiceDeps } from '../deps.js';

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
  return {
    coupon_code: c.couponCode,
    coupon_state: stateAt(c.state, c.validBeginTime, c.validEndTime, deps.clock.now()),
    valid_begin_time: c.validBeginTime,
    valid_end_time: c.validEndTime,
    receive_time: c.receiveTime,
    send_request_no: c.sendRequestNo,
    send_channel: c.channel,
    ...(c.detail as Partial<UserProductCoupon>),
    progressive_bundle_usage_detail: (c.detail.progressive_bundle_usage_detail ??
      {}) as UserProductCoupon['progressive_bundle_usage_detail'],
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
