import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { ModifyStocksBodyT } from '../../schemas/stock-bundles.js';
import type { ServiceDeps } from '../deps.js';
import { couponToModify, modifiedSettings } from './bundles.js';
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
 * 修改商品券批次: display, notify and store settings of one `SENDING` or `PAUSED` single-mode stock (D-73, D-105), as
 * 修改商品券批次组 does for a bundle.
 */
export async function modifyStock(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: ModifyStocksBodyT,
): Promise<StockT> {
  const brandId = body.brand_id;
  const coupon = await couponToModify(deps, mchid, params.product_coupon_id, body);
  const now = deps.clock.now();
  const stock = await singleStockOf(deps, coupon, params.stock_id, shanghaiDay(now), '修改商品券批次组');
  const request = bindRequest('modifyStock', mchid, brandId, body.out_request_no, { ...params, body });
  const earlier = await earlierAnswer<StockT>(deps, request);
  if (earlier) return earlier;
  requireNotDeactivated(coupon);
  requireSendingStock(stock, now);

  const at = toRfc3339(now);
  const changed = { ...stock, data: modifiedSettings(stock.data, body), updatedAt: at };
  const response = renderStock(changed, now);
  const result = await deps.store.updateStocksData(
    recordOf(request, response, at),
    [{ stockId: stock.stockId, data: changed.data }],
    at,
  );
  requireStateKept(result, refuseStockState);
  return answerOf(request, result, response);
}
