import type { CatalogStore, StockBundleRecord, StockRecord } from '../catalog.js';
import { json, type ProductCouponRow, type StockBundleRow, toProductCoupon, toStockBundle } from './catalog-rows.js';
import type { Database, PgClient } from './database.js';
import { guarded, selectRequest } from './requests.js';
import { postgresStocks } from './stocks.js';

/** Inserts a bundle and its stocks; counters start at zero whatever the records say (the store owns them). */
async function insertBundle(c: PgClient, bundle: StockBundleRecord, stocks: StockRecord[]): Promise<void> {
  const { rows } = await c.query<{ seq: string }>(
    `INSERT INTO stock_bundles (stock_bundle_id, product_coupon_id, mchid, brand_id, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING seq`,
    [bundle.stockBundleId, bundle.productCouponId, bundle.mchid, bundle.brandId, bundle.createdAt],
  );
  for (const s of stocks) {
    await c.query(
      `INSERT INTO stocks (stock_id, stock_bundle_id, product_coupon_id, mchid, brand_id, idx, seq, state, data,
         max_count, max_count_per_user, max_count_per_day, deactivation, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        s.stockId,
        bundle.stockBundleId,
        s.productCouponId,
        s.mchid,
        s.brandId,
        s.index,
        rows[0]!.seq,
        s.state,
        json(s.data),
        s.maxCount,
        s.maxCountPerUser,
        s.maxCountPerDay,
        json(s.deactivation),
        s.createdAt,
        s.updatedAt,
      ],
    );
  }
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
          await c.query(
            `INSERT INTO product_coupons (product_coupon_id, mchid, brand_id, state, data, deactivation, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              coupon.productCouponId,
              coupon.mchid,
              coupon.brandId,
              coupon.state,
              json(coupon.data),
              json(coupon.deactivation),
              coupon.createdAt,
              coupon.updatedAt,
            ],
          );
          await insertBundle(c, bundle, stocks);
        }),
      );
    },

    async getProductCoupon(productCouponId) {
      const [r] = await db.query<ProductCouponRow>('SELECT * FROM product_coupons WHERE product_coupon_id = $1', [
        productCouponId,
      ]);
      return r ? toProductCoupon(r) : null;
    },

    async updateProductCoupon(request, coupon) {
      return db.tx((c) =>
        guarded(c, request, async () => {
          await c.query(`UPDATE product_coupons SET data = $2, updated_at = $3 WHERE product_coupon_id = $1`, [
            coupon.productCouponId,
            json(coupon.data),
            coupon.updatedAt,
          ]);
        }),
      );
    },

    async deactivateProductCoupon(request, productCouponId, deactivation) {
      return db.tx((c) =>
        guarded(c, request, async () => {
          const values = [productCouponId, json(deactivation), deactivation.time];
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
              json(s.data),
              at,
            ]);
          }
        }),
      );
    },
  };
}
