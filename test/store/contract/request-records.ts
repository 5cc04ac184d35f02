import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import { createCatalog, productCoupon, request, stockBundle } from '../../fixtures/catalog.js';
import { DAY, LATER, type StoreContext } from './fixtures.js';

const _ids = (stocks: StockRecord[]) => stocks.map((s) => s.stockId);

/** A request number binds to its first request: a replay runs nothing twice (D-5). */
export function requestRecordContract(ctx: StoreContext): void {
  describe('request-record guarding (D-5)', () => {
    it('binds the request number to the first request and stores the record', async () => {
      const { store } = ctx;
      const f = productCoupon();
      const req = request('create-product-coupon');
      expect(await store.getRequestRecord(req)).toBeNull();
      expect(await store.createProductCoupon(req, f.coupon, f.bundle, f.stocks)).toEqual({
        ran: true,
        value: undefined,
      });
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('a replay returns the first record and changes nothing', async () => {
      const { store } = ctx;
      const first = productCoupon();
      const req = request('create-product-coupon', 'same-no', 'fp-first');
      await store.createProductCoupon(req, first.coupon, first.bundle, first.stocks);
      const second = productCoupon();
      const replay = { ...req, fingerprint: 'fp-second', response: '{}', createdAt: LATER };
      expect(await store.createProductCoupon(replay, second.coupon, second.bundle, second.stocks)).toEqual({
        ran: false,
        existing: req,
      });
      expect(await store.getProductCoupon(second.coupon.productCouponId)).toBeNull();
      expect(await store.getStockBundle(second.bundle.stockBundleId)).toBeNull();
      expect(await store.getStock(second.stocks[0]!.stockId, DAY)).toBeNull();
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('the same number under another API, brand or merchant is a different request', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      for (const req of [
        request('update-product-coupon', 'n-1'),
        { ...request('update-product-coupon', 'n-1'), brandId: 'other-brand' },
        { ...request('update-product-coupon', 'n-1'), mchid: '1900000099' },
      ]) {
        expect((await store.updateProductCoupon(req, f.coupon)).ran).toBe(true);
      }
    });

    it('concurrent uses of one number run once', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => {
          const b = stockBundle(f.coupon.productCouponId);
          return store.addStockBundle(request('add-stock-bundle', 'concurrent-no'), b.bundle, b.stocks);
        }),
      );
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      const stocks = await store.listStocks({ productCouponId: f.coupon.productCouponId, limit: 100, day: DAY });
      expect(stocks.total).toBe(6);
    });
  });
}
