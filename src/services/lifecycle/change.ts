import type { UserCouponRecord, UserCouponState } from '../../store/issuance.js';
import type { CouponTransition } from '../../store/lifecycle.js';

/** The coupon as it will be after a transition, and the compare-and-set write that gets it there. */
export function changeCoupon(
  coupon: UserCouponRecord,
  to: UserCouponState,
  detail: Record<string, unknown>,
  at: string,
): { updated: UserCouponRecord; transition: CouponTransition } {
  return {
    updated: { ...coupon, state: to, detail, updatedAt: at },
    transition: { couponCode: coupon.couponCode, from: coupon.state, to, detail, updatedAt: at },
  };
}
