import type { Static } from '@sinclair/typebox';
import { checkAddStock } from '../../domain/catalog-rules.js';
import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { addStock as addEndpoint } from '../../schemas/stocks.js';
import type { ProductCouponRecord, StockRecord } from '../../store/catalog.js';
import type { ServiceDeps } from '../deps.js';
import { Conflicts, runNumbered } from '../requests/pipeline.js';
import { singleStockRecord } from './build-single.js';
import { withFreshIds } from './ids.js';
import { couponToAddTo, requireEffective, stateRefused } from './lookup.js';
import { renderStock, stockStateAt } from './render.js';
import type { StockT } from './types.js';

/** 添加商品券批次: one more stock for a single-mode product coupon (D-70, D-72). */

type AddBody = Static<typeof addEndpoint.body>;

/** WeChat counts at most this many stocks in effect per product coupon; stopped and deactivated ones do not count. */
const MAX_LIVE_STOCKS = 200;

export function addStock(deps: ServiceDeps, mchid: string, productCouponId: string, body: AddBody): Promise<StockT> {
  const brandId = body.brand_id;
  const notifyAppId = body.stock.notify_config.notify_appid;
  const write = () =>
    runNumbered(deps, {
      key: { mchid, brandId, api: 'addStock', requestNo: body.out_request_no },
      parameters: { product_coupon_id: productCouponId, body },
      conflict: Conflicts.addStock,
      resolve: async () => {
        const coupon = await couponToAddTo(deps, mchid, productCouponId, body, { name: 'stock', notifyAppId });
        checkAddStock(coupon.data, body.stock);
        return coupon;
      },
      plan: async (coupon) => {
        requireEffective(coupon);
        const now = deps.clock.now();
        const at = toRfc3339(now);
        const existing = await singleStocksOf(deps, coupon, now);
        requireRoomForStock(existing, now);
        const stock = singleStockRecord(
          body.stock,
          { mchid, brandId },
          { productCouponId, existingStocks: existing.length, state: 'SENDING', at },
        );
        return { response: renderStock(stock, now), commit: (request) => deps.store.addStock(request, stock) };
      },
    });
  return withFreshIds(write);
}

/** Every stock of a single-mode product coupon, in creation order (its stock group has the coupon's id, D-70). */
const singleStocksOf = (deps: ServiceDeps, coupon: ProductCouponRecord, now: Date): Promise<StockRecord[]> =>
  deps.store.getBundleStocks(coupon.productCouponId, shanghaiDay(now));

function requireRoomForStock(stocks: StockRecord[], now: Date): void {
  const live = stocks.filter((s) => !['STOPPED', 'DEACTIVATED'].includes(stockStateAt(s, now))).length;
  if (live >= MAX_LIVE_STOCKS) throw stateRefused(`同一个商品券下最多只能有${MAX_LIVE_STOCKS}个生效中的批次`);
}
