import type { ProductCouponRecord, StockRecord } from '../../store/catalog.js';
import { stateRefused } from '../catalog/lookup.js';
import type { ServiceDeps } from '../deps.js';
import { StoreMessages } from './messages.js';

/**
 * D-83, `store_id` of 核销用户商品券: a store of the coupon's brand (门店归属品牌需与批次归属品牌相同); for a `SPECIFIC`
 * stock, one of its associated stores. `NONE` and `ALL` stocks take any store of the brand.
 */
export async function checkUseStore(
  deps: ServiceDeps,
  product: ProductCouponRecord,
  stock: StockRecord,
  storeId: string,
): Promise<void> {
  const [registered] = await deps.store.brandStoresAmong(product.brandId, [storeId]);
  if (registered === undefined) throw stateRefused(StoreMessages.foreignStore);
  if (stock.data.store_scope === 'SPECIFIC' && !(await deps.store.isStoreAssociated(stock.stockId, storeId)))
    throw stateRefused(StoreMessages.notAssociated);
}
