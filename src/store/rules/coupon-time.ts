import { toRfc3339 } from '../../domain/clock.js';

/**
 * Bounds of `advanceCouponStates` at `now`. Stored times are whole seconds in toRfc3339's fixed format, so they
 * compare as text: `end < now` holds exactly when `end < expireBefore` (`now + 999 ms`), and `begin <= now` when
 * `begin <= at`; `at` is also the new `updated_at`.
 */
export function couponTimeBounds(now: Date): { at: string; expireBefore: string } {
  return { at: toRfc3339(now), expireBefore: toRfc3339(new Date(now.getTime() + 999)) };
}
