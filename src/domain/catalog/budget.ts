import type { CouponError } from '../errors.js';
import { badParam, breaksRule, refused } from './fail.js';
import type { BudgetFacts, UpdateBudgetInput } from './types.js';

/** 修改商品券批次组发放预算: one dimension per call, optimistic check on the old value. */

export const BudgetMessages = {
  staleMaxCount: '商品券批次总预算旧值已无效，请使用最新的投放预算值',
  staleMaxCountPerDay: '商品券批次当前每日发放次数上限与真实值不符',
} as const;

const DIMENSION = {
  MAX_COUNT: ['current_max_count', 'target_max_count'],
  MAX_COUNT_PER_DAY: ['current_max_count_per_day', 'target_max_count_per_day'],
} as const;

export type BudgetDimension = 'max_count' | 'max_count_per_day';

/** The change to apply to every stock of the bundle that carries the dimension. */
export type BudgetTarget = { max_count: number } | { max_count_per_day: number };

/**
 * Why a budget change is refused, wherever the rule runs (the service before its write, the store inside it):
 * `current_*` is no longer the real value (`actual`, null when no stock carries the dimension), the target is below
 * what was issued, or a daily cap is asked of a bundle created without one.
 */
export type BudgetRefusal =
  | { reason: 'stale'; actual: number | null }
  | { reason: 'below_issued'; issued: number }
  | { reason: 'no_daily_cap' };

/** D-11, the one budget rule: `current` and `issued` as they are now, `expected` and `target` as the caller asks. */
export function budgetRefusal(current: number, issued: number, expected: number, target: number): BudgetRefusal | null {
  if (current !== expected) return { reason: 'stale', actual: current };
  if (target < issued) return { reason: 'below_issued', issued };
  return null;
}

/** The one table from refusals to WeChat's answers. */
export function budgetRefusalError(
  refusal: BudgetRefusal,
  dimension: BudgetDimension,
  expected: number,
  target: number,
): CouponError {
  const total = dimension === 'max_count';
  switch (refusal.reason) {
    case 'stale':
      return total
        ? refused('/current_max_count', BudgetMessages.staleMaxCount, expected)
        : refused('/current_max_count_per_day', BudgetMessages.staleMaxCountPerDay, expected);
    case 'below_issued':
      return total
        ? breaksRule('/target_max_count', `不能小于已发放数量 ${refusal.issued}`, target)
        : breaksRule('/target_max_count_per_day', `不能小于今日已发放数量 ${refusal.issued}`, target);
    case 'no_daily_cap':
      return breaksRule('/update_mode', '创建时未设置每日发放上限的批次组不能设置每日发放上限', 'MAX_COUNT_PER_DAY');
  }
}

/** The presence rules of `update_mode`: its two fields given, the other two not (input validation, D-4). */
export function checkUpdateModeFields(input: UpdateBudgetInput): void {
  const mode = input.update_mode;
  for (const [other, fields] of Object.entries(DIMENSION)) {
    for (const field of fields) {
      const value = input[field];
      if (other === mode && value === undefined) throw badParam(`/${field}`, `update_mode 为 ${mode} 时必填`);
      if (other !== mode && value !== undefined)
        throw badParam(`/${field}`, `update_mode 为 ${mode} 时不可填写`, value);
    }
  }
}

/** Returns the change to apply to every stock of the bundle, or throws WeChat's answer for the refusal. */
export function checkUpdateBudget(input: UpdateBudgetInput, facts: BudgetFacts): BudgetTarget {
  checkUpdateModeFields(input);
  const total = input.update_mode === 'MAX_COUNT';
  const dimension: BudgetDimension = total ? 'max_count' : 'max_count_per_day';
  const expected = (total ? input.current_max_count : input.current_max_count_per_day)!;
  const target = (total ? input.target_max_count : input.target_max_count_per_day)!;
  const current = total ? facts.max_count : facts.max_count_per_day;
  const refusal: BudgetRefusal | null =
    current === undefined
      ? { reason: 'no_daily_cap' }
      : budgetRefusal(current, total ? facts.issued_total : facts.issued_today, expected, target);
  if (refusal) throw budgetRefusalError(refusal, dimension, expected, target);
  return total ? { max_count: target } : { max_count_per_day: target };
}
