import type { BudgetChange, BudgetDimension, CatalogStore, StockQuery } from '../catalog.js';
import type { StockRow } from '../rows/catalog.js';
import { STOCKS_FOR_DAY, toStock } from './catalog-rows.js';
import type { Database, PgClient } from './database.js';
import { guarded } from './requests.js';

type StockReads = Pick<CatalogStore, 'getBundleStocks' | 'getStock' | 'listStocks' | 'updateBundleBudget'>;

type BudgetRow = {
  stock_id: string;
  max_count: number;
  max_count_per_day: number | null;
  total_count: number;
  today_count: number;
};

function filters(q: StockQuery, values: unknown[]): string {
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const parts = [`s.product_coupon_id = ${add(q.productCouponId)}`];
  if (q.stockBundleId !== undefined) parts.push(`s.stock_bundle_id = ${add(q.stockBundleId)}`);
  if (q.state !== undefined) parts.push(`s.state = ${add(q.state)}`);
  return parts.join(' AND ');
}

/**
 * Locks the bundle's stocks (in index order, like every writer of several stocks) and changes the dimension only
 * if every carrier still holds `expected` and `target` is not below what was issued: the total for `max_count`,
 * the given day's count for `max_count_per_day`.
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
  const { rows } = await c.query<BudgetRow>(
    `SELECT s.stock_id, s.max_count, s.max_count_per_day, s.total_count, COALESCE(d.count, 0) AS today_count
     FROM stocks s LEFT JOIN stock_day_counts d ON d.stock_id = s.stock_id AND d.day = $2
     WHERE s.stock_bundle_id = $1 ORDER BY s.idx FOR UPDATE OF s`,
    [stockBundleId, day],
  );
  const current = (r: BudgetRow) => (dimension === 'max_count' ? r.max_count : r.max_count_per_day);
  const carriers = rows.filter((r) => current(r) !== null);
  const stale = carriers.find((r) => current(r) !== expected);
  if (carriers.length === 0 || stale) return { ok: false, reason: 'stale', actual: stale ? current(stale) : null };
  const issued = Math.max(...carriers.map((r) => (dimension === 'max_count' ? r.total_count : r.today_count)));
  if (target < issued) return { ok: false, reason: 'below_issued', issued };
  const ids = carriers.map((r) => r.stock_id);
  await c.query(`UPDATE stocks SET ${dimension} = $2, updated_at = $3 WHERE stock_id = ANY($1)`, [ids, target, at]);
  if (dimension === 'max_count_per_day')
    await c.query('UPDATE stock_day_counts SET cap = $2 WHERE stock_id = ANY($1) AND day = $3', [ids, target, day]);
  return { ok: true };
}

export function postgresStocks(db: Database): StockReads {
  return {
    async getBundleStocks(stockBundleId, day) {
      const rows = await db.query<StockRow<unknown>>(`${STOCKS_FOR_DAY} WHERE s.stock_bundle_id = $2 ORDER BY s.idx`, [
        day,
        stockBundleId,
      ]);
      return rows.map(toStock);
    },

    async getStock(stockId, day) {
      const [r] = await db.query<StockRow<unknown>>(`${STOCKS_FOR_DAY} WHERE s.stock_id = $2`, [day, stockId]);
      return r ? toStock(r) : null;
    },

    async listStocks(q) {
      return db.tx(async (c) => {
        const values: unknown[] = [q.day];
        let where = filters(q, values);
        if (q.afterStockId !== undefined) {
          values.push(q.afterStockId);
          where += ` AND (s.seq, s.idx) > (SELECT seq, idx FROM stocks WHERE stock_id = $${values.length})`;
        }
        values.push(q.limit);
        const page = await c.query<StockRow<unknown>>(
          `${STOCKS_FOR_DAY} WHERE ${where} ORDER BY s.seq, s.idx LIMIT $${values.length}`,
          values,
        );
        const countValues: unknown[] = [];
        const count = await c.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM stocks s WHERE ${filters(q, countValues)}`,
          countValues,
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
