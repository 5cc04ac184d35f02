import type { AvailablePeriodInput } from './catalog/types.js';
import { parseRfc3339, shanghaiMidnight } from './clock.js';

export interface Validity {
  begin: Date;
  end: Date;
}

/**
 * When a coupon can be used (D-14). `from` is when the round became available: the receive
 * time for round 0, 00:00+08:00 of the day `interval_days` after the previous round was used for later rounds.
 */
export function couponValidity(period: AvailablePeriodInput, from: Date): Validity {
  const stockBegin = parseRfc3339(period.available_begin_time)!;
  const stockEnd = parseRfc3339(period.available_end_time)!;
  const start = new Date(Math.max(from.getTime(), stockBegin.getTime()));
  const clip = (v: Validity): Validity => ({
    begin: v.begin,
    end: new Date(Math.max(v.begin.getTime(), Math.min(v.end.getTime(), stockEnd.getTime()))),
  });

  if (period.available_seconds !== undefined)
    return clip({ begin: start, end: new Date(start.getTime() + period.available_seconds * 1000 - 1000) });

  if (period.irregular_available_period_list?.length) {
    const spans = period.irregular_available_period_list.map((p) => ({
      begin: parseRfc3339(p.begin_time)!,
      end: parseRfc3339(p.end_time)!,
    }));
    const later = spans.filter((s) => s.end > start);
    const begin = later[0] ? new Date(Math.max(later[0].begin.getTime(), start.getTime())) : start;
    const end = new Date(Math.max(start.getTime(), ...spans.map((s) => s.end.getTime())));
    return clip({ begin, end });
  }

  if (period.available_days !== undefined) {
    const wait = period.wait_days_after_receive ?? 0;
    const firstDay = wait > 0 ? shanghaiMidnight(start, wait) : start;
    const begin = new Date(Math.max(firstDay.getTime(), stockBegin.getTime()));
    const end = new Date(shanghaiMidnight(begin, period.available_days).getTime() - 1000);
    return clip({ begin, end });
  }

  return clip({ begin: start, end: stockEnd });
}

/** Coupons can be received until the stock ends; received early, they count from the stock's first day. */
export function canStillIssue(period: AvailablePeriodInput, at: Date): boolean {
  return at <= parseRfc3339(period.available_end_time)!;
}
