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

export type BudgetChange = { max_count: number } | { max_count_per_day: number };

/** Returns the change to apply to every stock of the bundle, or throws. */
export function checkUpdateBudget(input: UpdateBudgetInput, facts: BudgetFacts): BudgetChange {
  const mode = input.update_mode;
  for (const [other, fields] of Object.entries(DIMENSION)) {
    for (const field of fields) {
      const value = input[field];
      if (other === mode && value === undefined) throw badParam(`/${field}`, `update_mode 为 ${mode} 时必填`);
      if (other !== mode && value !== undefined)
        throw badParam(`/${field}`, `update_mode 为 ${mode} 时不可填写`, value);
    }
  }

  if (mode === 'MAX_COUNT') {
    const current = input.current_max_count!;
    const target = input.target_max_count!;
    if (current !== facts.max_count) throw refused('/current_max_count', BudgetMessages.staleMaxCount, current);
    if (target < facts.issued_total) {
      throw breaksRule('/target_max_count', `不能小于已发放数量 ${facts.issued_total}`, target);
    }
    return { max_count: target };
  }

  const current = input.current_max_count_per_day!;
  const target = input.target_max_count_per_day!;
  if (facts.max_count_per_day === undefined) {
    throw breaksRule('/update_mode', '创建时未设置每日发放上限的批次组不能设置每日发放上限', mode);
  }
  if (current !== facts.max_count_per_day) {
    throw refused('/current_max_count_per_day', BudgetMessages.staleMaxCountPerDay, current);
  }
  if (target < facts.issued_today) {
    throw breaksRule('/target_max_count_per_day', `不能小于今日已发放数量 ${facts.issued_today}`, target);
  }
  return { max_count_per_day: target };
}
