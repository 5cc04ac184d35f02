import { checkCreateProductCoupon } from '../../domain/catalog-rules.js';
import { toRfc3339 } from '../../domain/clock.js';
import type { CreateProductCouponBodyT } from '../../schemas/product-coupons.js';
import { checkAppIdRelated, checkBrandAuthorized } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { checkImageUrls } from '../media/image-urls.js';
import { initialStates } from './audit.js';
import { bundleRecords, productCouponRecord } from './build.js';
import { newProductCouponId, newStockBundleId, withFreshIds } from './ids.js';
import { requireNotifyUrl } from './lookup.js';
import { renderBundle, renderProductCoupon } from './render.js';
import { answerOf, bindRequest, Conflicts, earlierAnswer, recordOf } from './requests.js';
import type { CreatedProductCouponT } from './types.js';

/**
 * 创建商品券 in PROGRESSIVE_BUNDLE mode, with its first stock bundle. Order (D-4): the rules a
 * schema cannot express, authorization and the notify AppID, the request number (D-5), then the notify URL.
 */
export async function createProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  body: CreateProductCouponBodyT,
): Promise<CreatedProductCouponT> {
  checkCreateProductCoupon(body);
  await checkImageUrls(deps, body);
  const { stock_bundle: bundle, brand_id: brandId } = body;
  if (bundle === undefined) throw new Error('checkCreateProductCoupon lets no bundle-less body through');
  await checkBrandAuthorized(deps, mchid, brandId);
  await checkAppIdRelated(deps, mchid, brandId, bundle.notify_config.notify_appid, {
    field: '/stock_bundle/notify_config/notify_appid',
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
    const stockBundleId = newStockBundleId(deps);
    const coupon = productCouponRecord(body, productCouponId, owner, states.coupon, at);
    const { record, stocks } = bundleRecords(bundle, owner, {
      productCouponId,
      stockBundleId,
      type: body.type,
      existingStocks: 0,
      state: states.stock,
      at,
    });
    const response = { ...renderProductCoupon(coupon), stock_bundle: renderBundle(stockBundleId, stocks, now) };
    const result = await deps.store.createProductCoupon(recordOf(request, response, at), coupon, record, stocks);
    return answerOf(request, result, response);
  });
}
