import type { FastifyInstance } from 'fastify';
import { sendCouponBundle } from '../../schemas/issuance.js';
import { sendBundle } from '../../services/issuance/send.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function sendBundleRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, sendCouponBundle, ({ mchid, params, body }) =>
    sendBundle(router.ctx.deps, mchid, params.openid, body),
  );
}
