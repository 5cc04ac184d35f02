import type { CatalogStore, StockBundleRecord, StockRecord } from '../catalog.js';
import {
  PRODUCT_COUPON_COLUMNS,
  type ProductCouponRow,
  productCouponValues,
  STOCK_COLUMNS,
  type StockBundleRow,
  stockValues,
  toStockBundle,
} from '../rows/catalog.js';
import { jsonText } from '../rows/json.js';
import { insertStatement } from '../rows/statements.js';
import { toProductCoupon } from './catalog-rows.js';
import type { Database, PgClient } from './database.js';
import { guarded, selectRequest } from './requests.js';
import { postgresStocks } from './stocks.js';

const INSERT_PRODUCT_COUPON = insertStatement('product_coupons', PRODUCT_COUPON_COLUMNS, 'postgres');
const INSERT_STOCK = insertStatement('stocks', STOCK_COLUMNS, 'postgres');

/** Inserts a bundle and its stocks; counters start at zero whatever the records say (the store owns them). */
async function insertBundle(c: PgClient, bundle: StockBundleRecord, stocks: StockRecord[]): Promise<void> {
  const { rows } = await c.query<{ seq: string }>(
    `INSERT INTO stock_bundles (stock_bundle_id, product_coupon_id, mchid, brand_id, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING seq`,
    [bundle.stockBundleId, bundle.productCouponId, bundle.mchid, bundle.brandId, bundle.createdAt],
  );
  for (const s of stocks) await c.query(INSERT_STOCK, stockValues(s, rows[0]!.seq));
}

export function postgresCatalog(db: Database): CatalogStore {
  return {
    ...postgresStocks(db),

    async getRequestRecord(key) {
      return selectRequest(db.pool, key);
    },

    async createProductCoupon(request, coupon, bundle, stocks) {
      return db.tx((c) =>
        guarded(c, request, async () => {
          await c.query(INSERT_PRODUCT_COUPON, productCouponValues(coupon));
          await insertBundle(c, bundle, stocks);
        }),
      );
    },

    async getProductCoupon(productCouponId) {
      const [r] = await db.query<ProductCouponRow<unknown>>(
        'SELECT * FROM product_coupons WHERE product_coupon_id = $1',
        [productCouponId],
      );
      return r ? toProductCoupon(r) : null;
    },

    async updateProductCoupon(request, coupon) {
      return db.tx((c) =>
        guarded(c, request, async () => {
          await c.query(`UPDATE product_coupons SET data = $2, updated_at = $3 WHERE product_coupon_id = $1`, [
            coupon.productCouponId,
            jsonText(coupon.data),
            coupon.updatedAt,
          ]);
        }),
      );
    },

    async deactivateProductCoupon(request, productCouponId, deactivation) {
      return db.tx((c) =>
        guarded(c, request, async () => {
          const values = [productCouponId, jsonText(deactivation), deactivation.time];
          await c.query(
            `UPDATE product_coupons SET state = 'DEACTIVATED', deactivation = $2, updated_at = $3
             WHERE product_coupon_id = $1`,
            values,
          );
          await c.query(
            `UPDATE stocks SET state = 'DEACTIVATED', deactivation = $2, updated_at = $3 WHERE product_coupon_id = $1`,
            values,
          );
        }),
      );
    },

    async finishAudit(productCouponId, at) {
      await db.tx(async (c) => {
        await c.query(
          `UPDATE product_coupons SET state = 'EFFECTIVE', updated_at = $2
           WHERE product_coupon_id = $1 AND state = 'AUDITING'`,
          [productCouponId, at],
        );
        await c.query(
          `UPDATE stocks SET state = 'SENDING', updated_at = $2 WHERE product_coupon_id = $1 AND state = 'AUDITING'`,
          [productCouponId, at],
        );
      });
    },

    async addStockBundle(request, bundle, stocks) {
      return db.tx((c) => guarded(c, request, () => insertBundle(c, bundle, stocks)));
    },

    async getStockBundle(stockBundleId) {
      const [r] = await db.query<StockBundleRow>(
        'SELECT stock_bundle_id, product_coupon_id, mchid, brand_id, created_at FROM stock_bundles WHERE stock_bundle_id = $1',
        [stockBundleId],
      );
      return r ? toStockBundle(r) : null;
    },

    async updateStocksData(request, stocks, at) {
      return db.tx((c) =>
        guarded(c, request, async () => {
          for (const s of stocks) {
            await c.query('UPDATE stocks SET data = $2, updated_at = $3 WHERE stock_id = $1', [
              s.stockId,
              jsonText(s.data),
              at,
            ]);
          }
        }),
      );
    },
  };
}
