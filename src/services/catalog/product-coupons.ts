import type { Static } from '@sinclair/typebox';
import { checkModifyProductCoupon } from '../../domain/catalog-rules.js';
import { toRfc3339 } from '../../domain/clock.js';
import type * as endpoints from '../../schemas/product-coupons.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { checkImageUrls } from '../media/image-urls.js';
import { runNumbered } from '../requests/pipeline.js';
import { keptState, refuseCouponState, requireEffective } from './lookup.js';
import { renderProductCoupon } from './render.js';
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
export function modifyProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: ModifyBody,
): Promise<ProductCouponT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'modifyProductCoupon', requestNo: body.out_request_no },
    parameters: { product_coupon_id: productCouponId, body },
    resolve: async () => {
      await checkBrandAuthorized(deps, mchid, body.brand_id);
      const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, productCouponId);
      checkModifyProductCoupon(coupon.data.scope, body.display_info);
      await checkImageUrls(deps, body);
      return coupon;
    },
    plan: async (coupon) => {
      requireEffective(coupon);
      const at = toRfc3339(deps.clock.now());
      const updated = { ...coupon, data: { ...coupon.data, display_info: body.display_info }, updatedAt: at };
      return {
        response: renderProductCoupon(updated),
        commit: (record) => deps.store.updateProductCoupon(record, updated),
        settle: keptState(refuseCouponState),
      };
    },
  });
}

/** The product coupon and every stock of it become DEACTIVATED (terminal); issued user coupons stay valid (失效商品券). */
export function deactivateProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: DeactivateBody,
): Promise<ProductCouponT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'deactivateProductCoupon', requestNo: body.out_request_no },
    parameters: { product_coupon_id: productCouponId, body },
    resolve: async () => {
      await checkBrandAuthorized(deps, mchid, body.brand_id);
      return ownedProductCoupon(deps, mchid, body.brand_id, productCouponId);
    },
    plan: async (coupon) => {
      requireEffective(coupon);
      const at = toRfc3339(deps.clock.now());
      const deactivation = { request_no: body.out_request_no, time: at, reason: body.deactivate_reason };
      return {
        response: renderProductCoupon({ ...coupon, state: 'DEACTIVATED', deactivation, updatedAt: at }),
        commit: (record) => deps.store.deactivateProductCoupon(record, productCouponId, deactivation),
        settle: keptState(refuseCouponState),
      };
    },
  });
}
