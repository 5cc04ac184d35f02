import type { FastifyInstance } from 'fastify';
import { returnUserCoupon } from '../../schemas/user-coupons.js';
import { returnUserCoupon as giveBack } from '../../services/lifecycle/return.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function returnCouponRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, returnUserCoupon, ({ mchid, params, body }) =>
    giveBack(router.ctx.deps, mchid, params.openid, params.coupon_code, body),
  );
}
