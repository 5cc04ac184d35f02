import type { UserCouponState } from './states.js';

/**
 * The state a coupon is in at `now` (D-14): time-driven moves (PENDING → EFFECTIVE at the begin time, PENDING or
 * EFFECTIVE → EXPIRED after the end time) are applied on every read, so queries are exact between sweeps.
 */
export function stateAt(state: UserCouponState, validBegin: string, validEnd: string, now: Date): UserCouponState {
  if (state !== 'PENDING' && state !== 'EFFECTIVE') return state;
  if (now.getTime() > Date.parse(validEnd)) return 'EXPIRED';
  if (state === 'PENDING' && now.getTime() >= Date.parse(validBegin)) return 'EFFECTIVE';
  return state;
}
