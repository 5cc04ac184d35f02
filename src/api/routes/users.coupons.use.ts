import type { FastifyInstance } from 'fastify';
import { useUserCoupon } from '../../schemas/user-coupons.js';
import { useUserCoupon as use } from '../../services/lifecycle/use.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function useCouponRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, useUserCoupon, ({ mchid, params, body }) =>
    use(router.ctx.deps, mchid, params.openid, params.coupon_code, body),
  );
}
