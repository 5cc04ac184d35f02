import { budgetRefusal } from '../../domain/catalog/budget.js';
import type { BudgetChange, BudgetDimension, CatalogStore, StockRecord } from '../catalog.js';
import type { RequestRecords } from './requests.js';
import { prepare, type Statement } from './statement.js';
import { all, type Engine, RollbackWith, run } from './work.js';

type BudgetStock = Pick<StockRecord, 'stockId' | 'maxCount' | 'maxCountPerDay' | 'totalCount' | 'todayCount'>;

/**
 * The budget rule (`budgetRefusal`, D-11) applied to the stocks as the store's transaction reads them, and the stocks
 * that carry `dimension`: stale unless every carrier still holds `expected`, refused when `target` is below the most
 * any carrier issued (the total for `max_count`, the day's count for `max_count_per_day`).
 */
function planBudgetChange(
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

type Change = { stockId: string; target: number; at: string; day: string };
type Read = Statement<{ id: string; day: string }, BudgetStock>;

/**
 * Budget changes, written once for both databases. The stocks concerned are read in index order, like every writer
 * of several stocks; on PostgreSQL they are locked as they are read (`FOR NO KEY UPDATE`, the lock every writer of a stock's
 * counters takes, D-127), because instances change budgets while others issue. SQLite's write transaction
 * already excludes every other writer.
 */
export function typedBudget(
  e: Engine,
  requests: RequestRecords,
): Pick<CatalogStore, 'updateBundleBudget' | 'updateStockBudget'> {
  const { k } = e;
  const lockStocks = (day: string) =>
    k
      .selectFrom('stocks as s')
      .leftJoin('stock_day_counts as d', (j) => j.onRef('d.stock_id', '=', 's.stock_id').on('d.day', '=', day))
      .select((eb) => [
        's.stock_id as stockId',
        's.max_count as maxCount',
        's.max_count_per_day as maxCountPerDay',
        's.total_count as totalCount',
        eb.fn.coalesce('d.count', eb.lit(0)).as('todayCount'),
      ])
      .orderBy('s.idx')
      .$if(e.dialect === 'postgres', (s) => s.forNoKeyUpdate('s'));
  const setDimension = (dimension: BudgetDimension) =>
    prepare((a: Change) =>
      k.updateTable('stocks').set(dimension, a.target).set('updated_at', a.at).where('stock_id', '=', a.stockId),
    );
  const q = {
    bundleStocks: prepare((a: { id: string; day: string }) => lockStocks(a.day).where('s.stock_bundle_id', '=', a.id)),
    stock: prepare((a: { id: string; day: string }) => lockStocks(a.day).where('s.stock_id', '=', a.id)),
    max_count: setDimension('max_count'),
    max_count_per_day: setDimension('max_count_per_day'),
    dayCap: prepare((a: Change) =>
      k
        .updateTable('stock_day_counts')
        .set({ cap: a.target })
        .where('stock_id', '=', a.stockId)
        .where('day', '=', a.day),
    ),
  };
  const update =
    (read: Read): CatalogStore['updateBundleBudget'] =>
    (request, id, dimension, expected, target, day, at) =>
      requests.guarded(request, function* () {
        const { change, carriers } = planBudgetChange(yield* all(read, { id, day }), dimension, expected, target);
        // A refused change records nothing, so the request number stays free for a corrected retry (D-5).
        if (!change.ok) throw new RollbackWith({ ran: true, value: change });
        for (const stockId of carriers) {
          yield* run(q[dimension], { stockId, target, at, day });
          if (dimension === 'max_count_per_day') yield* run(q.dayCap, { stockId, target, at, day });
        }
        return change as BudgetChange;
      });
  return { updateBundleBudget: update(q.bundleStocks), updateStockBudget: update(q.stock) };
}
