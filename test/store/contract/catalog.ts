import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import { createCatalog, productCoupon, request, stockBundle } from '../../fixtures/catalog.js';
import { DAY, issueCommand, LATER, type StoreContext } from './fixtures.js';

const ids = (stocks: StockRecord[]) => stocks.map((s) => s.stockId);

export function catalogContract(ctx: StoreContext): void {
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
