import type { BudgetChange, BudgetDimension, CatalogStore } from '../catalog.js';
import type { StockRow } from '../rows/catalog.js';
import { stockFilters } from '../rows/filters.js';
import { whereEqual } from '../rows/statements.js';
import { type BudgetStock, planBudgetChange } from '../rules/budget.js';
import { STOCKS_FOR_DAY, toStock } from './catalog-rows.js';
import type { Database, PgClient } from './database.js';
import { guarded } from './requests.js';

type StockReads = Pick<
  CatalogStore,
  'getBundleStocks' | 'getIssuanceStocks' | 'getStock' | 'listStocks' | 'updateBundleBudget'
>;

/**
 * Locks the bundle's stocks (in index order, like every writer of several stocks), then changes the dimension of
 * the carriers if `planBudgetChange` allows it.
 */
async function changeBudget(
  c: PgClient,
  stockBundleId: string,
  dimension: BudgetDimension,
  expected: number,
  target: number,
  day: string,
  at: string,
): Promise<BudgetChange> {
  const { rows: stocks } = await c.query<BudgetStock>(
    `SELECT s.stock_id AS "stockId", s.max_count AS "maxCount", s.max_count_per_day AS "maxCountPerDay",
       s.total_count AS "totalCount", COALESCE(d.count, 0) AS "todayCount"
     FROM stocks s LEFT JOIN stock_day_counts d ON d.stock_id = s.stock_id AND d.day = $2
     WHERE s.stock_bundle_id = $1 ORDER BY s.idx FOR UPDATE OF s`,
    [stockBundleId, day],
  );
  const { change, carriers: ids } = planBudgetChange(stocks, dimension, expected, target);
  if (!change.ok) return change;
  await c.query(`UPDATE stocks SET ${dimension} = $2, updated_at = $3 WHERE stock_id = ANY($1)`, [ids, target, at]);
  if (dimension === 'max_count_per_day')
    await c.query('UPDATE stock_day_counts SET cap = $2 WHERE stock_id = ANY($1) AND day = $3', [ids, target, day]);
  return change;
}

export function postgresStocks(db: Database): StockReads {
  const getBundleStocks = async (stockBundleId: string, day: string) => {
    const rows = await db.query<StockRow<unknown>>(`${STOCKS_FOR_DAY} WHERE s.stock_bundle_id = $2 ORDER BY s.idx`, [
      day,
      stockBundleId,
    ]);
    return rows.map(toStock);
  };
  return {
    getBundleStocks,
    getIssuanceStocks: getBundleStocks,

    async getStock(stockId, day) {
      const [r] = await db.query<StockRow<unknown>>(`${STOCKS_FOR_DAY} WHERE s.stock_id = $2`, [day, stockId]);
      return r ? toStock(r) : null;
    },

    async listStocks(q) {
      return db.tx(async (c) => {
        const filter = whereEqual(stockFilters(q), 'postgres', 1);
        const values: unknown[] = [q.day, ...filter.values];
        let where = filter.where;
        if (q.afterStockId !== undefined) {
          values.push(q.afterStockId);
          where += ` AND (s.seq, s.idx) > (SELECT seq, idx FROM stocks WHERE stock_id = $${values.length})`;
        }
        values.push(q.limit);
        const page = await c.query<StockRow<unknown>>(
          `${STOCKS_FOR_DAY} ${where} ORDER BY s.seq, s.idx LIMIT $${values.length}`,
          values,
        );
        const counted = whereEqual(stockFilters(q), 'postgres');
        const count = await c.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM stocks s ${counted.where}`,
          counted.values,
        );
        return { stocks: page.rows.map(toStock), total: count.rows[0]!.total };
      }, 'REPEATABLE READ');
    },

    async updateBundleBudget(request, stockBundleId, dimension, expected, target, day, at) {
      return db.tx(async (c, rollback) => {
        const result = await guarded(c, request, () =>
          changeBudget(c, stockBundleId, dimension, expected, target, day, at),
        );
        // A refused change records nothing, so the request number stays free for a corrected retry (D-5).
        if (result.ran && !result.value.ok) rollback(result);
        return result;
      });
    },
  };
}
