import type { FastifyInstance } from 'fastify';
import { deactivateUserCoupon } from '../../schemas/user-coupons.js';
import { deactivateUserCoupon as deactivate } from '../../services/lifecycle/deactivate-coupon.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function deactivateCouponRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, deactivateUserCoupon, ({ mchid, params, body }) =>
    deactivate(router.ctx.deps, mchid, params.openid, params.coupon_code, body),
  );
}
