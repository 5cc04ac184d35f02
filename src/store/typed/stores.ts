import type { StoreChange, StoreChangeOutcome, StoresStore } from '../stores.js';
import { compiled, countTotal, insertNew, prepare, selectBy } from './statement.js';
import { all, type Engine, exists, first, positional, RollbackWith, run, type Work } from './work.js';

/** Stores (门店): registration and stock associations, the same on both databases (D-80, D-81). */
export function typedStores(e: Engine): StoresStore {
  return { ...registry(e), ...associations(e) };
}

function registry(e: Engine): Pick<StoresStore, 'registerStore' | 'brandStoresAmong'> {
  const { k } = e;
  const register = insertNew(k, 'brand_stores');
  const brandOf = selectBy(k, 'brand_stores', 'store_id');
  return {
    registerStore: (record) =>
      e.write(function* () {
        if ((yield* run(register, record)) > 0) return 'created';
        const owner = yield* first(brandOf, record);
        return owner?.brand_id === record.brandId ? 'exists' : 'taken';
      }),
    brandStoresAmong: (brandId, storeIds) =>
      storeIds.length === 0
        ? Promise.resolve([])
        : e.read(function* () {
            const statement = k
              .selectFrom('brand_stores')
              .select('store_id')
              .where('brand_id', '=', brandId)
              .where('store_id', 'in', storeIds)
              .orderBy('store_id');
            return (yield* all(compiled(statement), undefined)).map((r) => r.store_id);
          }),
  };
}

/**
 * Associates or dissociates stores of stocks it first locks in the given order (SQLite's write transaction already
 * excludes other writers).
 */
function* changeAssociations(e: Engine, c: StoreChange): Work<StoreChangeOutcome> {
  const { k } = e;
  const lockStocks = k
    .selectFrom('stocks')
    .selectAll()
    .where('stock_id', 'in', c.stockIds)
    .orderBy('idx')
    .$if(e.dialect === 'postgres', (s) => s.forNoKeyUpdate());
  const stocks = (yield* all(compiled(lockStocks), undefined)).map(e.records('stocks'));
  if (stocks.some((s) => s.state === 'DEACTIVATED')) throw new RollbackWith({ ok: false, reason: 'deactivated' });
  if (stocks.some((s) => s.data.store_scope !== 'SPECIFIC')) throw new RollbackWith({ ok: false, reason: 'scope' });
  if (c.storeIds.length === 0) return { ok: true };
  const statement =
    c.action === 'associate'
      ? k
          .insertInto('stock_stores')
          .values(
            c.stockIds.flatMap((stock_id) => c.storeIds.map((store_id) => ({ stock_id, store_id, created_at: c.at }))),
          )
          .onConflict((oc) => oc.columns(['stock_id', 'store_id']).doNothing())
      : k.deleteFrom('stock_stores').where('stock_id', 'in', c.stockIds).where('store_id', 'in', c.storeIds);
  yield* run(compiled(statement), undefined);
  return { ok: true };
}

function associations(e: Engine): Pick<StoresStore, 'changeStockStores' | 'listStockStores' | 'isStoreAssociated'> {
  const { k } = e;
  const count = prepare((a: { stockId: string }) =>
    k.selectFrom('stock_stores').where('stock_id', '=', a.stockId).select(countTotal),
  );
  return {
    changeStockStores: (c) => e.write(() => changeAssociations(e, c)),
    listStockStores: ({ stockId, afterStoreId, limit }) =>
      e.snapshot(function* () {
        const page = k
          .selectFrom('stock_stores')
          .select('store_id')
          .where('stock_id', '=', stockId)
          .$if(afterStoreId !== undefined, (s) => s.where('store_id', '>', afterStoreId!))
          .orderBy('store_id')
          .limit(limit);
        const storeIds = (yield* all(compiled(page), undefined)).map((r) => r.store_id);
        const [counted] = yield* all(count, { stockId });
        return { storeIds, total: counted!.total };
      }),
    isStoreAssociated: positional(exists(e, selectBy(k, 'stock_stores', 'stock_id', 'store_id')), 'stockId', 'storeId'),
  };
}
