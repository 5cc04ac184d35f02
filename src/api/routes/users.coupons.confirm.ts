import type { FastifyInstance } from 'fastify';
import { confirmUserCoupon } from '../../schemas/user-coupons.js';
import { confirmUserCoupon as confirm } from '../../services/lifecycle/confirm.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function confirmCouponRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, confirmUserCoupon, ({ mchid, params, body }) =>
    confirm(router.ctx.deps, mchid, params.openid, params.coupon_code, body),
  );
}
