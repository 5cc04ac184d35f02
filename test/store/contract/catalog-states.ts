import { describe, expect, it } from 'vitest';
import { createCatalog, request, stockBundle } from '../../fixtures/catalog.js';
import { DAY, LATER, type StoreContext } from './fixtures.js';

const deactivation = (n: number) => ({ request_no: `deact-${n}`, time: LATER, reason: `原因 ${n}` });

/** D-108: catalog writes re-check, inside their transaction, the state they were planned from. */
export function catalogStatesContract(ctx: StoreContext): void {
  describe('catalog writes conditional on state (D-108)', () => {
    it('a second deactivation with another number finds DEACTIVATED, writes nothing and leaves its number free', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const id = f.coupon.productCouponId;
      const first = await store.deactivateProductCoupon(request('deactivate-product-coupon'), id, deactivation(1));
      expect(first).toEqual({ ran: true, value: { ok: true } });
      const second = request('deactivate-product-coupon');
      expect(await store.deactivateProductCoupon(second, id, deactivation(2))).toEqual({
        ran: true,
        value: { ok: false, state: 'DEACTIVATED' },
      });
      expect(await store.getRequestRecord(second)).toBeNull();
      expect(await store.getProductCoupon(id)).toMatchObject({ state: 'DEACTIVATED', deactivation: deactivation(1) });
      for (const s of await store.getBundleStocks(f.bundle.stockBundleId, DAY))
        expect(s.deactivation).toEqual(deactivation(1));
    });

    it('of concurrent deactivations with distinct numbers exactly one applies, and its reason is stored', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const id = f.coupon.productCouponId;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.deactivateProductCoupon(request('deactivate-product-coupon'), id, deactivation(i)),
        ),
      );
      const winners = results.flatMap((r, i) => (r.ran && r.value.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const r of results.filter((x) => !(x.ran && x.value.ok)))
        expect(r).toEqual({ ran: true, value: { ok: false, state: 'DEACTIVATED' } });
      const winner = deactivation(winners[0]!);
      expect(await store.getProductCoupon(id)).toMatchObject({ state: 'DEACTIVATED', deactivation: winner });
      for (const s of await store.getBundleStocks(f.bundle.stockBundleId, DAY)) expect(s.deactivation).toEqual(winner);
    });

    it('an AUDITING product coupon is neither deactivated nor modified', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { auditing: true });
      const id = f.coupon.productCouponId;
      const refused = { ran: true, value: { ok: false, state: 'AUDITING' } };
      expect(await store.deactivateProductCoupon(request('deactivate-product-coupon'), id, deactivation(1))).toEqual(
        refused,
      );
      const changed = { ...f.coupon, data: { ...f.coupon.data, out_product_no: 'sku-2' }, updatedAt: LATER };
      expect(await store.updateProductCoupon(request('update-product-coupon'), changed)).toEqual(refused);
      expect(await store.getProductCoupon(id)).toEqual(f.coupon);
    });

    it('a modify planned before a deactivation commits nothing after it', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const id = f.coupon.productCouponId;
      await store.deactivateProductCoupon(request('deactivate-product-coupon'), id, deactivation(1));
      const coupon = (await store.getProductCoupon(id))!;
      const changed = { ...f.coupon, data: { ...f.coupon.data, out_product_no: 'sku-2' }, updatedAt: LATER };
      const req = request('update-product-coupon');
      expect(await store.updateProductCoupon(req, changed)).toEqual({
        ran: true,
        value: { ok: false, state: 'DEACTIVATED' },
      });
      expect(await store.getRequestRecord(req)).toBeNull();
      expect(await store.getProductCoupon(id)).toEqual(coupon);
    });

    it('updateStocksData on a bundle deactivated meanwhile writes nothing', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      await store.deactivateProductCoupon(
        request('deactivate-product-coupon'),
        f.coupon.productCouponId,
        deactivation(1),
      );
      const before = await store.getBundleStocks(f.bundle.stockBundleId, DAY);
      const req = request('modify-stock-bundle');
      const changes = before.map((s) => ({ stockId: s.stockId, data: { ...s.data, remark: 'changed' } }));
      expect(await store.updateStocksData(req, changes, LATER)).toEqual({
        ran: true,
        value: { ok: false, state: 'DEACTIVATED' },
      });
      expect(await store.getRequestRecord(req)).toBeNull();
      expect(await store.getBundleStocks(f.bundle.stockBundleId, DAY)).toEqual(before);
    });

    it('deactivating a product coupon leaves a stock already deactivated with its own deactivation', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const gone = stockBundle(f.coupon.productCouponId, { state: 'DEACTIVATED' });
      await store.addStockBundle(request('add-stock-bundle'), gone.bundle, gone.stocks);
      await store.deactivateProductCoupon(
        request('deactivate-product-coupon'),
        f.coupon.productCouponId,
        deactivation(1),
      );
      expect(await store.getBundleStocks(gone.bundle.stockBundleId, DAY)).toEqual(gone.stocks);
      for (const s of await store.getBundleStocks(f.bundle.stockBundleId, DAY))
        expect(s).toMatchObject({ state: 'DEACTIVATED', deactivation: deactivation(1) });
    });
  });
}
