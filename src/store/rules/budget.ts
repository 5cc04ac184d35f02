import { budgetRefusal } from '../../domain/catalog/budget.js';
import type { BudgetChange, BudgetDimension, StockRecord } from '../catalog.js';

export type BudgetStock = Pick<StockRecord, 'stockId' | 'maxCount' | 'maxCountPerDay' | 'totalCount' | 'todayCount'>;

/**
 * The budget rule (`budgetRefusal`, D-11) applied to the stocks as the store's transaction reads them, and the stocks
 * that carry `dimension`: stale unless every carrier still holds `expected`, refused when `target` is below the most
 * any carrier issued (the total for `max_count`, the day's count for `max_count_per_day`).
 */
export function planBudgetChange(
  stocks: BudgetStock[],
  dimension: BudgetDimension,
  expected: number,
  target: number,
): { change: BudgetChange; carriers: string[] } {
  const current = (s: BudgetStock) => (dimension === 'max_count' ? s.maxCount : s.maxCountPerDay);
  const carriers = stocks.filter((s) => current(s) !== null);
  const ids = carriers.map((s) => s.stockId);
  if (carriers.length === 0) return { change: { ok: false, reason: 'stale', actual: null }, carriers: ids };
  const stale = carriers.find((s) => current(s) !== expected);
  const issued = Math.max(...carriers.map((s) => (dimension === 'max_count' ? s.totalCount : s.todayCount)));
  const refusal = budgetRefusal(stale ? current(stale)! : expected, issued, expected, target);
  return { change: refusal ? { ok: false, ...refusal } : { ok: true }, carriers: ids };
}
