import type { Static } from '@sinclair/typebox';
import { checkAddStockBundle, checkModifyStockBundle } from '../../domain/catalog-rules.js';
import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { addStockBundle as addEndpoint, ModifyStocksBodyT } from '../../schemas/stock-bundles.js';
import type { ProductCouponRecord, StockData } from '../../store/catalog.js';
import { checkAppIdRelated, checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { checkImageUrls } from '../media/image-urls.js';
import { Conflicts, runNumbered } from '../requests/pipeline.js';
import { stockStateFor } from './audit.js';
import { bundleRecords } from './build.js';
import { newStockBundleId, withFreshIds } from './ids.js';
import {
  bundleStocksOf,
  couponToAddTo,
  keptState,
  refuseStockState,
  requireLiveStocks,
  requireNotDeactivated,
} from './lookup.js';
import { renderBundle } from './render.js';
import type { StockBundleT } from './types.js';

/** 添加商品券批次组 / 修改商品券批次组. */

type AddBody = Static<typeof addEndpoint.body>;

export function addStockBundle(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: AddBody,
): Promise<StockBundleT> {
  const brandId = body.brand_id;
  const notifyAppId = body.stock_bundle.notify_config.notify_appid;
  const write = () =>
    runNumbered(deps, {
      key: { mchid, brandId, api: 'addStockBundle', requestNo: body.out_request_no },
      parameters: { product_coupon_id: productCouponId, body },
      conflict: Conflicts.addStockBundle,
      resolve: async () => {
        const coupon = await couponToAddTo(deps, mchid, productCouponId, body, { name: 'stock_bundle', notifyAppId });
        checkAddStockBundle(coupon.data, body.stock_bundle);
        return coupon;
      },
      plan: async (coupon) => {
        requireNotDeactivated(coupon);
        const now = deps.clock.now();
        const at = toRfc3339(now);
        const existing = await deps.store.listStocks({ productCouponId, limit: 1, day: shanghaiDay(now) });
        const stockBundleId = newStockBundleId(deps);
        const { record, stocks } = bundleRecords(
          body.stock_bundle,
          { mchid, brandId },
          {
            productCouponId,
            stockBundleId,
            type: coupon.data.type,
            existingStocks: existing.total,
            state: stockStateFor(coupon),
            at,
          },
        );
        return {
          response: renderBundle(stockBundleId, stocks, now),
          commit: (request) => deps.store.addStockBundle(request, record, stocks),
        };
      },
    });
  return withFreshIds(write);
}

/** Display, notify and store settings of every stock of the bundle (see `modifiedSettings`). */
export function modifyStockBundle(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_bundle_id: string },
  body: ModifyStocksBodyT,
): Promise<StockBundleT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'modifyStockBundle', requestNo: body.out_request_no },
    parameters: { ...params, body },
    resolve: async () => {
      const coupon = await couponToModify(deps, mchid, params.product_coupon_id, body);
      const now = deps.clock.now();
      const stocks = await bundleStocksOf(deps, coupon, params.stock_bundle_id, shanghaiDay(now));
      return { coupon, stocks, now };
    },
    plan: async ({ coupon, stocks, now }) => {
      requireNotDeactivated(coupon);
      requireLiveStocks(stocks, now);
      const at = toRfc3339(now);
      const changed = stocks.map((s) => ({ ...s, data: modifiedSettings(s.data, body), updatedAt: at }));
      const data = changed.map((s) => ({ stockId: s.stockId, data: s.data }));
      return {
        response: renderBundle(params.stock_bundle_id, changed, now),
        commit: (request) => deps.store.updateStocksData(request, data, at),
        settle: keptState(refuseStockState),
      };
    },
  });
}

/**
 * 修改商品券批次组 / 修改商品券批次 (D-4 up to existence): the body's rules, the brand, the notify AppID, then the
 * product coupon.
 */
export async function couponToModify(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: ModifyStocksBodyT,
): Promise<ProductCouponRecord> {
  checkModifyStockBundle(body);
  await checkImageUrls(deps, body);
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  if (body.notify_config)
    await checkAppIdRelated(deps, mchid, body.brand_id, body.notify_config.notify_appid, {
      field: '/notify_config/notify_appid',
      location: 'body',
    });
  return ownedProductCoupon(deps, mchid, body.brand_id, productCouponId);
}

/** Omitted objects stay as they are, except `store_scope`, which WeChat resets to `NONE` when omitted. */
export function modifiedSettings(data: StockData, body: ModifyStocksBodyT): StockData {
  return {
    ...data,
    ...(body.remark !== undefined ? { remark: body.remark } : {}),
    ...(body.usage_rule_display_info ? { usage_rule_display_info: body.usage_rule_display_info } : {}),
    ...(body.coupon_display_info ? { coupon_display_info: body.coupon_display_info } : {}),
    ...(body.notify_config ? { notify_config: body.notify_config } : {}),
    store_scope: body.store_scope ?? 'NONE',
  };
}
