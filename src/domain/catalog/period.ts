import { parseRfc3339 } from '../clock.js';
import { badParam } from './fail.js';
import type { AvailablePeriodInput } from './types.js';

/** The rules of `coupon_available_period` (docs/decisions.md, Catalog: Periods). */

const MAX_PERIOD_DAYS = 365;
const DAY_MS = 86_400_000;

function time(field: string, text: string): number {
  const at = parseRfc3339(text);
  if (at === null) throw badParam(field, '不是合法的 RFC3339 时间', text);
  return at.getTime();
}

/** Non-empty intervals that do not overlap (touching ends are allowed). */
function checkIntervals(intervals: { begin: number; end: number; field: string }[], what: string): void {
  for (const { begin, end, field } of intervals) {
    if (begin >= end) throw badParam(`${field}/end_time`, `${what}的 end_time 必须晚于 begin_time`);
  }
  const sorted = [...intervals].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.begin < sorted[i - 1]!.end) throw badParam(sorted[i]!.field, `${what}之间不能重叠`);
  }
}

export function checkAvailablePeriod(period: AvailablePeriodInput, base: string): void {
  const begin = time(`${base}/available_begin_time`, period.available_begin_time);
  const end = time(`${base}/available_end_time`, period.available_end_time);
  if (end <= begin) throw badParam(`${base}/available_end_time`, '必须晚于 available_begin_time');
  if (end - begin > MAX_PERIOD_DAYS * DAY_MS) {
    throw badParam(`${base}/available_end_time`, `与 available_begin_time 的间隔不能超过${MAX_PERIOD_DAYS}天`);
  }

  const has = {
    available_days: period.available_days !== undefined,
    wait_days_after_receive: period.wait_days_after_receive !== undefined,
    weekly_available_period: period.weekly_available_period !== undefined,
    irregular_available_period_list: period.irregular_available_period_list !== undefined,
  };
  if (has.wait_days_after_receive && !has.available_days) {
    throw badParam(`${base}/available_days`, '填写 wait_days_after_receive 时必填');
  }
  if (has.irregular_available_period_list) {
    for (const other of ['available_days', 'wait_days_after_receive', 'weekly_available_period'] as const) {
      if (has[other]) throw badParam(`${base}/${other}`, '不能与 irregular_available_period_list 同时填写');
    }
  }
  if (period.available_seconds !== undefined) {
    for (const [other, present] of Object.entries(has)) {
      if (present) throw badParam(`${base}/${other}`, '不能与 available_seconds 同时填写');
    }
  }

  const weekly = period.weekly_available_period;
  if (weekly?.day_period_list !== undefined) {
    if (weekly.day_list === undefined) {
      throw badParam(`${base}/weekly_available_period/day_list`, '填写 day_period_list 时必填');
    }
    checkIntervals(
      weekly.day_period_list.map((p, i) => ({
        begin: p.begin_time,
        end: p.end_time,
        field: `${base}/weekly_available_period/day_period_list/${i}`,
      })),
      '每日可用时间段',
    );
  }
  if (period.irregular_available_period_list !== undefined) {
    checkIntervals(
      period.irregular_available_period_list.map((p, i) => {
        const field = `${base}/irregular_available_period_list/${i}`;
        return { begin: time(`${field}/begin_time`, p.begin_time), end: time(`${field}/end_time`, p.end_time), field };
      }),
      '不规则可用时间段',
    );
  }
}
