import type { BudgetChange, BudgetDimension, StockRecord } from '../catalog.js';

export type BudgetStock = Pick<StockRecord, 'stockId' | 'maxCount' | 'maxCountPerDay' | 'totalCount' | 'todayCount'>;

/**
 * Whether a bundle's budget `dimension` may change from `expected` to `target` (see `updateBundleBudget`), and the
 * stocks that carry it: stale unless every carrier still holds `expected`, refused when `target` is below the
 * most any carrier issued (the total for `max_count`, the day's count for `max_count_per_day`).
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
  const stale = carriers.find((s) => current(s) !== expected);
  if (carriers.length === 0 || stale)
    return { change: { ok: false, reason: 'stale', actual: stale ? current(stale) : null }, carriers: ids };
  const issued = Math.max(...carriers.map((s) => (dimension === 'max_count' ? s.totalCount : s.todayCount)));
  if (target < issued) return { change: { ok: false, reason: 'below_issued', issued }, carriers: ids };
  return { change: { ok: true }, carriers: ids };
}
