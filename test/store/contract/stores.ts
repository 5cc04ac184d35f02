import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import type { Store } from '../../../src/store/port.js';
import { AT, BRAND, productCoupon, request, uid } from '../../fixtures/catalog.js';
import { LATER, type StoreContext } from './fixtures.js';

const OTHER_BRAND = `${BRAND}9`;

async function brands(store: Store): Promise<void> {
  for (const brandId of [BRAND, OTHER_BRAND])
    await store.insertBrand({ brandId, name: '品牌', secret: 's', createdAt: AT });
}

/** A catalog whose stocks carry `store_scope`. */
async function catalog(store: Store, scope: 'NONE' | 'ALL' | 'SPECIFIC' = 'SPECIFIC'): Promise<StockRecord[]> {
  const f = productCoupon();
  const stocks = f.stocks.map((s) => ({ ...s, data: { ...s.data, store_scope: scope } }));
  await store.createProductCoupon(request('create'), f.coupon, f.bundle, stocks);
  return stocks;
}

async function registered(store: Store, count: number, brandId = BRAND): Promise<string[]> {
  const ids = Array.from({ length: count }, () => uid('store'));
  for (const storeId of ids) expect(await store.registerStore({ storeId, brandId, createdAt: AT })).toBe('created');
  return ids;
}

const change = (stocks: StockRecord[], storeIds: string[], action: 'associate' | 'disassociate') => ({
  stockIds: stocks.map((s) => s.stockId),
  storeIds,
  action,
  at: LATER,
});

const everything = async (store: Store, stockId: string) =>
  (await store.listStockStores({ stockId, limit: 1000 })).storeIds;

/** Stores (门店), D-80 … D-83. */
export function storesContract(ctx: StoreContext): void {
  describe('stores', () => {
    it('registerStore: created, then exists for the same brand, taken for another', async () => {
      const { store } = ctx;
      await brands(store);
      const storeId = uid('store');
      expect(await store.registerStore({ storeId, brandId: BRAND, createdAt: AT })).toBe('created');
      expect(await store.registerStore({ storeId, brandId: BRAND, createdAt: LATER })).toBe('exists');
      expect(await store.registerStore({ storeId, brandId: OTHER_BRAND, createdAt: LATER })).toBe('taken');
      expect(await store.brandStoresAmong(BRAND, [storeId, 'nope'])).toEqual([storeId]);
      expect(await store.brandStoresAmong(OTHER_BRAND, [storeId])).toEqual([]);
      expect(await store.brandStoresAmong(BRAND, [])).toEqual([]);
    });

    it('associates with every stock, idempotently, and disassociates only the given stores', async () => {
      const { store } = ctx;
      await brands(store);
      const stocks = await catalog(store);
      const ids = await registered(store, 4);
      expect(await store.changeStockStores(change(stocks, ids.slice(0, 3), 'associate'))).toEqual({ ok: true });
      expect(await store.changeStockStores(change(stocks, ids.slice(1, 4), 'associate'))).toEqual({ ok: true });
      for (const s of stocks) expect(await everything(store, s.stockId)).toEqual([...ids].sort());
      expect(await store.isStoreAssociated(stocks[2]!.stockId, ids[3]!)).toBe(true);

      expect(await store.changeStockStores(change(stocks, [ids[0]!, ids[0]!, ids[2]!], 'disassociate'))).toEqual({
        ok: true,
      });
      expect(await store.changeStockStores(change(stocks, [ids[0]!], 'disassociate'))).toEqual({ ok: true });
      for (const s of stocks) expect(await everything(store, s.stockId)).toEqual([ids[1]!, ids[3]!].sort());
      expect(await store.isStoreAssociated(stocks[0]!.stockId, ids[0]!)).toBe(false);
    });

    it('refuses a stock that is not SPECIFIC or is deactivated, inside the transaction, writing nothing', async () => {
      const { store } = ctx;
      await brands(store);
      const ids = await registered(store, 2);
      const none = await catalog(store, 'NONE');
      expect(await store.changeStockStores(change(none, ids, 'associate'))).toEqual({ ok: false, reason: 'scope' });
      expect(await everything(store, none[0]!.stockId)).toEqual([]);

      const f = productCoupon();
      const stocks = f.stocks.map((s) => ({ ...s, data: { ...s.data, store_scope: 'SPECIFIC' as const } }));
      await store.createProductCoupon(request('create'), f.coupon, f.bundle, stocks);
      const deactivation = { request_no: uid('deact'), time: LATER, reason: '活动结束' };
      await store.deactivateProductCoupon(request('deactivate'), f.coupon.productCouponId, deactivation);
      expect(await store.changeStockStores(change(stocks, ids, 'associate'))).toEqual({
        ok: false,
        reason: 'deactivated',
      });
      expect(await everything(store, stocks[1]!.stockId)).toEqual([]);
    });

    it('lists in store_id order, page by page, with the total of the same snapshot', async () => {
      const { store } = ctx;
      await brands(store);
      const stocks = await catalog(store);
      const ids = await registered(store, 5);
      await store.changeStockStores(change(stocks, ids, 'associate'));
      const sorted = [...ids].sort();
      const stockId = stocks[0]!.stockId;
      expect(await store.listStockStores({ stockId, limit: 2 })).toEqual({ storeIds: sorted.slice(0, 2), total: 5 });
      expect(await store.listStockStores({ stockId, afterStoreId: sorted[1]!, limit: 2 })).toEqual({
        storeIds: sorted.slice(2, 4),
        total: 5,
      });
      expect(await store.listStockStores({ stockId, afterStoreId: sorted[4]!, limit: 2 })).toEqual({
        storeIds: [],
        total: 5,
      });
    });

    it('orders ids by their bytes on both databases', async () => {
      const { store } = ctx;
      await brands(store);
      const stocks = await catalog(store);
      const tag = uid('');
      const ids = ['b', 'B', 'a-1', 'a_1', 'A'].map((s) => `${s}${tag}`);
      for (const storeId of ids) await store.registerStore({ storeId, brandId: BRAND, createdAt: AT });
      await store.changeStockStores(change(stocks, ids, 'associate'));
      const bytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
      expect(await everything(store, stocks[0]!.stockId)).toEqual(bytes);
    });

    it('sandbox reset removes associations and keeps registered stores', async () => {
      const { store } = ctx;
      await brands(store);
      const stocks = await catalog(store);
      const ids = await registered(store, 2);
      await store.changeStockStores(change(stocks, ids, 'associate'));
      await store.wipeBusinessData();
      expect(await everything(store, stocks[0]!.stockId)).toEqual([]);
      expect((await store.brandStoresAmong(BRAND, ids)).sort()).toEqual([...ids].sort());
    });
  });
}
