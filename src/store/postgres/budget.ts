import type { BudgetChange, CatalogStore } from '../catalog.js';
import { type BudgetStock, planBudgetChange } from '../rules/budget.js';
import type { RequestRecords } from '../typed/requests.js';
import { raw } from '../typed/statement.js';
import { all, type Engine, RollbackWith, run } from '../typed/work.js';

const LOCK_STOCKS = (where: string) =>
  raw<[string, string], BudgetStock>(`
SELECT s.stock_id AS "stockId", s.max_count AS "maxCount", s.max_count_per_day AS "maxCountPerDay",
  s.total_count AS "totalCount", COALESCE(d.count, 0) AS "todayCount"
FROM stocks s LEFT JOIN stock_day_counts d ON d.stock_id = s.stock_id AND d.day = $2
WHERE ${where} ORDER BY s.idx FOR UPDATE OF s`);
const LOCK_BUNDLE_STOCKS = LOCK_STOCKS('s.stock_bundle_id = $1');
const LOCK_STOCK = LOCK_STOCKS('s.stock_id = $1');

const SET = {
  max_count: raw<[string[], number, string]>(
    'UPDATE stocks SET max_count = $2, updated_at = $3 WHERE stock_id = ANY($1)',
  ),
  max_count_per_day: raw<[string[], number, string]>(
    'UPDATE stocks SET max_count_per_day = $2, updated_at = $3 WHERE stock_id = ANY($1)',
  ),
};
const SET_DAY_CAP = raw<[string[], number, string]>(
  'UPDATE stock_day_counts SET cap = $2 WHERE stock_id = ANY($1) AND day = $3',
);

/**
 * Budget changes on PostgreSQL. Per dialect because it is a contended transaction: instances change budgets while
 * others issue, so the stocks concerned are locked first, in index order like every writer of several stocks.
 */
export function postgresBudget(
  e: Engine,
  requests: RequestRecords,
): Pick<CatalogStore, 'updateBundleBudget' | 'updateStockBudget'> {
  const update =
    (lock: typeof LOCK_STOCK): CatalogStore['updateBundleBudget'] =>
    (request, id, dimension, expected, target, day, at) =>
      e.write(() =>
        requests.guarded(request, function* () {
          const stocks = yield* all(lock, [id, day]);
          const { change, carriers } = planBudgetChange(stocks, dimension, expected, target);
          // A refused change records nothing, so the request number stays free for a corrected retry (D-5).
          if (!change.ok) throw new RollbackWith({ ran: true, value: change });
          yield* run(SET[dimension], [carriers, target, at]);
          if (dimension === 'max_count_per_day') yield* run(SET_DAY_CAP, [carriers, target, day]);
          return change as BudgetChange;
        }),
      );
  return { updateBundleBudget: update(LOCK_BUNDLE_STOCKS), updateStockBudget: update(LOCK_STOCK) };
}
