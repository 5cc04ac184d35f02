import { checkCreateProductCoupon } from '../../domain/catalog-rules.js';
import { toRfc3339 } from '../../domain/clock.js';
import type { CreateProductCouponBodyT } from '../../schemas/product-coupons.js';
import type { StockBundleRecord, StockRecord, StockState } from '../../store/catalog.js';
import { checkAppIdRelated, checkBrandAuthorized } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { checkImageUrls } from '../media/image-urls.js';
import { Conflicts, runNumbered } from '../requests/pipeline.js';
import { initialStates } from './audit.js';
import { bundleRecords, type Owner, productCouponRecord } from './build.js';
import { singleStockGroup, singleStockRecord } from './build-single.js';
import { newProductCouponId, newStockBundleId, withFreshIds } from './ids.js';
import { requireNotifyUrl } from './lookup.js';
import { renderBundle, renderProductCoupon, renderStock } from './render.js';
import type { CreatedProductCouponT } from './types.js';

/**
 * 创建商品券 with its first stock bundle (PROGRESSIVE_BUNDLE) or its first stock (SINGLE, D-70). Order (D-4): the
 * rules a schema cannot express, authorization and the notify AppID, the request number (D-5), then the notify URL.
 */
export function createProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  body: CreateProductCouponBodyT,
): Promise<CreatedProductCouponT> {
  const brandId = body.brand_id;
  const write = () =>
    runNumbered(deps, {
      key: { mchid, brandId, api: 'createProductCoupon', requestNo: body.out_request_no },
      parameters: body,
      conflict: Conflicts.createProductCoupon,
      resolve: () => checkCreate(deps, mchid, body),
      plan: async () => {
        await requireNotifyUrl(deps, mchid);
        const now = deps.clock.now();
        const at = toRfc3339(now);
        const owner = { mchid, brandId };
        const states = initialStates(deps);
        const productCouponId = await newProductCouponId(deps);
        const coupon = productCouponRecord(body, productCouponId, owner, states.coupon, at);
        const first = { productCouponId, owner, state: states.stock, at, now };
        const { group, stocks, answer } = firstStocks(deps, body, first);
        return {
          response: { ...renderProductCoupon(coupon), ...answer },
          commit: (request) => deps.store.createProductCoupon(request, coupon, group, stocks),
        };
      },
    });
  return withFreshIds(write);
}

/** D-4 up to the request number: the rules a schema cannot express, the images, the brand, the notify AppID. */
async function checkCreate(deps: ServiceDeps, mchid: string, body: CreateProductCouponBodyT): Promise<void> {
  checkCreateProductCoupon(body);
  await checkImageUrls(deps, body);
  const part = body.stock_bundle ? 'stock_bundle' : 'stock';
  const notifyAppId = (body.stock_bundle ?? body.stock)?.notify_config.notify_appid;
  if (notifyAppId === undefined) throw new Error('checkCreateProductCoupon lets no stock-less body through');
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  await checkAppIdRelated(deps, mchid, body.brand_id, notifyAppId, {
    field: `/${part}/notify_config/notify_appid`,
    location: 'body',
  });
}

interface NewCoupon {
  productCouponId: string;
  owner: Owner;
  state: StockState;
  at: string;
  now: Date;
}

/** The stock group, its stocks, and the part of the answer that shows them (`stock_bundle` or `stock`). */
function firstStocks(
  deps: ServiceDeps,
  body: CreateProductCouponBodyT,
  n: NewCoupon,
): { group: StockBundleRecord; stocks: StockRecord[]; answer: Partial<CreatedProductCouponT> } {
  if (body.stock) {
    const stock = singleStockRecord(body.stock, n.owner, { ...n, existingStocks: 0 });
    const group = singleStockGroup(n.productCouponId, n.owner, n.at);
    return { group, stocks: [stock], answer: { stock: renderStock(stock, n.now) } };
  }
  const stockBundleId = newStockBundleId(deps);
  const { record, stocks } = bundleRecords(body.stock_bundle!, n.owner, {
    productCouponId: n.productCouponId,
    stockBundleId,
    type: body.type,
    existingStocks: 0,
    state: n.state,
    at: n.at,
  });
  return { group: record, stocks, answer: { stock_bundle: renderBundle(stockBundleId, stocks, n.now) } };
}
