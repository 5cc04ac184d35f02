import type { UserCouponState } from '../issuance.js';

interface CouponState {
  couponCode: string;
  state: UserCouponState;
}

/** Whether a bundle still has exactly the coupons, in the states, that were read (`DeactivateBundleCommand`). */
export function unchangedSinceRead(expected: CouponState[], actual: { coupon_code: string; state: string }[]): boolean {
  const wanted = new Map(expected.map((e) => [e.couponCode, e.state]));
  return actual.length === wanted.size && actual.every((a) => wanted.get(a.coupon_code) === a.state);
}
