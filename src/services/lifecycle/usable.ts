import { parseRfc3339 } from '../../domain/clock.js';
import type { CouponAvailablePeriodT } from '../../schemas/objects/product-coupon.js';

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/**
 * Whether an EFFECTIVE coupon can be used at `now` within its validity (docs/decisions.md, Catalog: Periods): inside one of the
 * irregular periods, or on a listed weekday and inside one of its day periods (Asia/Shanghai wall time).
 */
export function usableAt(period: CouponAvailablePeriodT | undefined, now: Date): boolean {
  if (!period) return true;
  const irregular = period.irregular_available_period_list;
  if (irregular?.length)
    return irregular.some((p) => parseRfc3339(p.begin_time)! <= now && now <= parseRfc3339(p.end_time)!);
  const weekly = period.weekly_available_period;
  if (!weekly) return true;
  const local = new Date(now.getTime() + 8 * 3600_000);
  const weekday = WEEKDAYS[local.getUTCDay()]!;
  if (!(weekly.day_list as readonly string[]).includes(weekday)) return false;
  const second = local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds();
  const periods = weekly.day_period_list;
  return !periods?.length || periods.some((p) => p.begin_time <= second && second <= p.end_time);
}
