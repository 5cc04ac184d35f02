import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { ModifyStocksBodyT } from '../../schemas/stock-bundles.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { couponToModify, modifiedSettings } from './bundles.js';
import { keptState, refuseStockState, requireNotDeactivated, requireSendingStock, singleStockOf } from './lookup.js';
import { renderStock } from './render.js';
import type { StockT } from './types.js';

/**
 * 修改商品券批次: display, notify and store settings of one `SENDING` or `PAUSED` single-mode stock (D-73, D-105), as
 * 修改商品券批次组 does for a bundle.
 */
export function modifyStock(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: ModifyStocksBodyT,
): Promise<StockT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'modifyStock', requestNo: body.out_request_no },
    parameters: { ...params, body },
    resolve: async () => {
      const coupon = await couponToModify(deps, mchid, params.product_coupon_id, body);
      const now = deps.clock.now();
      const stock = await singleStockOf(deps, coupon, params.stock_id, shanghaiDay(now), '修改商品券批次组');
      return { coupon, stock, now };
    },
    plan: async ({ coupon, stock, now }) => {
      requireNotDeactivated(coupon);
      requireSendingStock(stock, now);
      const at = toRfc3339(now);
      const changed = { ...stock, data: modifiedSettings(stock.data, body), updatedAt: at };
      return {
        response: renderStock(changed, now),
        commit: (record) => deps.store.updateStocksData(record, [{ stockId: stock.stockId, data: changed.data }], at),
        settle: keptState(refuseStockState),
      };
    },
  });
}
