import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import { createCatalog, request, stockBundle } from '../../fixtures/catalog.js';
import { DAY, issueCommand, LATER, type StoreContext } from './fixtures.js';

const _ids = (stocks: StockRecord[]) => stocks.map((s) => s.stockId);

/** Product coupons, bundles and stocks as written and read back. */
export function catalogContract(ctx: StoreContext): void {
  describe('catalog', () => {
    it('creates a product coupon with its first bundle and reads them back', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 500, maxCountPerUser: 3, maxCountPerDay: 50 });
      expect(await store.getProductCoupon(f.coupon.productCouponId)).toEqual(f.coupon);
      expect(await store.getStockBundle(f.bundle.stockBundleId)).toEqual(f.bundle);
      const stocks = await store.getBundleStocks(f.bundle.stockBundleId, DAY);
      expect(stocks).toEqual(f.stocks);
      expect(stocks.map((s) => s.maxCountPerDay)).toEqual([50, null, null]);
      expect(await store.getStock(f.stocks[1]!.stockId, DAY)).toEqual(f.stocks[1]);
    });

    it('unknown ids read as null or empty', async () => {
      const { store } = ctx;
      expect(await store.getProductCoupon('missing')).toBeNull();
      expect(await store.getStockBundle('missing')).toBeNull();
      expect(await store.getStock('missing', DAY)).toBeNull();
      expect(await store.getBundleStocks('missing', DAY)).toEqual([]);
      expect(await store.listStocks({ productCouponId: 'missing', limit: 10, day: DAY })).toEqual({
        stocks: [],
        total: 0,
      });
    });

    it('updateProductCoupon replaces state and data', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const changed = {
        ...f.coupon,
        data: { ...f.coupon.data, out_product_no: 'sku-2' },
        updatedAt: LATER,
      };
      expect((await store.updateProductCoupon(request('update-product-coupon'), changed)).ran).toBe(true);
      expect(await store.getProductCoupon(f.coupon.productCouponId)).toEqual(changed);
    });

    it('deactivateProductCoupon deactivates the product coupon and every stock of it', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const extra = stockBundle(f.coupon.productCouponId);
      await store.addStockBundle(request('add-stock-bundle'), extra.bundle, extra.stocks);
      const deactivation = { request_no: 'deact-1', time: LATER, reason: '活动结束' };
      const req = request('deactivate-product-coupon');
      expect((await store.deactivateProductCoupon(req, f.coupon.productCouponId, deactivation)).ran).toBe(true);
      expect(await store.getProductCoupon(f.coupon.productCouponId)).toMatchObject({
        state: 'DEACTIVATED',
        deactivation,
      });
      const { stocks } = await store.listStocks({ productCouponId: f.coupon.productCouponId, limit: 10, day: DAY });
      expect(stocks).toHaveLength(6);
      for (const s of stocks) expect(s).toMatchObject({ state: 'DEACTIVATED', deactivation });
      const again = { request_no: 'deact-2', time: '2026-03-05T00:00:00+08:00', reason: 'x' };
      expect((await store.deactivateProductCoupon(req, f.coupon.productCouponId, again)).ran).toBe(false);
      expect(await store.getProductCoupon(f.coupon.productCouponId)).toMatchObject({ deactivation });
    });

    it('deactivateStock deactivates one SENDING or PAUSED stock, which issues nothing more (D-104)', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const deactivation = { request_no: 'deact-s1', time: LATER, reason: '批次信息有误' };
      const req = request('deactivate-stock');
      expect(await store.deactivateStock(req, f.stocks[1]!.stockId, deactivation)).toEqual({
        ran: true,
        value: { ok: true },
      });
      const stocks = await store.getBundleStocks(f.bundle.stockBundleId, DAY);
      expect(stocks.map((s) => s.state)).toEqual(['SENDING', 'DEACTIVATED', 'SENDING']);
      expect(stocks[1]).toMatchObject({ deactivation, updatedAt: LATER });
      expect(await store.getProductCoupon(f.coupon.productCouponId)).toMatchObject({ state: 'EFFECTIVE' });
      expect((await store.deactivateStock(req, f.stocks[1]!.stockId, deactivation)).ran).toBe(false);

      const later = request('deactivate-stock');
      expect(await store.deactivateStock(later, f.stocks[1]!.stockId, { ...deactivation, request_no: 'x' })).toEqual({
        ran: true,
        value: { ok: false, state: 'DEACTIVATED' },
      });
      expect(await store.getRequestRecord(later)).toBeNull();
      expect((await store.getStock(f.stocks[1]!.stockId, DAY))?.deactivation).toEqual(deactivation);

      await store.deactivateStock(request('deactivate-stock'), f.stocks[0]!.stockId, deactivation);
      expect(await store.issueBundle(issueCommand(f.stocks))).toEqual({ kind: 'NOT_AVAILABLE', state: 'DEACTIVATED' });
      const paused = await createCatalog(store, { state: 'PAUSED' });
      const done = await store.deactivateStock(request('deactivate-stock'), paused.stocks[0]!.stockId, deactivation);
      expect(done).toEqual({ ran: true, value: { ok: true } });
      const auditing = await createCatalog(store, { auditing: true });
      const refused = await store.deactivateStock(
        request('deactivate-stock'),
        auditing.stocks[0]!.stockId,
        deactivation,
      );
      expect(refused).toEqual({ ran: true, value: { ok: false, state: 'AUDITING' } });
    });

    it('of concurrent deactivateStock calls with different numbers exactly one deactivates the stock', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const calls = Array.from({ length: 10 }, (_, i) => ({
        req: request('deactivate-stock'),
        deactivation: { request_no: `deact-${i}`, time: LATER, reason: '并发' },
      }));
      const results = await Promise.all(
        calls.map((call) => store.deactivateStock(call.req, f.stocks[0]!.stockId, call.deactivation)),
      );
      const won = results.flatMap((r, i) => (r.ran && r.value.ok ? [calls[i]!] : []));
      expect(won).toHaveLength(1);
      expect((await store.getStock(f.stocks[0]!.stockId, DAY))?.deactivation).toEqual(won[0]!.deactivation);
      const recorded = await Promise.all(calls.map((call) => store.getRequestRecord(call.req)));
      expect(recorded.filter((r) => r !== null)).toEqual([won[0]!.req]);
    });

    it('finishAudit makes an AUDITING product coupon EFFECTIVE and its AUDITING stocks SENDING', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { auditing: true });
      expect((await store.getBundleStocks(f.bundle.stockBundleId, DAY)).map((s) => s.state)).toEqual([
        'AUDITING',
        'AUDITING',
        'AUDITING',
      ]);
      await store.finishAudit(f.coupon.productCouponId, LATER);
      expect(await store.getProductCoupon(f.coupon.productCouponId)).toMatchObject({ state: 'EFFECTIVE' });
      for (const s of await store.getBundleStocks(f.bundle.stockBundleId, DAY)) expect(s.state).toBe('SENDING');
      const other = await createCatalog(store, { state: 'PAUSED' });
      await store.finishAudit(other.coupon.productCouponId, LATER);
      expect((await store.getStock(other.stocks[0]!.stockId, DAY))?.state).toBe('PAUSED');
    });

    it('addStockBundle adds a bundle to an existing product coupon', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const b = stockBundle(f.coupon.productCouponId, { rounds: 4, maxCount: 7 });
      expect((await store.addStockBundle(request('add-stock-bundle'), b.bundle, b.stocks)).ran).toBe(true);
      expect(await store.getStockBundle(b.bundle.stockBundleId)).toEqual(b.bundle);
      expect(await store.getBundleStocks(b.bundle.stockBundleId, DAY)).toEqual(b.stocks);
    });

    it('updateStocksData replaces the data of the given stocks only', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const [s0, s1, s2] = f.stocks as [StockRecord, StockRecord, StockRecord];
      const data = (s: StockRecord) => ({ ...s.data, remark: 'changed', store_scope: 'ALL' as const });
      const req = request('modify-stock-bundle');
      const changes = [s0, s1].map((s) => ({ stockId: s.stockId, data: data(s) }));
      expect((await store.updateStocksData(req, changes, LATER)).ran).toBe(true);
      const stocks = await store.getBundleStocks(f.bundle.stockBundleId, DAY);
      expect(stocks[0]).toEqual({ ...s0, data: data(s0), updatedAt: LATER });
      expect(stocks[1]).toEqual({ ...s1, data: data(s1), updatedAt: LATER });
      expect(stocks[2]).toEqual(s2);
      const replay = [{ stockId: s2.stockId, data: data(s2) }];
      expect((await store.updateStocksData(req, replay, LATER)).ran).toBe(false);
      expect(await store.getStock(s2.stockId, DAY)).toEqual(s2);
    });
  });
}
