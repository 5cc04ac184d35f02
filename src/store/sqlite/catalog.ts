import type { BudgetChange, CatalogStore, Guarded, RequestRecord, StockBundleRecord, StockRecord } from '../catalog.js';
import {
  PRODUCT_COUPON_COLUMNS,
  type ProductCouponRow,
  productCouponValues,
  STOCK_COLUMNS,
  type StockBundleRow,
  type StockRow,
  stockValues,
  toStockBundle,
} from '../rows/catalog.js';
import { stockFilters } from '../rows/filters.js';
import { insertStatement, whereEqual } from '../rows/statements.js';
import { planBudgetChange } from '../rules/budget.js';
import { catalogMappers, STOCK_SELECT } from './catalog-rows.js';
import type { SqliteDb } from './database.js';
import { sqliteRequests } from './requests.js';
import { outcomeOf, RollbackWith } from './rollback.js';

export function sqliteCatalog(db: SqliteDb): CatalogStore {
  const { toProductCoupon, toStock } = catalogMappers();
  const requests = sqliteRequests(db);
  const q = {
    insertCoupon: db.prepare(insertStatement('product_coupons', PRODUCT_COUPON_COLUMNS, 'sqlite')),
    getCoupon: db.prepare<[string], ProductCouponRow<string>>(
      'SELECT * FROM product_coupons WHERE product_coupon_id = ?',
    ),
    updateCouponData: db.prepare('UPDATE product_coupons SET data = ?, updated_at = ? WHERE product_coupon_id = ?'),
    updateCoupon: db.prepare(
      'UPDATE product_coupons SET state = ?, data = ?, deactivation = ?, updated_at = ? WHERE product_coupon_id = ?',
    ),
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM stock_bundles'),
    insertBundle: db.prepare(
      `INSERT INTO stock_bundles (stock_bundle_id, product_coupon_id, mchid, brand_id, seq, created_at)
       VALUES (?,?,?,?,?,?)`,
    ),
    getBundle: db.prepare<[string], StockBundleRow>('SELECT * FROM stock_bundles WHERE stock_bundle_id = ?'),
    insertStock: db.prepare(insertStatement('stocks', STOCK_COLUMNS, 'sqlite')),
    bundleStocks: db.prepare<[string, string], StockRow<string>>(
      `${STOCK_SELECT} WHERE s.stock_bundle_id = ? ORDER BY s.idx`,
    ),
    getStock: db.prepare<[string, string], StockRow<string>>(`${STOCK_SELECT} WHERE s.stock_id = ?`),
    stockSeq: db.prepare<[string], { seq: number; idx: number }>('SELECT seq, idx FROM stocks WHERE stock_id = ?'),
    updateStockData: db.prepare('UPDATE stocks SET data = ?, updated_at = ? WHERE stock_id = ?'),
    deactivateStocks: db.prepare(
      `UPDATE stocks SET state = 'DEACTIVATED', deactivation = ?, updated_at = ? WHERE product_coupon_id = ?`,
    ),
    setMaxCount: db.prepare('UPDATE stocks SET max_count = ?, updated_at = ? WHERE stock_id = ?'),
    setMaxPerDay: db.prepare('UPDATE stocks SET max_count_per_day = ?, updated_at = ? WHERE stock_id = ?'),
    setDayCap: db.prepare('UPDATE stock_day_counts SET cap = ? WHERE stock_id = ? AND day = ?'),
    auditCoupon: db.prepare(
      `UPDATE product_coupons SET state = 'EFFECTIVE', updated_at = ? WHERE product_coupon_id = ? AND state = 'AUDITING'`,
    ),
    auditStocks: db.prepare(
      `UPDATE stocks SET state = 'SENDING', updated_at = ? WHERE product_coupon_id = ? AND state = 'AUDITING'`,
    ),
  };

  /**
   * Inserts the request record first; if the number is bound already, changes nothing and returns it. A mutation
   * that answers `keep: false` is rolled back together with the record.
   */
  function guarded<T>(request: RequestRecord, mutate: () => T, keep: (value: T) => boolean = () => true): Guarded<T> {
    try {
      return db
        .transaction((): Guarded<T> => {
          const existing = requests.bind(request);
          if (existing) return { ran: false, existing };
          const value = mutate();
          if (!keep(value)) throw new RollbackWith(value);
          return { ran: true, value };
        })
        .immediate();
    } catch (error) {
      return { ran: true, value: outcomeOf<T>(error) };
    }
  }

  const insertBundleWithStocks = (b: StockBundleRecord, stocks: StockRecord[]) => {
    const seq = q.nextSeq.get()!.seq;
    q.insertBundle.run(b.stockBundleId, b.productCouponId, b.mchid, b.brandId, seq, b.createdAt);
    for (const s of stocks) q.insertStock.run(...stockValues(s, seq * 100 + s.index));
  };

  return {
    async getRequestRecord(k) {
      return requests.get(k);
    },
    async createProductCoupon(request, c, bundle, stocks) {
      return guarded(request, () => {
        q.insertCoupon.run(...productCouponValues(c));
        insertBundleWithStocks(bundle, stocks);
      });
    },
    async getProductCoupon(id) {
      const r = q.getCoupon.get(id);
      return r ? toProductCoupon(r) : null;
    },
    async updateProductCoupon(request, c) {
      return guarded(request, () => {
        q.updateCouponData.run(JSON.stringify(c.data), c.updatedAt, c.productCouponId);
      });
    },
    async deactivateProductCoupon(request, id, deactivation) {
      return guarded(request, () => {
        const current = q.getCoupon.get(id);
        if (!current) return;
        q.updateCoupon.run('DEACTIVATED', current.data, JSON.stringify(deactivation), deactivation.time, id);
        q.deactivateStocks.run(JSON.stringify(deactivation), deactivation.time, id);
      });
    },
    async finishAudit(id, at) {
      db.transaction(() => {
        q.auditCoupon.run(at, id);
        q.auditStocks.run(at, id);
      }).immediate();
    },
    async addStockBundle(request, bundle, stocks) {
      return guarded(request, () => insertBundleWithStocks(bundle, stocks));
    },
    async getStockBundle(id) {
      const r = q.getBundle.get(id);
      return r ? toStockBundle(r) : null;
    },
    async getBundleStocks(id, day) {
      return q.bundleStocks.all(day, id).map(toStock);
    },
    async getIssuanceStocks(id, day) {
      return q.bundleStocks.all(day, id).map(toStock);
    },
    async updateStocksData(request, stocks, at) {
      return guarded(request, () => {
        for (const s of stocks) q.updateStockData.run(JSON.stringify(s.data), at, s.stockId);
      });
    },
    async updateBundleBudget(request, bundleId, dimension, expected, target, day, at) {
      return guarded(
        request,
        (): BudgetChange => {
          const stocks = q.bundleStocks.all(day, bundleId).map(toStock);
          const { change, carriers } = planBudgetChange(stocks, dimension, expected, target);
          if (!change.ok) return change;
          for (const stockId of carriers) {
            if (dimension === 'max_count') q.setMaxCount.run(target, at, stockId);
            else {
              q.setMaxPerDay.run(target, at, stockId);
              q.setDayCap.run(target, stockId, day);
            }
          }
          return change;
        },
        (change) => change.ok,
      );
    },
    async getStock(id, day) {
      const r = q.getStock.get(day, id);
      return r ? toStock(r) : null;
    },
    async listStocks(query) {
      const { where, values: args } = whereEqual(stockFilters(query), 'sqlite');
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM stocks s ${where}`).get(...args) as { n: number }).n;
      const after = query.afterStockId ? q.stockSeq.get(query.afterStockId)?.seq : undefined;
      if (query.afterStockId && after === undefined) return { stocks: [], total };
      const rows = db
        .prepare<(string | number)[], StockRow<string>>(
          `${STOCK_SELECT} ${where}${after !== undefined ? ' AND s.seq > ?' : ''} ORDER BY s.seq LIMIT ?`,
        )
        .all(query.day, ...args, ...(after !== undefined ? [after] : []), query.limit);
      return { stocks: rows.map(toStock), total };
    },
  };
}
