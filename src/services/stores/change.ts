import { toRfc3339 } from '../../domain/clock.js';
import { invalidRequest } from '../../domain/errors.js';
import type { StoreChangeResultT, StoreListBodyT } from '../../schemas/stores.js';
import { stateRefused } from '../catalog/lookup.js';
import type { ServiceDeps } from '../deps.js';
import { StoreMessages } from './messages.js';
import { bundleTarget, requireStoreScope, type StoreTarget, stockTarget } from './scope.js';

/**
 * 批次组批量关联 / 取消关联门店 and 批次关联 / 取消关联门店 (D-80, D-81): the request's stores, without duplicates, are
 * associated with (or taken from) every stock of the target. Stores the brand has not registered fail one by one;
 * the others succeed whether or not they were associated before, so a repeated call answers the same.
 */

type Action = 'associate' | 'disassociate';
type BundleParams = { product_coupon_id: string; stock_bundle_id: string };
type StockParams = { product_coupon_id: string; stock_id: string };

export const changeBundleStores =
  (action: Action) => async (deps: ServiceDeps, mchid: string, params: BundleParams, body: StoreListBodyT) =>
    changeStores(deps, await bundleTarget(deps, mchid, body.brand_id, params), body, action);

export const changeStockStores =
  (action: Action) => async (deps: ServiceDeps, mchid: string, params: StockParams, body: StoreListBodyT) =>
    changeStores(deps, await stockTarget(deps, mchid, body.brand_id, params, action), body, action);

async function changeStores(
  deps: ServiceDeps,
  target: StoreTarget,
  body: StoreListBodyT,
  action: Action,
): Promise<StoreChangeResultT> {
  const now = deps.clock.now();
  requireStoreScope(target.stocks, now, action);
  const requested = [...new Set(body.store_list.map((s) => s.store_id))];
  const registered = new Set(await deps.store.brandStoresAmong(target.coupon.brandId, requested));
  const outcome = await deps.store.changeStockStores({
    stockIds: target.stocks.map((s) => s.stockId),
    storeIds: requested.filter((id) => registered.has(id)),
    action,
    at: toRfc3339(now),
  });
  if (!outcome.ok)
    throw outcome.reason === 'scope'
      ? invalidRequest(StoreMessages.scope(action))
      : stateRefused(StoreMessages.deactivated);
  return {
    total_count: requested.length,
    success_store_list: requested.filter((id) => registered.has(id)).map((store_id) => ({ store_id })),
    failed_store_list: requested
      .filter((id) => !registered.has(id))
      .map((store_id) => ({ store_id, code: 'INVALID_REQUEST', message: StoreMessages.foreignStore })),
  };
}
