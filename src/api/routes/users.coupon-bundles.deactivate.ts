import type { FastifyInstance } from 'fastify';
import { deactivateUserCouponBundle } from '../../schemas/user-coupons.js';
import { deactivateUserCouponBundle as deactivate } from '../../services/lifecycle/deactivate.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function deactivateBundleRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, deactivateUserCouponBundle, ({ mchid, params, body }) =>
    deactivate(router.ctx.deps, mchid, params.openid, params.user_coupon_bundle_id, body),
  );
}
