import { checkCreateProductCoupon } from '../../domain/catalog-rules.js';
import { toRfc3339 } from '../../domain/clock.js';
import type { CreateProductCouponBodyT } from '../../schemas/product-coupons.js';
import type { StockBundleRecord, StockRecord, StockState } from '../../store/catalog.js';
import { checkAppIdRelated, checkBrandAuthorized } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { initialStates } from './audit.js';
import { bundleRecords, type Owner, productCouponRecord } from './build.js';
import { singleStockGroup, singleStockRecord } from './build-single.js';
import { newProductCouponId, newStockBundleId, withFreshIds } from './ids.js';
import { requireNotifyUrl } from './lookup.js';
import { renderBundle, renderProductCoupon, renderStock } from './render.js';
import { answerOf, bindRequest, Conflicts, earlierAnswer, recordOf } from './requests.js';
import type { CreatedProductCouponT } from './types.js';

/**
 * 创建商品券 with its first stock bundle (PROGRESSIVE_BUNDLE) or its first stock (SINGLE, D-70). Order (D-4): the
 * rules a schema cannot express, authorization and the notify AppID, the request number (D-5), then the notify URL.
 */
export async function createProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  body: CreateProductCouponBodyT,
): Promise<CreatedProductCouponT> {
  checkCreateProductCoupon(body);
  const brandId = body.brand_id;
  const part = body.stock_bundle ? 'stock_bundle' : 'stock';
  const notifyAppId = (body.stock_bundle ?? body.stock)?.notify_config.notify_appid;
  if (notifyAppId === undefined) throw new Error('checkCreateProductCoupon lets no stock-less body through');
  await checkBrandAuthorized(deps, mchid, brandId);
  await checkAppIdRelated(deps, mchid, brandId, notifyAppId, {
    field: `/${part}/notify_config/notify_appid`,
    location: 'body',
  });
  const request = bindRequest(
    'createProductCoupon',
    mchid,
    brandId,
    body.out_request_no,
    body,
    Conflicts.createProductCoupon,
  );
  const earlier = await earlierAnswer<CreatedProductCouponT>(deps, request);
  if (earlier) return earlier;
  await requireNotifyUrl(deps, mchid);

  return withFreshIds(async () => {
    const now = deps.clock.now();
    const at = toRfc3339(now);
    const owner = { mchid, brandId };
    const states = initialStates(deps);
    const productCouponId = await newProductCouponId(deps);
    const coupon = productCouponRecord(body, productCouponId, owner, states.coupon, at);
    const { group, stocks, answer } = firstStocks(deps, body, { productCouponId, owner, state: states.stock, at, now });
    const response = { ...renderProductCoupon(coupon), ...answer };
    const result = await deps.store.createProductCoupon(recordOf(request, response, at), coupon, group, stocks);
    return answerOf(request, result, response);
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
