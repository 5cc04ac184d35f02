import { describe, expect, it } from 'vitest';
import { expectFailure } from '../../../test/helpers/expect-failure.js';
import { checkAvailablePeriod } from './period.js';
import type { AvailablePeriodInput } from './types.js';

const PERIOD = '/coupon_available_period';
const documented = (): AvailablePeriodInput => ({
  available_begin_time: '2025-08-01T00:00:00+08:00',
  available_end_time: '2025-08-31T23:59:59+08:00',
  available_days: 30,
  weekly_available_period: { day_list: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] },
});
const period = (edit: Partial<AvailablePeriodInput>) => () =>
  checkAvailablePeriod({ ...documented(), ...edit }, PERIOD);

describe('coupon_available_period', () => {
  it('needs begin before end, at most 365 days apart', () => {
    expectFailure(
      period({ available_end_time: '2025-08-01T00:00:00+08:00' }),
      'PARAM_ERROR',
      `${PERIOD}/available_end_time`,
    );
    expectFailure(
      period({ available_end_time: '2026-08-01T00:00:01+08:00' }),
      'PARAM_ERROR',
      `${PERIOD}/available_end_time`,
    );
    expect(period({ available_end_time: '2026-08-01T00:00:00+08:00' })).not.toThrow();
    expectFailure(period({ available_begin_time: '2025-08-01' }), 'PARAM_ERROR', `${PERIOD}/available_begin_time`);
  });

  it('wait_days_after_receive needs available_days', () => {
    expectFailure(
      period({ available_days: undefined, wait_days_after_receive: 1 }),
      'PARAM_ERROR',
      `${PERIOD}/available_days`,
    );
    expect(period({ wait_days_after_receive: 1 })).not.toThrow();
  });

  const irregular = [{ begin_time: '2025-08-02T00:00:00+08:00', end_time: '2025-08-03T00:00:00+08:00' }];

  it('irregular periods exclude days, wait days and weekly periods', () => {
    expectFailure(period({ irregular_available_period_list: irregular }), 'PARAM_ERROR', `${PERIOD}/available_days`);
    expectFailure(
      period({ available_days: undefined, irregular_available_period_list: irregular }),
      'PARAM_ERROR',
      `${PERIOD}/weekly_available_period`,
    );
    expect(
      period({
        available_days: undefined,
        weekly_available_period: undefined,
        irregular_available_period_list: irregular,
      }),
    ).not.toThrow();
  });

  it('irregular periods are non-empty and do not overlap', () => {
    const only = (list: typeof irregular) =>
      period({ available_days: undefined, weekly_available_period: undefined, irregular_available_period_list: list });
    const [a] = irregular;
    expectFailure(
      only([{ begin_time: a!.end_time, end_time: a!.begin_time }]),
      'PARAM_ERROR',
      `${PERIOD}/irregular_available_period_list/0/end_time`,
    );
    expectFailure(
      only([a!, { begin_time: '2025-08-02T12:00:00+08:00', end_time: '2025-08-04T00:00:00+08:00' }]),
      'PARAM_ERROR',
      `${PERIOD}/irregular_available_period_list/1`,
    );
    expect(only([a!, { begin_time: a!.end_time, end_time: '2025-08-04T00:00:00+08:00' }])).not.toThrow();
  });

  it('available_seconds excludes every other window', () => {
    expectFailure(period({ available_seconds: 3600 }), 'PARAM_ERROR', `${PERIOD}/available_days`);
    expectFailure(
      period({ available_days: undefined, available_seconds: 3600 }),
      'PARAM_ERROR',
      `${PERIOD}/weekly_available_period`,
    );
    expect(
      period({ available_days: undefined, weekly_available_period: undefined, available_seconds: 7200 }),
    ).not.toThrow();
  });

  it('daily periods need day_list, begin before end, and no overlap', () => {
    const weekly = (
      day_period_list: { begin_time: number; end_time: number }[],
      day_list: string[] | undefined = ['MONDAY'],
    ) => period({ weekly_available_period: { day_list, day_period_list } });
    const base = `${PERIOD}/weekly_available_period`;
    expect(
      weekly([
        { begin_time: 0, end_time: 3600 },
        { begin_time: 3600, end_time: 7200 },
      ]),
    ).not.toThrow();
    expectFailure(
      period({ weekly_available_period: { day_period_list: [{ begin_time: 0, end_time: 1 }] } }),
      'PARAM_ERROR',
      `${base}/day_list`,
    );
    expectFailure(weekly([{ begin_time: 7200, end_time: 3600 }]), 'PARAM_ERROR', `${base}/day_period_list/0/end_time`);
    expectFailure(
      weekly([
        { begin_time: 3600, end_time: 9000 },
        { begin_time: 0, end_time: 7200 },
      ]),
      'PARAM_ERROR',
      `${base}/day_period_list/0`,
    );
  });
});
