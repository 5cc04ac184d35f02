import type { BudgetChange, BudgetDimension, CatalogStore, StockRecord } from '../catalog.js';
import { planBudgetChange } from '../rules/budget.js';
import type { catalogQueries } from '../typed/catalog.js';
import type { RequestRecords } from '../typed/requests.js';
import { prepare } from '../typed/statement.js';
import { all, type Engine, RollbackWith, run } from '../typed/work.js';

/**
 * Budget changes on SQLite. Per dialect because it is a contended transaction: here the write transaction already
 * excludes every other writer, so the stocks are read and changed without row locks.
 */
export function sqliteBudget(
  e: Engine,
  requests: RequestRecords,
  catalog: ReturnType<typeof catalogQueries>,
): Pick<CatalogStore, 'updateBundleBudget' | 'updateStockBudget'> {
  const { k } = e;
  type Change = { stockId: string; target: number; at: string; day: string };
  const q = {
    max_count: prepare((a: Change) =>
      k.updateTable('stocks').set({ max_count: a.target, updated_at: a.at }).where('stock_id', '=', a.stockId),
    ),
    max_count_per_day: prepare((a: Change) =>
      k.updateTable('stocks').set({ max_count_per_day: a.target, updated_at: a.at }).where('stock_id', '=', a.stockId),
    ),
    dayCap: prepare((a: Change) =>
      k
        .updateTable('stock_day_counts')
        .set({ cap: a.target })
        .where('stock_id', '=', a.stockId)
        .where('day', '=', a.day),
    ),
  };
  /** Plans against `stocks` and changes the carriers, inside the caller's write transaction. */
  function* applyChange(
    stocks: StockRecord[],
    dimension: BudgetDimension,
    expected: number,
    target: number,
    day: string,
    at: string,
  ) {
    const { change, carriers } = planBudgetChange(stocks, dimension, expected, target);
    // A refused change records nothing, so the request number stays free for a corrected retry (D-5).
    if (!change.ok) throw new RollbackWith({ ran: true, value: change });
    for (const stockId of carriers) {
      yield* run(q[dimension], { stockId, target, at, day });
      if (dimension === 'max_count_per_day') yield* run(q.dayCap, { stockId, target, at, day });
    }
    return change as BudgetChange;
  }
  return {
    updateBundleBudget: (request, stockBundleId, dimension, expected, target, day, at) =>
      e.write(() =>
        requests.guarded(request, function* () {
          const stocks = (yield* all(catalog.q.bundleStocks, { stockBundleId, day })).map(catalog.toStock);
          return yield* applyChange(stocks, dimension, expected, target, day, at);
        }),
      ),
    updateStockBudget: (request, stockId, dimension, expected, target, day, at) =>
      e.write(() =>
        requests.guarded(request, function* () {
          const stocks = (yield* all(catalog.q.getStock, { stockId, day })).map(catalog.toStock);
          return yield* applyChange(stocks, dimension, expected, target, day, at);
        }),
      ),
  };
}
