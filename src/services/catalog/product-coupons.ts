import type { Static } from '@sinclair/typebox';
import { checkModifyProductCoupon } from '../../domain/catalog-rules.js';
import { toRfc3339 } from '../../domain/clock.js';
import type * as endpoints from '../../schemas/product-coupons.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { checkImageUrls } from '../media/image-urls.js';
import { requireEffective, requireStateKept } from './lookup.js';
import { renderProductCoupon } from './render.js';
import { answerOf, bindRequest, earlierAnswer, recordOf } from './requests.js';
import type { ProductCouponT } from './types.js';

/** 查询商品券 / 修改商品券 / 失效商品券. */

type ModifyBody = Static<typeof endpoints.modifyProductCoupon.body>;
type DeactivateBody = Static<typeof endpoints.deactivateProductCoupon.body>;

export async function getProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  brandId: string,
): Promise<ProductCouponT> {
  await checkBrandAuthorized(deps, mchid, brandId);
  return renderProductCoupon(await ownedProductCoupon(deps, mchid, brandId, productCouponId));
}

/** Only display info changes; coupons already issued keep what they were issued with (修改商品券). */
export async function modifyProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: ModifyBody,
): Promise<ProductCouponT> {
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, productCouponId);
  checkModifyProductCoupon(coupon.data.scope, body.display_info);
  await checkImageUrls(deps, body);
  const request = bindRequest('modifyProductCoupon', mchid, body.brand_id, body.out_request_no, {
    product_coupon_id: productCouponId,
    body,
  });
  const earlier = await earlierAnswer<ProductCouponT>(deps, request);
  if (earlier) return earlier;
  requireEffective(coupon);
  const at = toRfc3339(deps.clock.now());
  const updated = { ...coupon, data: { ...coupon.data, display_info: body.display_info }, updatedAt: at };
  const response = renderProductCoupon(updated);
  const result = await deps.store.updateProductCoupon(recordOf(request, response, at), updated);
  requireStateKept(result, (state) => requireEffective({ state }));
  return answerOf(request, result, response);
}

/** The product coupon and every stock of it become DEACTIVATED (terminal); issued user coupons stay valid (失效商品券). */
export async function deactivateProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: DeactivateBody,
): Promise<ProductCouponT> {
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, productCouponId);
  const request = bindRequest('deactivateProductCoupon', mchid, body.brand_id, body.out_request_no, {
    product_coupon_id: productCouponId,
    body,
  });
  const earlier = await earlierAnswer<ProductCouponT>(deps, request);
  if (earlier) return earlier;
  requireEffective(coupon);
  const at = toRfc3339(deps.clock.now());
  const deactivation = { request_no: body.out_request_no, time: at, reason: body.deactivate_reason };
  const response = renderProductCoupon({ ...coupon, state: 'DEACTIVATED', deactivation, updatedAt: at });
  const result = await deps.store.deactivateProductCoupon(
    recordOf(request, response, at),
    productCouponId,
    deactivation,
  );
  requireStateKept(result, (state) => requireEffective({ state }));
  return answerOf(request, result, response);
}
