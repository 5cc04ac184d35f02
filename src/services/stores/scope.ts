import { shanghaiDay } from '../../domain/clock.js';
import { invalidRequest, Messages, notFound } from '../../domain/errors.js';
import type { ProductCouponRecord, StockRecord } from '../../store/catalog.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import { bundleStocksOf, requireLiveStocks, stateRefused } from '../catalog/lookup.js';
import type { ServiceDeps } from '../deps.js';
import { type StoreAction, StoreMessages } from './messages.js';

/** D-4 up to the state checks for every store API: authorization, existence, then the stocks' state and scope. */

export interface StoreTarget {
  coupon: ProductCouponRecord;
  /** In index order. */
  stocks: StockRecord[];
}

export async function bundleTarget(
  deps: ServiceDeps,
  mchid: string,
  brandId: string,
  params: { product_coupon_id: string; stock_bundle_id: string },
): Promise<StoreTarget> {
  await checkBrandAuthorized(deps, mchid, brandId);
  const coupon = await ownedProductCoupon(deps, mchid, brandId, params.product_coupon_id);
  const stocks = await bundleStocksOf(deps, coupon, params.stock_bundle_id, shanghaiDay(deps.clock.now()));
  return { coupon, stocks };
}

/** One stock of the product coupon. Changes refuse the stocks of a bundle (D-82); the list takes any stock. */
export async function stockTarget(
  deps: ServiceDeps,
  mchid: string,
  brandId: string,
  params: { product_coupon_id: string; stock_id: string },
  action: StoreAction,
): Promise<StoreTarget> {
  await checkBrandAuthorized(deps, mchid, brandId);
  const coupon = await ownedProductCoupon(deps, mchid, brandId, params.product_coupon_id);
  const stock = await deps.store.getStock(params.stock_id, shanghaiDay(deps.clock.now()));
  if (!stock || stock.productCouponId !== coupon.productCouponId) throw notFound(Messages.stockNotFound);
  if (action !== 'list' && coupon.data.usage_mode === 'PROGRESSIVE_BUNDLE')
    throw stateRefused(StoreMessages.bundleStock(action));
  return { coupon, stocks: [stock] };
}

/** 批次未失效或过期 and `store_scope` is `SPECIFIC`, in the order the pages list them. */
export function requireStoreScope(stocks: StockRecord[], now: Date, action: StoreAction): void {
  requireLiveStocks(stocks, now, StoreMessages.expired(action));
  if (stocks.some((s) => s.data.store_scope !== 'SPECIFIC')) throw invalidRequest(StoreMessages.scope(action));
}
