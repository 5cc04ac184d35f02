import type { FastifyInstance } from 'fastify';
import {
  createProductCoupon,
  deactivateProductCoupon,
  getProductCoupon,
  modifyProductCoupon,
} from '../../schemas/product-coupons.js';
import { createProductCoupon as create } from '../../services/catalog/create.js';
import * as service from '../../services/catalog/product-coupons.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

/** `/product-coupons` and `/product-coupons/{product_coupon_id}` (+ `/deactivate`): 创建商品券, 查询 / 修改 / 失效商品券. */
export function productCouponRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, createProductCoupon, ({ mchid, body }) => create(deps, mchid, body));
  registerEndpoint(app, router, getProductCoupon, ({ mchid, params, query }) =>
    service.getProductCoupon(deps, mchid, params.product_coupon_id, query.brand_id),
  );
  registerEndpoint(app, router, modifyProductCoupon, ({ mchid, params, body }) =>
    service.modifyProductCoupon(deps, mchid, params.product_coupon_id, body),
  );
  registerEndpoint(app, router, deactivateProductCoupon, ({ mchid, params, body }) =>
    service.deactivateProductCoupon(deps, mchid, params.product_coupon_id, body),
  );
}
