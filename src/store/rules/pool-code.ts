import type { OutboxEvent, UserCouponRecord } from '../issuance.js';

/** A coupon and its SEND event carrying the code taken from the pool instead of the one generated (D-86). */
export function withCode<T extends { coupon: UserCouponRecord; event: OutboxEvent }>(issue: T, code: string): T {
  return {
    ...issue,
    coupon: { ...issue.coupon, couponCode: code },
    event: { ...issue.event, resource: { ...issue.event.resource, coupon_code: code } },
  };
}
