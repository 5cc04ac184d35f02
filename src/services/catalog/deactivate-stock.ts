import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { DeactivateStockBodyT } from '../../schemas/stocks.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { keptState, refuseStockState, requireNotDeactivated, requireSendingStock, singleStockOf } from './lookup.js';
import { renderStock } from './render.js';
import type { StockT } from './types.js';

/**
 * 失效商品券批次 (D-104): one `SENDING` or `PAUSED` single-mode stock becomes `DEACTIVATED` and issues nothing more;
 * coupons it issued stay valid, and the product coupon and its other stocks are untouched.
 */
export function deactivateStock(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: DeactivateStockBodyT,
): Promise<StockT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'deactivateStock', requestNo: body.out_request_no },
    parameters: { ...params, body },
    resolve: async () => {
      await checkBrandAuthorized(deps, mchid, body.brand_id);
      const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
      const now = deps.clock.now();
      const stock = await singleStockOf(deps, coupon, params.stock_id, shanghaiDay(now));
      return { coupon, stock, now };
    },
    plan: async ({ coupon, stock, now }) => {
      requireNotDeactivated(coupon);
      requireSendingStock(stock, now);
      const at = toRfc3339(now);
      const deactivation = { request_no: body.out_request_no, time: at, reason: body.deactivate_reason };
      return {
        response: renderStock({ ...stock, state: 'DEACTIVATED', deactivation, updatedAt: at }, now),
        commit: (record) => deps.store.deactivateStock(record, stock.stockId, deactivation),
        // Only a deactivation (of the stock or of its product coupon) can have committed since the checks (D-108).
        settle: keptState(refuseStockState),
      };
    },
  });
}
