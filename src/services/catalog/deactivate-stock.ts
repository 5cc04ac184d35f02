import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { DeactivateStockBodyT } from '../../schemas/stocks.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import {
  refuseStockState,
  requireNotDeactivated,
  requireSendingStock,
  requireStateKept,
  singleStockOf,
} from './lookup.js';
import { renderStock } from './render.js';
import { answerOf, bindRequest, earlierAnswer, recordOf } from './requests.js';
import type { StockT } from './types.js';

/**
 * 失效商品券批次 (D-104): one `SENDING` or `PAUSED` single-mode stock becomes `DEACTIVATED` and issues nothing more;
 * coupons it issued stay valid, and the product coupon and its other stocks are untouched.
 */
export async function deactivateStock(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: DeactivateStockBodyT,
): Promise<StockT> {
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
  const now = deps.clock.now();
  const stock = await singleStockOf(deps, coupon, params.stock_id, shanghaiDay(now));
  const request = bindRequest('deactivateStock', mchid, body.brand_id, body.out_request_no, { ...params, body });
  const earlier = await earlierAnswer<StockT>(deps, request);
  if (earlier) return earlier;
  requireNotDeactivated(coupon);
  requireSendingStock(stock, now);

  const at = toRfc3339(now);
  const deactivation = { request_no: body.out_request_no, time: at, reason: body.deactivate_reason };
  const response = renderStock({ ...stock, state: 'DEACTIVATED', deactivation, updatedAt: at }, now);
  const result = await deps.store.deactivateStock(recordOf(request, response, at), stock.stockId, deactivation);
  // Only a deactivation (of the stock or of its product coupon) can have committed since the checks above (D-108).
  requireStateKept(result, refuseStockState);
  return answerOf(request, result, response);
}
