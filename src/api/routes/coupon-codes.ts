import type { FastifyInstance } from 'fastify';
import { uploadCouponCodes } from '../../schemas/coupon-codes.js';
import * as service from '../../services/catalog/coupon-codes.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

/** `/product-coupons/{product_coupon_id}/stocks/{stock_id}/upload-coupon-codes`: 预上传券Code. */
export function couponCodeRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, uploadCouponCodes, ({ mchid, params, body }) =>
    service.uploadCouponCodes(deps, mchid, params, body),
  );
}
