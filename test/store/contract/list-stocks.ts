import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import { createCatalog, request, stockBundle } from '../../fixtures/catalog.js';
import { DAY, LATER, type StoreContext } from './fixtures.js';

const ids = (stocks: StockRecord[]) => stocks.map((s) => s.stockId);

/** Pages of the stocks of a product coupon. */
export function listStocksContract(ctx: StoreContext): void {
  describe('listStocks', () => {
    async function threeBundles() {
      const { store } = ctx;
      const f = await createCatalog(store);
      const b2 = stockBundle(f.coupon.productCouponId, { state: 'PAUSED', createdAt: LATER });
      const b3 = stockBundle(f.coupon.productCouponId, { createdAt: LATER });
      await store.addStockBundle(request('add-stock-bundle'), b2.bundle, b2.stocks);
      await store.addStockBundle(request('add-stock-bundle'), b3.bundle, b3.stocks);
      await createCatalog(store);
      return { productCouponId: f.coupon.productCouponId, all: [...f.stocks, ...b2.stocks, ...b3.stocks], b2 };
    }

    it('orders by bundle creation, then index, and pages by afterStockId; total ignores the page', async () => {
      const { store } = ctx;
      const { productCouponId, all } = await threeBundles();
      const seen: StockRecord[] = [];
      let afterStockId: string | undefined;
      for (;;) {
        const page = await store.listStocks({ productCouponId, afterStockId, limit: 4, day: DAY });
        expect(page.total).toBe(9);
        seen.push(...page.stocks);
        if (page.stocks.length < 4) break;
        afterStockId = page.stocks.at(-1)!.stockId;
      }
      expect(ids(seen)).toEqual(ids(all));
      expect(seen).toEqual(all);
    });

    it('keeps bundle order, then index, whatever the number of stocks in a bundle', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { rounds: 120 });
      const next = stockBundle(f.coupon.productCouponId, { createdAt: LATER });
      await store.addStockBundle(request('add-stock-bundle'), next.bundle, next.stocks);
      const seen: StockRecord[] = [];
      let afterStockId: string | undefined;
      for (let page = 0; page < 10; page++) {
        const { stocks } = await store.listStocks({
          productCouponId: f.coupon.productCouponId,
          afterStockId,
          limit: 50,
          day: DAY,
        });
        seen.push(...stocks);
        if (stocks.length < 50) break;
        afterStockId = stocks.at(-1)!.stockId;
      }
      expect(ids(seen)).toEqual(ids([...f.stocks, ...next.stocks]));
    });

    it('filters by bundle and by state', async () => {
      const { store } = ctx;
      const { productCouponId, all, b2 } = await threeBundles();
      const byBundle = await store.listStocks({
        productCouponId,
        stockBundleId: b2.bundle.stockBundleId,
        limit: 10,
        day: DAY,
      });
      expect(byBundle).toEqual({ stocks: b2.stocks, total: 3 });
      const paused = await store.listStocks({ productCouponId, state: 'PAUSED', limit: 2, day: DAY });
      expect(paused.total).toBe(3);
      expect(ids(paused.stocks)).toEqual(ids(b2.stocks).slice(0, 2));
      const sending = await store.listStocks({ productCouponId, state: 'SENDING', limit: 10, day: DAY });
      expect(ids(sending.stocks)).toEqual(ids(all.filter((s) => s.state === 'SENDING')));
      const after = await store.listStocks({
        productCouponId,
        state: 'SENDING',
        afterStockId: all[2]!.stockId,
        limit: 10,
        day: DAY,
      });
      expect(ids(after.stocks)).toEqual(ids(all.slice(6)));
      expect(after.total).toBe(6);
    });

    it('reports the product coupon of each stock and nothing of other product coupons', async () => {
      const { store } = ctx;
      const { productCouponId } = await threeBundles();
      const { stocks } = await store.listStocks({ productCouponId, limit: 100, day: DAY });
      expect(new Set(stocks.map((s) => s.productCouponId))).toEqual(new Set([productCouponId]));
    });
  });
}
