import type { FastifyInstance } from 'fastify';
import { getUserCoupon, listUserCoupons } from '../../schemas/user-coupons.js';
import * as queries from '../../services/user-coupons/queries.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function userCouponQueryRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, getUserCoupon, ({ mchid, params, query }) =>
    queries.getUserCoupon(deps, mchid, params.openid, params.coupon_code, query),
  );
  registerEndpoint(app, router, listUserCoupons, ({ mchid, params, query }) =>
    queries.listUserCoupons(deps, mchid, params.openid, query),
  );
}
