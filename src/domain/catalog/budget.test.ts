import { describe, expect, it } from 'vitest';
import { expectFailure } from '../../../test/helpers/expect-failure.js';
import { BudgetMessages, checkUpdateBudget } from './budget.js';
import type { BudgetFacts } from './types.js';

describe('update budget (修改商品券批次组发放预算)', () => {
  const facts: BudgetFacts = { max_count: 1000, max_count_per_day: 100, issued_total: 400, issued_today: 30 };

  it('changes one dimension', () => {
    expect(
      checkUpdateBudget({ update_mode: 'MAX_COUNT', current_max_count: 1000, target_max_count: 400 }, facts),
    ).toEqual({
      max_count: 400,
    });
    expect(
      checkUpdateBudget(
        { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 100, target_max_count_per_day: 30 },
        facts,
      ),
    ).toEqual({ max_count_per_day: 30 });
  });

  it('needs the fields of its mode and no others', () => {
    expectFailure(
      () => checkUpdateBudget({ update_mode: 'MAX_COUNT', target_max_count: 5 }, facts),
      'PARAM_ERROR',
      '/current_max_count',
    );
    expectFailure(
      () => checkUpdateBudget({ update_mode: 'MAX_COUNT', current_max_count: 5 }, facts),
      'PARAM_ERROR',
      '/target_max_count',
    );
    expectFailure(
      () =>
        checkUpdateBudget(
          { update_mode: 'MAX_COUNT', current_max_count: 1000, target_max_count: 900, target_max_count_per_day: 5 },
          facts,
        ),
      'PARAM_ERROR',
      '/target_max_count_per_day',
    );
    expectFailure(
      () => checkUpdateBudget({ update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 100 }, facts),
      'PARAM_ERROR',
      '/target_max_count_per_day',
    );
  });

  it('refuses a stale current value with the documented message', () => {
    const total = expectFailure(
      () => checkUpdateBudget({ update_mode: 'MAX_COUNT', current_max_count: 999, target_max_count: 2000 }, facts),
      'INVALID_REQUEST',
    );
    expect(total.message).toBe(BudgetMessages.staleMaxCount);
    expect(total.detail?.field).toBe('/current_max_count');
    const daily = expectFailure(
      () =>
        checkUpdateBudget(
          { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 99, target_max_count_per_day: 200 },
          facts,
        ),
      'INVALID_REQUEST',
    );
    expect(daily.message).toBe(BudgetMessages.staleMaxCountPerDay);
  });

  it('never goes below what was issued', () => {
    expectFailure(
      () => checkUpdateBudget({ update_mode: 'MAX_COUNT', current_max_count: 1000, target_max_count: 399 }, facts),
      'INVALID_REQUEST',
      '/target_max_count',
    );
    expectFailure(
      () =>
        checkUpdateBudget(
          { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 100, target_max_count_per_day: 29 },
          facts,
        ),
      'INVALID_REQUEST',
      '/target_max_count_per_day',
    );
  });

  it('cannot give a daily cap to a bundle created without one', () => {
    expectFailure(
      () =>
        checkUpdateBudget(
          { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 100, target_max_count_per_day: 100 },
          { ...facts, max_count_per_day: undefined },
        ),
      'INVALID_REQUEST',
      '/update_mode',
    );
  });
});
