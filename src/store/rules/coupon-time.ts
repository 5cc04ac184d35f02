import { toRfc3339 } from '../../domain/clock.js';
import type { UserCouponState } from '../../domain/states.js';

/**
 * Bounds of `advanceCouponStates` at `now`. Stored times are whole seconds in toRfc3339's fixed format, so they
 * compare as text: `end < now` holds exactly when `end < expireBefore` (`now + 999 ms`), and `begin <= now` when
 * `begin <= at`; `at` is also the new `updated_at`.
 */
export function couponTimeBounds(now: Date): { at: string; expireBefore: string } {
  return { at: toRfc3339(now), expireBefore: toRfc3339(new Date(now.getTime() + 999)) };
}

/**
 * SQL that holds for a `user_coupons` row exactly when `stateAt` gives `state` at `now` (D-14, D-109): a filter on
 * the state the coupon has now, whether or not the sweep has stored it yet. `arg` adds a parameter and names it.
 */
export function stateAtCondition(state: UserCouponState, now: Date, arg: (value: string) => string): string {
  const { at, expireBefore } = couponTimeBounds(now);
  switch (state) {
    case 'EXPIRED':
      return `(state = 'EXPIRED' OR (state IN ('PENDING', 'EFFECTIVE') AND valid_end_time < ${arg(expireBefore)}))`;
    case 'EFFECTIVE':
      return `(state IN ('PENDING', 'EFFECTIVE') AND valid_end_time >= ${arg(expireBefore)} AND (state = 'EFFECTIVE' OR valid_begin_time <= ${arg(at)}))`;
    case 'PENDING':
      return `(state = 'PENDING' AND valid_end_time >= ${arg(expireBefore)} AND valid_begin_time > ${arg(at)})`;
    default:
      return `state = ${arg(state)}`;
  }
}
