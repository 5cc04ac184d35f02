import type { FastifyInstance } from 'fastify';
import { preSendCouponBundle } from '../../schemas/issuance.js';
import { preSend } from '../../services/issuance/presend.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function preSendRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, preSendCouponBundle, ({ mchid, params, body }) =>
    preSend(router.ctx.deps, mchid, params.openid, body),
  );
}
