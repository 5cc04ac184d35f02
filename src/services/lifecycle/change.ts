import { invalidRequest, Messages, notEnough } from '../../domain/errors.js';
import type { UserCouponRecord, UserCouponState } from '../../store/issuance.js';
import type { CouponTransition, LifecycleOutcome } from '../../store/lifecycle.js';
import { PLAN_AGAIN } from '../requests/pipeline.js';

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

/**
 * What a lifecycle write's outcome means: the planned answer once applied; plan again when the records changed since
 * they were read; a refused next round answers as its counter's limit.
 */
export function settleLifecycle(outcome: LifecycleOutcome): typeof PLAN_AGAIN | undefined {
  if (outcome.kind === 'STALE') return PLAN_AGAIN;
  if (outcome.kind === 'REFUSED')
    throw outcome.counter === 'user' ? invalidRequest(Messages.userLimit) : notEnough(Messages.budget);
  return undefined;
}
